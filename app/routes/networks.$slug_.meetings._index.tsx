import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, Button, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { useLocale, useT } from "~/i18n/use-locale";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime, formatTime } from "~/lib/format";
import { parseStockholm, toStockholmInput } from "~/lib/time";
import { listMeetings, MEETING_LIST_LIMIT, meetingsBetween } from "~/models/meetings.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "meetings", data && { name: data.network.name });

/** "2026-12" → the month's first instant in Stockholm and the next month's; invalid → this month. */
function monthRange(param: string | null) {
  const now = toStockholmInput(new Date()).slice(0, 7);
  const month = param && /^\d{4}-(0[1-9]|1[0-2])$/.test(param) ? param : now;
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  return { month, prev, next, from: parseStockholm(`${month}-01 00:00`)!, to: parseStockholm(`${next}-01 00:00`)! };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const url = new URL(request.url);
  if (url.searchParams.get("view") !== "month") {
    const found = await listMeetings(actor, params.slug ?? "");
    if (!found) throw new Response("Not found", { status: 404 });
    const { network, ...list } = found;
    return { network, list, calendar: null };
  }
  // The month view shows one month; the lists are not fetched (nor rendered hidden).
  const range = monthRange(url.searchParams.get("month"));
  const inMonth = await meetingsBetween(actor, params.slug ?? "", range.from, range.to);
  if (!inMonth) throw new Response("Not found", { status: 404 });
  return {
    network: inMonth.network,
    list: null,
    calendar: {
      month: range.month,
      prev: range.prev,
      next: range.next,
      meetings: inMonth.meetings.map((m) => ({ ...m, day: toStockholmInput(m.startsAt!).slice(0, 10) })),
    },
  };
}

function MonthView({ calendar, slug }: { calendar: NonNullable<Awaited<ReturnType<typeof loader>>["calendar"]>; slug: string }) {
  const t = useT();
  const lang = useLocale();
  const [y, m] = calendar.month.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const title = new Intl.DateTimeFormat(lang === "sv" ? "sv-SE" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(first);
  const weekdays = t("meetings.weekdays").split(",");
  return (
    <Flex direction="column" gap="2">
      <Flex justify="between" align="center" gap="3" wrap="wrap">
        <AppLink to={`/networks/${slug}/meetings?view=month&month=${calendar.prev}`}>← {t("meetings.previousMonth")}</AppLink>
        <Heading as="h2" size="5" className="month-title">
          {title}
        </Heading>
        <AppLink to={`/networks/${slug}/meetings?view=month&month=${calendar.next}`}>{t("meetings.nextMonth")} →</AppLink>
      </Flex>
      <table className="month-view" data-testid="month-view">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th scope="col" key={d}>
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, i) => {
                const date = day ? `${calendar.month}-${String(day).padStart(2, "0")}` : null;
                const items = date ? calendar.meetings.filter((mt) => mt.day === date) : [];
                return (
                  <td key={i} className={items.length ? "month-busy" : undefined}>
                    {/* On a phone the month is a list of its days with meetings: each day names its weekday. */}
                    {day ? <span className="month-weekday">{weekdays[i]} </span> : null}
                    {day ? <span className="month-day">{day}</span> : null}
                    {items.map((mt) => (
                      <div key={mt.id}>
                        <AppLink to={`/meetings/${mt.id}`}>
                          {formatTime(mt.startsAt!, lang)} {mt.title}
                        </AppLink>
                      </div>
                    ))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {calendar.meetings.length === 0 ? (
        <Text as="p" color="gray" className="show-on-phone">
          {t("meetings.noneThisMonth")}
        </Text>
      ) : null}
    </Flex>
  );
}

type Row = NonNullable<Awaited<ReturnType<typeof listMeetings>>>["upcoming"][number];

function MeetingList({ rows, empty, testId }: { rows: Row[]; empty: string; testId: string }) {
  const t = useT();
  const lang = useLocale();
  if (rows.length === 0) return <Text as="p" color="gray">{empty}</Text>;
  return (
    <Flex direction="column" gap="2" asChild>
      <ul className="plain-list" data-testid={testId}>
        {rows.map((m) => (
          <li key={m.id}>
            <Card size="2">
              <Flex direction="column" gap="1">
                <Flex gap="2" align="center" wrap="wrap">
                  <Heading as="h3" size="3">
                    <AppLink to={`/meetings/${m.id}`}>{m.title}</AppLink>
                  </Heading>
                  {m.status === "polling" ? <Badge color="amber" highContrast>{t("meetings.polling")}</Badge> : null}
                  {m.status === "cancelled" ? <Badge color="red">{t("meetings.cancelled")}</Badge> : null}
                </Flex>
                <Text size="2" color="gray">
                  {m.startsAt
                    ? formatDateTime(m.startsAt, lang)
                    : m.pollDeadline
                      ? t("meetings.pollUntil", { date: formatDateTime(m.pollDeadline, lang) })
                      : null}
                  {m.place ? ` · ${m.place}` : ""}
                </Text>
              </Flex>
            </Card>
          </li>
        ))}
      </ul>
    </Flex>
  );
}

/** One list of the page (upcoming or past), with a pointer to the month view when it was cut. */
function MeetingSection(props: { id: "upcoming" | "past"; heading: string; rows: Row[]; empty: string; cut: string | null; slug: string }) {
  const t = useT();
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <Heading as="h2" size="5" id={`${props.id}-heading`} mb="2">
        {props.heading}
      </Heading>
      <MeetingList rows={props.rows} empty={props.empty} testId={`${props.id}-meetings`} />
      {props.cut ? (
        <Text as="p" size="2" mt="2" data-testid="meetings-cut">
          {props.cut} <AppLink to={`/networks/${props.slug}/meetings?view=month`}>{t("meetings.month")}</AppLink>
        </Text>
      ) : null}
    </section>
  );
}

export default function Meetings() {
  const { network, list, calendar } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Flex direction="column" gap="5">
      <Flex direction="column" gap="2">
        <Text size="2">
          <AppLink to={`/networks/${network.slug}`}>{network.name}</AppLink>
        </Text>
        <Flex justify="between" align="center" gap="3" wrap="wrap">
          <Heading as="h1" size="8">
            {t("meetings.heading", { network: network.name })}
          </Heading>
          {network.manages ? (
            <Button asChild>
              <Link to={`/networks/${network.slug}/meetings/new`}>{t("meetings.create")}</Link>
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <nav aria-label={t("meetings.title")}>
        <Flex gap="3">
          <AppLink to={`/networks/${network.slug}/meetings`}>{t("meetings.list")}</AppLink>
          <AppLink to={`/networks/${network.slug}/meetings?view=month`}>{t("meetings.month")}</AppLink>
        </Flex>
      </nav>
      {calendar ? <MonthView calendar={calendar} slug={network.slug} /> : null}
      {list ? (
        <>
          <MeetingSection id="upcoming" heading={t("meetings.upcoming")} rows={list.upcoming} empty={t("meetings.noUpcoming")} cut={list.upcomingMore ? t("meetings.upcomingCut", { count: MEETING_LIST_LIMIT }) : null} slug={network.slug} />
          <MeetingSection id="past" heading={t("meetings.past")} rows={list.past} empty={t("meetings.noPast")} cut={list.pastMore ? t("meetings.pastCut", { count: MEETING_LIST_LIMIT }) : null} slug={network.slug} />
        </>
      ) : null}
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, Button, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { useTranslation } from "react-i18next";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { isLocale } from "~/i18n/config";
import { formatDateTime } from "~/lib/format";
import { listMeetings } from "~/models/meetings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Möten · ${data.network.name} · Nätverksportalen` : "Nätverksportalen" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const list = await listMeetings(actorOf(session.user), params.slug ?? "");
  if (!list) throw new Response("Not found", { status: 404 });
  return list;
}

type Row = Awaited<ReturnType<typeof loader>>["upcoming"][number];

function MeetingList({ rows, empty, testId }: { rows: Row[]; empty: string; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = isLocale(i18n.language) ? i18n.language : "sv";
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

export default function Meetings() {
  const { network, upcoming, past } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
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
      <section aria-labelledby="upcoming-heading">
        <Heading as="h2" size="5" id="upcoming-heading" mb="2">
          {t("meetings.upcoming")}
        </Heading>
        <MeetingList rows={upcoming} empty={t("meetings.noUpcoming")} testId="upcoming-meetings" />
      </section>
      <section aria-labelledby="past-heading">
        <Heading as="h2" size="5" id="past-heading" mb="2">
          {t("meetings.past")}
        </Heading>
        <MeetingList rows={past} empty={t("meetings.noPast")} testId="past-meetings" />
      </section>
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

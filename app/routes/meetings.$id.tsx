import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Button, Callout, Card, DataList, Flex, Grid, Heading, Table, Text, TextField } from "@radix-ui/themes";
import { useLocale, useT } from "~/i18n/use-locale";
import { z } from "zod";
import { requireSession } from "~/auth/guard.server";
import { LinkedDocuments } from "~/components/linked-documents";
import { ResettingForm, SubmitButton } from "~/components/resetting-form";
import { linkableDocuments, linkDocument, linkedDocuments } from "~/models/library.server";
import { markSubjectRead } from "~/models/notifications.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime, formatTime } from "~/lib/format";
import { appOrigin } from "~/lib/origin.server";
import { addAgendaItem, deleteAgendaItem, moveAgendaItem } from "~/models/agenda.server";
import { requestMeta } from "~/models/audit.server";
import { cancelMeeting, changeMeeting, getMeetingPage, remindNonVoters, schedulePoll, setRsvp, visibleMeeting, vote } from "~/models/meetings.server";
import { parseStockholm, toStockholmInput } from "~/lib/time";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data && { name: data.meeting.title });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const page = await getMeetingPage(actorOf(session.user), params.id ?? "");
  if (!page) throw new Response("Not found", { status: 404 });
  const actor = actorOf(session.user);
  await markSubjectRead(actor, { meetingId: page.meeting.id, kind: ["poll_opened", "meeting_scheduled"] });
  const [documents, linkable] = await Promise.all([
    linkedDocuments(actor, { meetingId: page.meeting.id }),
    page.manages ? linkableDocuments(actor, [page.network.slug]) : Promise.resolve([]),
  ]);
  return { ...page, viewerId: session.user.id, documents, linkable };
}

const Answer = z.enum(["yes", "if_need_be", "no"]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const meta = requestMeta(request, context);
  const form = await request.formData();
  const id = params.id ?? "";
  const intent = form.get("intent");
  let outcome;
  let done: string;
  if (intent === "rsvp") {
    const answer = z.enum(["attend", "maybe", "decline"]).safeParse(form.get("answer"));
    if (!answer.success) throw new Response("Bad request", { status: 400 });
    outcome = await setRsvp(actor, id, answer.data, meta);
    done = "meetings.rsvp.saved";
  } else if (intent === "vote") {
    const answers = [...form.entries()]
      .filter(([k]) => k.startsWith("option:"))
      .map(([k, v]) => ({ optionId: k.slice("option:".length), answer: Answer.safeParse(v) }));
    if (answers.length === 0 || answers.some((a) => !a.answer.success)) throw new Response("Bad request", { status: 400 });
    outcome = await vote(actor, id, answers.map((a) => ({ optionId: a.optionId, answer: a.answer.data! })), meta);
    done = "meetings.poll.saved";
  } else if (intent === "schedule") {
    outcome = await schedulePoll(actor, id, String(form.get("optionId") ?? ""), meta, appOrigin());
    done = "meetings.poll.scheduled";
  } else if (intent === "change") {
    const parsed = z
      .object({
        startsAt: z.string().max(40),
        durationMinutes: z.coerce.number().int().min(15).max(720),
        place: z.string().trim().max(300),
        onlineLink: z.union([z.literal(""), z.string().trim().max(500).url().regex(/^https?:\/\//i)]),
      })
      .safeParse(Object.fromEntries(form));
    const startsAt = parsed.success ? parseStockholm(parsed.data.startsAt) : null;
    if (!parsed.success || !startsAt) return data({ error: "meetings.errors.badTime", done: null }, { status: 400 });
    const changed = await changeMeeting(actor, id, { ...parsed.data, startsAt }, meta, appOrigin());
    if (!changed.ok && changed.reason === "invalid") return data({ error: changed.message, done: null }, { status: 400 });
    outcome = changed.ok ? changed : { ok: false as const, reason: changed.reason };
    done = "meetings.change.saved";
  } else if (intent === "agenda-add") {
    const parsed = z
      .object({
        title: z.string().trim().min(1).max(300),
        presenter: z.string().max(100).default(""),
        time: z.string().regex(/^\d{2}:\d{2}$/).optional(),
      })
      .safeParse({ title: form.get("title"), presenter: form.get("presenter") ?? "", time: form.get("time") || undefined });
    if (!parsed.success) return data({ error: "meetings.errors.agendaInvalid", done: null }, { status: 400 });
    const page = await getMeetingPage(actor, id);
    if (!page) throw new Response("Not found", { status: 404 });
    let offset: number | null = null;
    if (parsed.data.time && page.meeting.startsAt) {
      const [h, m] = parsed.data.time.split(":").map(Number) as [number, number];
      const start = toStockholmInput(page.meeting.startsAt).slice(11);
      offset = h * 60 + m - (Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5)));
    }
    const added = await addAgendaItem(actor, id, { title: parsed.data.title, presenter: parsed.data.presenter, startOffsetMinutes: offset, durationMinutes: null }, meta);
    if (!added.ok && added.reason === "too_many") return data({ error: "meetings.errors.agendaTooMany", done: null }, { status: 400 });
    outcome = added.ok ? added : { ok: false as const, reason: added.reason === "closed" ? ("closed" as const) : ("not_found" as const) };
    done = "meetings.agendaForm.added";
  } else if (intent === "agenda-up" || intent === "agenda-down" || intent === "agenda-delete") {
    const itemId = String(form.get("itemId") ?? "");
    const result =
      intent === "agenda-delete"
        ? await deleteAgendaItem(actor, id, itemId, meta)
        : await moveAgendaItem(actor, id, itemId, intent === "agenda-up" ? "up" : "down", meta);
    outcome = result.ok ? result : { ok: false as const, reason: result.reason === "closed" ? ("closed" as const) : ("not_found" as const) };
    done = "meetings.agendaForm.saved";
  } else if (intent === "remind") {
    const reminded = await remindNonVoters(actor, id, meta, appOrigin());
    if (reminded.ok) return { error: null, done: "meetings.poll.reminded", count: reminded.count };
    outcome = reminded;
    done = "";
  } else if (intent === "linkDocument") {
    const row = await visibleMeeting(actor, id);
    const linked = row?.manages ? await linkDocument(actor, String(form.get("document") ?? ""), { meetingId: id }, meta) : false;
    outcome = linked ? { ok: true as const } : { ok: false as const, reason: "not_found" as const };
    done = "library.linking.linked";
  } else if (intent === "cancel") {
    outcome = await cancelMeeting(actor, id, meta, appOrigin());
    done = "meetings.change.cancelled";
  } else {
    throw new Response("Bad request", { status: 400 });
  }
  if (!outcome.ok) {
    if (outcome.reason === "closed") {
      const key = String(intent).startsWith("agenda") ? "meetings.errors.agendaClosed" : intent === "vote" ? "meetings.errors.closed" : "meetings.errors.meetingClosed";
      return data({ error: key, done: null, count: 0 }, { status: 409 });
    }
    throw new Response("Not found", { status: 404 });
  }
  return { error: null, done, count: 0 };
}

export default function MeetingPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLocale();
  const { meeting, network } = page;
  const byOrganisation = new Map<string, typeof page.invitees>();
  for (const i of page.invitees) byOrganisation.set(i.organisationName, [...(byOrganisation.get(i.organisationName) ?? []), i]);
  const myVote = (optionId: string) => page.votes.find((v) => v.optionId === optionId && v.userId === page.viewerId)?.answer;
  const count = (optionId: string, answer: string) => page.votes.filter((v) => v.optionId === optionId && v.answer === answer).length;

  return (
    <Flex direction="column" gap="5">
      <Text size="2">
        <AppLink to={`/networks/${network.slug}/meetings`}>{t("meetings.backToList", { network: network.name })}</AppLink>
      </Text>
      <Flex direction="column" gap="2">
        <Heading as="h1" size="8">
          {meeting.title}
        </Heading>
        <Flex gap="2">
          {meeting.status === "polling" ? <Badge color="amber" highContrast>{t("meetings.polling")}</Badge> : null}
          {meeting.status === "cancelled" ? <Badge color="red">{t("meetings.cancelled")}</Badge> : null}
        </Flex>
      </Flex>
      {actionData?.error ? (
        <Callout.Root color="red" role="alert">
          <Callout.Text>{t(actionData.error)}</Callout.Text>
        </Callout.Root>
      ) : null}
      {actionData?.done ? (
        <Callout.Root color="green" highContrast role="status">
          <Callout.Text>{t(actionData.done, { count: "count" in actionData ? actionData.count : 0 })}</Callout.Text>
        </Callout.Root>
      ) : null}

      <Card size="3">
        <DataList.Root>
          {meeting.startsAt && meeting.endsAt ? (
            <DataList.Item>
              <DataList.Label>{t("meetings.when")}</DataList.Label>
              <DataList.Value>
                {formatDateTime(meeting.startsAt, lang)}–{formatTime(meeting.endsAt, lang)}
              </DataList.Value>
            </DataList.Item>
          ) : null}
          {meeting.place ? (
            <DataList.Item>
              <DataList.Label>{t("meetings.where")}</DataList.Label>
              <DataList.Value>{meeting.place}</DataList.Value>
            </DataList.Item>
          ) : null}
          {meeting.onlineLink ? (
            <DataList.Item>
              <DataList.Label>{t("meetings.online")}</DataList.Label>
              <DataList.Value>
                <a href={meeting.onlineLink} rel="noopener noreferrer">
                  {meeting.onlineLink}
                </a>
              </DataList.Value>
            </DataList.Item>
          ) : null}
        </DataList.Root>
        {meeting.description ? (
          <Text as="p" mt="3" style={{ whiteSpace: "pre-wrap" }}>
            {meeting.description}
          </Text>
        ) : null}
        <Text as="p" mt="3" size="2">
          <AppLink to={`/meetings/${meeting.id}/minutes`}>{t("minutes.link")}</AppLink>
        </Text>
        {meeting.status === "scheduled" ? (
          <Text as="p" mt="3" size="2">
            <a href={`/meetings/${meeting.id}/calendar.ics`} download>
              {t("meetings.calendarFile")}
            </a>
          </Text>
        ) : null}
      </Card>

      {meeting.status === "polling" ? (
        <Card asChild size="3">
          <section aria-labelledby="poll-heading">
            <Heading as="h2" size="5" id="poll-heading" mb="2">
              {t("meetings.poll.heading")}
            </Heading>
            <Text as="p" size="2" color="gray" mb="3">
              {t("meetings.poll.intro")}
            </Text>
            <Form method="post">
              <input type="hidden" name="intent" value="vote" />
              <Table.Root data-testid="poll">
                <caption className="visually-hidden">{t("meetings.poll.heading")}</caption>
                <Table.Header>
                  <Table.Row>
                    <Table.ColumnHeaderCell scope="col">{t("meetings.when")}</Table.ColumnHeaderCell>
                    {(["yes", "if_need_be", "no"] as const).map((a) => (
                      <Table.ColumnHeaderCell key={a} scope="col">
                        {t(`meetings.poll.${a}`)}
                      </Table.ColumnHeaderCell>
                    ))}
                    <Table.ColumnHeaderCell scope="col">
                      <span className="visually-hidden">{t("meetings.poll.counts", { yes: "", maybe: "" })}</span>
                    </Table.ColumnHeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {page.options.map((o) => {
                    const label = `${formatDateTime(o.startsAt, lang)}–${formatTime(o.endsAt, lang)}`;
                    return (
                      <Table.Row key={o.id}>
                        <Table.RowHeaderCell>{label}</Table.RowHeaderCell>
                        {(["yes", "if_need_be", "no"] as const).map((a) => (
                          <Table.Cell key={a}>
                            <input
                              type="radio"
                              name={`option:${o.id}`}
                              value={a}
                              defaultChecked={myVote(o.id) === a}
                              aria-label={`${t(`meetings.poll.${a}`)}: ${label}`}
                            />
                          </Table.Cell>
                        ))}
                        <Table.Cell>
                          <Flex direction="column" gap="1">
                            <Text size="1" color="gray">
                              {t("meetings.poll.counts", { yes: count(o.id, "yes"), maybe: count(o.id, "if_need_be") })}
                            </Text>
                          </Flex>
                        </Table.Cell>
                      </Table.Row>
                    );
                  })}
                </Table.Body>
              </Table.Root>
              <Button type="submit" mt="3">
                {t("meetings.poll.save")}
              </Button>
            </Form>
            {page.voters.length > 0 ? (
              <Table.Root mt="4" size="1" data-testid="poll-grid">
                <caption className="visually-hidden">{t("meetings.poll.grid")}</caption>
                <Table.Header>
                  <Table.Row>
                    <Table.ColumnHeaderCell scope="col">{t("meetings.poll.person")}</Table.ColumnHeaderCell>
                    {page.options.map((o) => (
                      <Table.ColumnHeaderCell scope="col" key={o.id}>
                        {formatDateTime(o.startsAt, lang)}
                      </Table.ColumnHeaderCell>
                    ))}
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {page.voters.map((voter, index) => (
                    <Table.Row key={voter.id}>
                      <Table.RowHeaderCell>
                        {index === 0 || page.voters[index - 1]!.organisationName !== voter.organisationName ? (
                          <Text as="div" size="1" color="gray">
                            {voter.organisationName}
                          </Text>
                        ) : null}
                        {voter.name}
                      </Table.RowHeaderCell>
                      {page.options.map((o) => {
                        const answer = page.votes.find((v) => v.optionId === o.id && v.userId === voter.id)?.answer;
                        return <Table.Cell key={o.id}>{answer ? t(`meetings.poll.${answer}`) : "–"}</Table.Cell>;
                      })}
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table.Root>
            ) : null}
            {page.manages ? (
              <Flex direction="column" gap="2" mt="4">
                {page.options.map((o) => (
                  <Form method="post" key={o.id}>
                    <input type="hidden" name="intent" value="schedule" />
                    <input type="hidden" name="optionId" value={o.id} />
                    <Button type="submit" variant="soft" size="1">
                      {t("meetings.poll.choose")}: {formatDateTime(o.startsAt, lang)}
                    </Button>
                  </Form>
                ))}
                <Text size="2" weight="medium" mt="2">
                  {t("meetings.poll.notAnswered", { count: page.notAnswered.length })}
                </Text>
                <Text size="2" color="gray" data-testid="not-answered">
                  {page.notAnswered.map((p) => p.name).join(", ")}
                </Text>
                {page.notAnswered.length > 0 ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remind" />
                    <Button type="submit" variant="soft" size="1">
                      {t("meetings.poll.remind")}
                    </Button>
                  </Form>
                ) : null}
              </Flex>
            ) : null}
          </section>
        </Card>
      ) : null}

      {meeting.status === "scheduled" ? (
        <Grid columns={{ initial: "1", md: "1" }} gap="4">
          <Card asChild size="3">
            <section aria-labelledby="rsvp-heading">
              <Heading as="h2" size="5" id="rsvp-heading" mb="2">
                {t("meetings.rsvp.heading")}
              </Heading>
              <Text as="p" size="2" mb="3" data-testid="my-rsvp">
                {t("meetings.rsvp.yours", { answer: page.myRsvp ? t(`meetings.rsvp.${page.myRsvp}`) : t("meetings.rsvp.none") })}
              </Text>
              <Form method="post">
                <input type="hidden" name="intent" value="rsvp" />
                <Flex gap="2" wrap="wrap">
                  {(["attend", "maybe", "decline"] as const).map((a) => (
                    <Button key={a} type="submit" name="answer" value={a} variant={page.myRsvp === a ? "solid" : "soft"}>
                      {t(`meetings.rsvp.${a}`)}
                    </Button>
                  ))}
                </Flex>
              </Form>
            </section>
          </Card>
        </Grid>
      ) : null}

      {meeting.status !== "cancelled" ? (
        <Card asChild size="3">
          <section aria-labelledby="agenda-heading">
            <Heading as="h2" size="5" id="agenda-heading" mb="2">
              {t("meetings.agenda")}
            </Heading>
            {page.agenda.length === 0 ? (
              <Text as="p" color="gray">
                {t("meetings.noAgenda")}
              </Text>
            ) : (
              <ol data-testid="agenda">
                {page.agenda.map((item, index) => (
                  <li key={item.id}>
                    <Flex gap="2" align="center" wrap="wrap" py="1">
                      {meeting.startsAt && item.startOffsetMinutes !== null ? (
                        <Text weight="medium">{formatTime(new Date(new Date(meeting.startsAt).getTime() + item.startOffsetMinutes * 60_000), lang)}</Text>
                      ) : null}
                      <Text>{item.title}</Text>
                      {item.presenterName ? (
                        <Text color="gray" size="2">
                          ({item.presenterName})
                        </Text>
                      ) : null}
                      {page.manages ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="itemId" value={item.id} />
                          <Flex gap="1">
                            <Button type="submit" name="intent" value="agenda-up" size="1" variant="ghost" disabled={index === 0} aria-label={`${t("meetings.agendaForm.up")}: ${item.title}`}>
                              ↑
                            </Button>
                            <Button type="submit" name="intent" value="agenda-down" size="1" variant="ghost" disabled={index === page.agenda.length - 1} aria-label={`${t("meetings.agendaForm.down")}: ${item.title}`}>
                              ↓
                            </Button>
                            <Button type="submit" name="intent" value="agenda-delete" size="1" variant="ghost" color="red" aria-label={`${t("meetings.agendaForm.delete")}: ${item.title}`}>
                              ✕
                            </Button>
                          </Flex>
                        </Form>
                      ) : null}
                    </Flex>
                  </li>
                ))}
              </ol>
            )}
            {page.manages ? (
              <ResettingForm method="post" failed={Boolean(actionData?.error)}>
                <input type="hidden" name="intent" value="agenda-add" />
                <Flex gap="3" mt="3" wrap="wrap" align="end">
                  <Flex direction="column" gap="1" style={{ flex: "2 1 220px" }}>
                    <Text as="label" htmlFor="agenda-title" size="2" weight="medium">
                      {t("meetings.agendaForm.title")}
                    </Text>
                    <TextField.Root id="agenda-title" name="title" required maxLength={300} />
                  </Flex>
                  <Flex direction="column" gap="1" className="select-field">
                    <Text as="label" htmlFor="agenda-presenter" size="2" weight="medium">
                      {t("meetings.agendaForm.presenter")}
                    </Text>
                    <select id="agenda-presenter" name="presenter" className="native-select">
                      <option value="">–</option>
                      <optgroup label={t("meetings.agendaForm.organisations")}>
                        {[...new Map(page.invitees.map((i) => [i.organisationId, i.organisationName])).entries()].map(([id, name]) => (
                          <option key={id} value={`org:${id}`}>
                            {name}
                          </option>
                        ))}
                      </optgroup>
                      <optgroup label={t("meetings.agendaForm.people")}>
                        {page.invitees.map((i) => (
                          <option key={i.userId} value={`user:${i.userId}`}>
                            {i.name}
                          </option>
                        ))}
                      </optgroup>
                    </select>
                  </Flex>
                  {meeting.startsAt ? (
                    <Flex direction="column" gap="1">
                      <Text as="label" htmlFor="agenda-time" size="2" weight="medium">
                        {t("meetings.agendaForm.time")}
                      </Text>
                      <input id="agenda-time" name="time" type="time" className="native-select" />
                    </Flex>
                  ) : null}
                  <SubmitButton>{t("meetings.agendaForm.add")}</SubmitButton>
                </Flex>
              </ResettingForm>
            ) : null}
          </section>
        </Card>
      ) : null}

      <LinkedDocuments documents={page.documents} linkable={page.linkable} />

      {page.manages && meeting.status === "scheduled" && meeting.startsAt ? (
        <Card asChild size="3">
          <section aria-labelledby="change-heading">
            <Heading as="h2" size="5" id="change-heading" mb="3">
              {t("meetings.change.heading")}
            </Heading>
            <Form method="post">
              <input type="hidden" name="intent" value="change" />
              <Grid columns={{ initial: "1", sm: "2" }} gap="3">
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="change-starts" size="2" weight="medium">
                    {t("meetings.form.startsAt")}
                  </Text>
                  <input
                    id="change-starts"
                    className="native-select"
                    type="datetime-local"
                    name="startsAt"
                    required
                    defaultValue={toStockholmInput(new Date(meeting.startsAt))}
                  />
                </Flex>
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="change-duration" size="2" weight="medium">
                    {t("meetings.form.duration")}
                  </Text>
                  <input id="change-duration" className="native-select" type="number" name="durationMinutes" min={15} max={720} required defaultValue={meeting.durationMinutes} />
                </Flex>
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="change-place" size="2" weight="medium">
                    {t("meetings.form.place")}
                  </Text>
                  <input id="change-place" className="native-select" name="place" maxLength={300} defaultValue={meeting.place} />
                </Flex>
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="change-link" size="2" weight="medium">
                    {t("meetings.form.onlineLink")}
                  </Text>
                  <input id="change-link" className="native-select" type="url" name="onlineLink" maxLength={500} defaultValue={meeting.onlineLink} />
                </Flex>
              </Grid>
              <Button type="submit" mt="3">
                {t("meetings.change.submit")}
              </Button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <Button type="submit" mt="3" color="red" variant="soft">
                {t("meetings.change.cancel")}
              </Button>
            </Form>
          </section>
        </Card>
      ) : null}

      {meeting.status !== "polling" ? (
        <Card asChild size="3">
          <section aria-labelledby="attendees-heading">
            <Heading as="h2" size="5" id="attendees-heading" mb="2">
              {t("meetings.attendees", { count: page.invitees.length })}
            </Heading>
            {page.invitees.length === 0 ? (
              <Text as="p" color="gray">
                {t("meetings.noAttendees")}
              </Text>
            ) : (
              <Grid columns={{ initial: "1", sm: "2", md: "3" }} gap="3" data-testid="attendees">
                {[...byOrganisation.entries()].map(([organisation, people]) => (
                  <Flex direction="column" key={organisation}>
                    <Text weight="medium" size="2">
                      {organisation}
                    </Text>
                    {people.map((p) => (
                      <Text size="2" key={p.userId}>
                        {p.name} – {p.rsvp ? t(`meetings.rsvp.${p.rsvp}`) : t("meetings.rsvp.none")}
                      </Text>
                    ))}
                  </Flex>
                ))}
              </Grid>
            )}
          </section>
        </Card>
      ) : null}
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

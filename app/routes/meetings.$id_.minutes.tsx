import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Button, Callout, Card, Flex, Grid, Heading, Text, TextArea, TextField } from "@radix-ui/themes";
import type { ReactNode } from "react";
import { useLocale, useT } from "~/i18n/use-locale";
import { z } from "zod";
import { requireSession } from "~/auth/guard.server";
import { markSubjectRead } from "~/models/notifications.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { ActionItemTable } from "~/components/action-item-table";
import { ResettingForm, SubmitButton } from "~/components/resetting-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime } from "~/lib/format";
import { renderMarkdown } from "~/lib/markdown.server";
import { appOrigin } from "~/lib/origin.server";
import { createActionItem, listMeetingActionItems, setActionItemStatus } from "~/models/action-items.server";
import { requestMeta } from "~/models/audit.server";
import { appointNoteTaker, getMinutesPage, mayWriteMinutes, MINUTES_MAX_LENGTH, publishMinutes, saveMinutes } from "~/models/minutes.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "minutes", data && { name: data.meeting.title });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const page = await getMinutesPage(actor, params.id ?? "");
  if (!page) throw new Response("Not found", { status: 404 });
  await markSubjectRead(actor, { meetingId: page.meeting.id, kind: "minutes_published" });
  const items = (await listMeetingActionItems(actor, params.id ?? "")) ?? [];
  return { ...page, items, today: new Date().toISOString().slice(0, 10) };
}

const Body = z.object({ body: z.string().max(MINUTES_MAX_LENGTH), version: z.coerce.number().int().min(0) });
const ActionItem = z.object({
  title: z.string().trim().min(1, "validation.required").max(500, "validation.tooLong|500"),
  assigneeId: z.string().max(40).optional(),
  dueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "minutes.actions.badDate")
    .optional(),
});

type Outcome =
  | { kind: "preview"; html: string; body: string; version: number }
  | { kind: "saved"; version: number; body: string }
  | { kind: "published" }
  | { kind: "conflict"; yourText: string; theirText: string; version: number; name: string }
  | { kind: "message"; key: string }
  | { kind: "error"; key: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const meta = requestMeta(request, context);
  const id = params.id ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const notFound = () => new Response("Not found", { status: 404 });

  if (intent === "preview" || intent === "save" || intent === "publish") {
    const parsed = Body.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data<Outcome>({ kind: "error", key: "minutes.tooLong" }, { status: 400 });
    const { body, version } = parsed.data;
    if (intent === "preview") {
      // Like saving: for anyone who may not write these minutes, the meeting does not exist.
      if (!(await mayWriteMinutes(actor, id))) throw notFound();
      return data<Outcome>({ kind: "preview", html: renderMarkdown(body), body, version });
    }
    const saved = await saveMinutes(actor, id, body, version, meta);
    if (!saved.ok) {
      if (saved.reason === "not_found") throw notFound();
      return data<Outcome>(
        { kind: "conflict", yourText: body, theirText: saved.current.body, version: saved.current.version, name: saved.current.updatedByName ?? "" },
        { status: 409 },
      );
    }
    // The saved text comes back with the answer: the router shows the answer before the
    // page's reloaded data, and the editor must not fall back to the text from before.
    if (intent === "save") return data<Outcome>({ kind: "saved", version: saved.version, body });
    const published = await publishMinutes(actor, id, saved.version, meta, appOrigin());
    if (!published.ok) throw notFound();
    return data<Outcome>({ kind: "published" });
  }
  if (intent === "appoint") {
    const userId = String(form.get("userId") ?? "");
    if (!(await appointNoteTaker(actor, id, userId, meta))) throw notFound();
    return data<Outcome>({ kind: "message", key: userId === "" ? "minutes.noneAppointed" : "minutes.appointed" });
  }
  if (intent === "add-action") {
    const parsed = ActionItem.safeParse({
      title: form.get("title"),
      assigneeId: form.get("assigneeId") || undefined,
      dueDate: form.get("dueDate") || undefined,
    });
    if (!parsed.success) return data<Outcome>({ kind: "error", key: parsed.error.issues[0]!.message.split("|")[0]! }, { status: 400 });
    const created = await createActionItem(actor, id, parsed.data, meta);
    if (!created.ok) throw notFound();
    return data<Outcome>({ kind: "message", key: "minutes.actions.added" });
  }
  if (intent === "action-status") {
    const status = form.get("status") === "done" ? "done" : "open";
    if (!(await setActionItemStatus(actor, String(form.get("itemId") ?? ""), status, meta))) throw notFound();
    return data<Outcome>({ kind: "message", key: status === "done" ? "minutes.actions.done" : "minutes.actions.open" });
  }
  throw new Response("Bad request", { status: 400 });
}

export default function MinutesPage() {
  const page = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const t = useT();
  const lang = useLocale();
  const { meeting, minutes } = page;
  const currentVersion =
    outcome?.kind === "saved" ? outcome.version : outcome?.kind === "conflict" ? outcome.version : outcome?.kind === "preview" ? outcome.version : (minutes?.version ?? 0);
  const text =
    outcome?.kind === "conflict" ? outcome.yourText : outcome?.kind === "preview" || outcome?.kind === "saved" ? outcome.body : (minutes?.body ?? "");

  return (
    <Flex direction="column" gap="5">
      <Text size="2">
        <AppLink to={`/meetings/${meeting.id}`}>{meeting.title}</AppLink>
      </Text>
      <Flex gap="3" align="center" wrap="wrap">
        <Heading as="h1" size="8">
          {t("minutes.heading", { title: meeting.title })}
        </Heading>
        {minutes?.status === "draft" ? <Badge color="gray">{t("minutes.draft")}</Badge> : null}
        {minutes?.status === "published" && minutes.publishedAt ? (
          <Badge color="green" highContrast>
            {t("minutes.published", { date: formatDateTime(minutes.publishedAt, lang) })}
          </Badge>
        ) : null}
        {minutes?.unpublishedChanges ? <Badge color="amber" highContrast>{t("minutes.unpublishedChanges")}</Badge> : null}
      </Flex>

      {page.canEdit && minutes?.unpublishedChanges ? (
        <Callout.Root color="amber" data-testid="unpublished-draft" highContrast>
          <Callout.Text>{t("minutes.unpublishedDraftIntro")}</Callout.Text>
        </Callout.Root>
      ) : null}

      {outcome?.kind === "saved" ? <Notice tone="ok">{t("minutes.saved", { version: outcome.version })}</Notice> : null}
      {outcome?.kind === "published" ? <Notice tone="ok">{t("minutes.publishedDone")}</Notice> : null}
      {outcome?.kind === "message" ? <Notice tone="ok">{t(outcome.key)}</Notice> : null}
      {outcome?.kind === "error" ? <Notice tone="error">{t(outcome.key)}</Notice> : null}

      {outcome?.kind === "conflict" ? (
        <Callout.Root color="red" role="alert" highContrast>
          <Callout.Text>
            <strong>{t("minutes.conflictTitle")}.</strong> {t("minutes.conflictIntro", { name: outcome.name })}
          </Callout.Text>
        </Callout.Root>
      ) : null}

      {page.canEdit ? (
        <Grid columns={{ initial: "1", md: outcome?.kind === "conflict" || outcome?.kind === "preview" ? "2" : "1" }} gap="4">
          <Card size="3">
            <Form method="post" key={`${currentVersion}-${outcome?.kind ?? ""}`}>
              <input type="hidden" name="version" value={currentVersion} />
              <Flex direction="column" gap="2">
                <Text as="label" htmlFor="minutes-body" weight="medium" size="2">
                  {outcome?.kind === "conflict" ? t("minutes.yourText") : t("minutes.body")}
                </Text>
                <TextArea id="minutes-body" name="body" defaultValue={text} rows={18} aria-describedby="minutes-help" />
                <Text id="minutes-help" size="1" color="gray">
                  {t("minutes.bodyHelp")}
                </Text>
                {minutes?.updatedByName ? (
                  <Text size="1" color="gray">
                    {t("minutes.lastSaved", { name: minutes.updatedByName, date: formatDateTime(minutes.updatedAt, lang) })}
                  </Text>
                ) : null}
                <Flex gap="2" wrap="wrap">
                  <Button type="submit" name="intent" value="preview" variant="soft">
                    {t("minutes.preview")}
                  </Button>
                  <Button type="submit" name="intent" value="save">
                    {t("minutes.save")}
                  </Button>
                  <Button type="submit" name="intent" value="publish" color="green">
                    {t("minutes.publish")}
                  </Button>
                </Flex>
              </Flex>
            </Form>
          </Card>
          {outcome?.kind === "conflict" ? (
            <Card asChild size="3">
              <section aria-labelledby="theirs-heading">
                <Heading as="h2" size="4" id="theirs-heading" mb="2">
                  {t("minutes.theirText", { version: outcome.version })}
                </Heading>
                <pre className="mail-text" data-testid="their-text">
                  {outcome.theirText}
                </pre>
              </section>
            </Card>
          ) : null}
          {outcome?.kind === "preview" ? (
            <Card asChild size="3">
              <section aria-labelledby="preview-heading">
                <Heading as="h2" size="4" id="preview-heading" mb="2">
                  {t("minutes.previewHeading")}
                </Heading>
                {/* Sanitised on the server (app/lib/markdown.server.ts). */}
                <div className="markdown" data-testid="minutes-preview" dangerouslySetInnerHTML={{ __html: outcome.html }} />
              </section>
            </Card>
          ) : null}
          {minutes?.unpublishedChanges ? (
            <details>
              <summary>{t("minutes.publishedVersion")}</summary>
              {/* Sanitised on the server (app/lib/markdown.server.ts). */}
              <div className="markdown" data-testid="minutes-published-html" dangerouslySetInnerHTML={{ __html: minutes.html }} />
            </details>
          ) : null}
        </Grid>
      ) : minutes ? (
        <Card size="3">
          <div className="markdown" data-testid="minutes-html" dangerouslySetInnerHTML={{ __html: minutes.html }} />
        </Card>
      ) : (
        <Text as="p" color="gray">
          {t("minutes.notYet")}
        </Text>
      )}

      {page.manages && page.people.length > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="appoint" />
          <Flex gap="2" align="end" wrap="wrap">
            <Flex direction="column" gap="1">
              <Text as="label" htmlFor="note-taker" size="2" weight="medium">
                {t("minutes.noteTaker")}
              </Text>
              <select id="note-taker" name="userId" className="native-select" defaultValue={meeting.noteTakerId ?? ""}>
                <option value="">{t("minutes.nobodyAppointed")}</option>
                {page.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </Flex>
            <Button type="submit" variant="soft">
              {t("minutes.appoint")}
            </Button>
          </Flex>
        </Form>
      ) : null}

      <Card asChild size="3">
        <section aria-labelledby="actions-heading">
          <Heading as="h2" size="5" id="actions-heading" mb="2">
            {t("minutes.actions.heading")}
          </Heading>
          <ActionItemTable items={page.items} today={page.today} canUpdate />
          {page.canEdit ? (
            <ResettingForm method="post" failed={outcome?.kind === "error"}>
              <input type="hidden" name="intent" value="add-action" />
              <Flex gap="3" mt="4" wrap="wrap" align="end">
                <Flex direction="column" gap="1" style={{ flex: "2 1 240px" }}>
                  <Text as="label" htmlFor="action-title" size="2" weight="medium">
                    {t("minutes.actions.what")}
                  </Text>
                  <TextField.Root id="action-title" name="title" required maxLength={500} />
                </Flex>
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="action-person" size="2" weight="medium">
                    {t("minutes.actions.person")}
                  </Text>
                  <select id="action-person" name="assigneeId" className="native-select">
                    <option value="">{t("minutes.actions.nobody")}</option>
                    {page.people.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </Flex>
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="action-due" size="2" weight="medium">
                    {t("minutes.actions.due")}
                  </Text>
                  <TextField.Root id="action-due" name="dueDate" type="date" />
                </Flex>
                <SubmitButton>{t("minutes.actions.add")}</SubmitButton>
              </Flex>
            </ResettingForm>
          ) : null}
        </section>
      </Card>
    </Flex>
  );
}

function Notice({ tone, children }: { tone: "ok" | "error"; children: ReactNode }) {
  return (
    <Callout.Root color={tone === "ok" ? "green" : "red"} role={tone === "ok" ? "status" : "alert"} highContrast>
      <Callout.Text>{children}</Callout.Text>
    </Callout.Root>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

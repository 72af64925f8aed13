import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Button, Callout, Card, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { useLocale, useT } from "~/i18n/use-locale";
import { UAParser } from "ua-parser-js";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { formatDateTime } from "~/lib/format";
import { requestMeta } from "~/models/audit.server";
import { endOtherOwnSessions, endOwnSession, listOwnSessions } from "~/models/people.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "sessions");

function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const { browser, os, device } = UAParser(userAgent);
  const parts = [browser.name, os.name ? `${os.name}${os.version ? ` ${os.version}` : ""}` : null, device.model].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const sessions = await listOwnSessions(actorOf(session.user));
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      device: describeDevice(s.userAgent),
      ip: s.ip,
      createdAt: s.createdAt.toISOString(),
      lastActiveAt: s.lastActiveAt.toISOString(),
      current: s.id === session.id,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const form = await request.formData();
  const meta = requestMeta(request, context);
  if (form.get("intent") === "end-others") {
    await endOtherOwnSessions(actor, session.id, meta);
    return { message: "people.sessions.othersEnded" };
  }
  const id = String(form.get("sessionId") ?? "");
  // Another person's session id simply matches nothing.
  if (!(await endOwnSession(actor, id, meta))) throw new Response("Not found", { status: 404 });
  return { message: "people.sessions.ended" };
}

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLocale();
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="8">
        {t("people.sessions.title")}
      </Heading>
      <Text as="p" color="gray">
        {t("people.sessions.intro")}
      </Text>
      {actionData?.message ? (
        <Callout.Root color="green" highContrast role="status">
          <Callout.Text>{t(actionData.message)}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Card size="2">
        <Table.Root>
          <caption className="visually-hidden">{t("people.sessions.title")}</caption>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell scope="col">{t("people.sessions.device")}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell scope="col">{t("people.sessions.place")}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell scope="col">{t("people.sessions.signedIn")}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell scope="col">{t("people.sessions.lastSeen")}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell scope="col">
                <span className="visually-hidden">{t("people.sessions.end")}</span>
              </Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {sessions.map((s) => (
              <Table.Row key={s.id} data-testid="session-row">
                <Table.RowHeaderCell>
                  <Flex gap="2" align="center" wrap="wrap">
                    {s.device ?? t("people.sessions.unknownDevice")}
                    {s.current ? <Badge color="green">{t("people.sessions.current")}</Badge> : null}
                  </Flex>
                </Table.RowHeaderCell>
                <Table.Cell>{s.ip ?? "–"}</Table.Cell>
                <Table.Cell>{formatDateTime(s.createdAt, lang)}</Table.Cell>
                <Table.Cell>{formatDateTime(s.lastActiveAt, lang)}</Table.Cell>
                <Table.Cell>
                  {s.current ? null : (
                    <Form method="post">
                      <input type="hidden" name="sessionId" value={s.id} />
                      <Button type="submit" size="1" variant="soft" color="red">
                        {t("people.sessions.end")}
                      </Button>
                    </Form>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </Card>
      {sessions.length > 1 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="end-others" />
          <Button type="submit" color="red" variant="soft">
            {t("people.sessions.endOthers")}
          </Button>
        </Form>
      ) : null}
    </Flex>
  );
}

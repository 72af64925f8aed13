import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { Button, Card, Code, Flex, Grid, Heading, Table, Text, TextField } from "@radix-ui/themes";
import { useLocale, useT } from "~/i18n/use-locale";
import { requirePlatformAdmin } from "~/auth/admin.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime } from "~/lib/format";
import { auditFilterChoices, auditFilterFrom, listAuditEvents } from "~/models/audit-log.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requirePlatformAdmin(request, context);
  const actor = actorOf(session.user);
  const params = new URL(request.url).searchParams;
  const cursorAt = params.get("before");
  const cursorId = Number(params.get("beforeId"));
  const cursor = cursorAt && !Number.isNaN(Date.parse(cursorAt)) && Number.isInteger(cursorId) ? { at: cursorAt, id: cursorId } : undefined;
  const [page, choices] = await Promise.all([listAuditEvents(actor, auditFilterFrom(params), cursor), auditFilterChoices(actor)]);
  return {
    events: page!.events.map((e) => ({ ...e, at: e.at.toISOString() })),
    next: page!.next,
    choices: choices!,
    values: Object.fromEntries(["person", "organisation", "action", "from", "to"].map((k) => [k, params.get(k) ?? ""])),
  };
}

export default function AuditLog() {
  const { events, next, choices, values } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLocale();
  const location = useLocation();
  const query = new URLSearchParams(location.search);
  query.delete("before");
  query.delete("beforeId");
  const nextQuery = new URLSearchParams(query);
  if (next) {
    nextQuery.set("before", next.at);
    nextQuery.set("beforeId", String(next.id));
  }
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="8">
        {t("audit.title")}
      </Heading>
      <Text as="p" color="gray">
        {t("audit.intro")}
      </Text>
      <Card size="2">
        <Form method="get">
          <Grid columns={{ initial: "1", sm: "2", md: "5" }} gap="3" align="end">
            <Flex direction="column" gap="1">
              <Text as="label" htmlFor="f-person" size="2" weight="medium">
                {t("audit.person")}
              </Text>
              <TextField.Root id="f-person" name="person" defaultValue={values.person} maxLength={200} />
            </Flex>
            <Flex direction="column" gap="1">
              <Text as="label" htmlFor="f-org" size="2" weight="medium">
                {t("audit.organisation")}
              </Text>
              <select id="f-org" name="organisation" className="native-select" defaultValue={values.organisation}>
                <option value="">{t("audit.any")}</option>
                {choices.organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </Flex>
            <Flex direction="column" gap="1">
              <Text as="label" htmlFor="f-action" size="2" weight="medium">
                {t("audit.action")}
              </Text>
              <select id="f-action" name="action" className="native-select" defaultValue={values.action}>
                <option value="">{t("audit.any")}</option>
                {choices.actions.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </Flex>
            <Flex direction="column" gap="1">
              <Text as="label" htmlFor="f-from" size="2" weight="medium">
                {t("audit.from")}
              </Text>
              <input id="f-from" name="from" type="date" className="native-select" defaultValue={values.from} />
            </Flex>
            <Flex direction="column" gap="1">
              <Text as="label" htmlFor="f-to" size="2" weight="medium">
                {t("audit.to")}
              </Text>
              <input id="f-to" name="to" type="date" className="native-select" defaultValue={values.to} />
            </Flex>
          </Grid>
          <Flex gap="3" mt="3" align="center" wrap="wrap">
            <Button type="submit">{t("audit.filter")}</Button>
            <AppLink to="/admin/audit">{t("audit.clear")}</AppLink>
            <a href={`/admin/audit.csv?${query.toString()}`} download>
              {t("audit.export")}
            </a>
          </Flex>
        </Form>
      </Card>
      {events.length === 0 ? (
        <Text as="p">{t("audit.none")}</Text>
      ) : (
        <Table.Root variant="surface" data-testid="audit-events">
          <caption className="visually-hidden">{t("audit.title")}</caption>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell scope="col">{t("audit.time")}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell scope="col">{t("audit.who")}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell scope="col">{t("audit.what")}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell scope="col">{t("audit.target")}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell scope="col">{t("audit.address")}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell scope="col">{t("audit.details")}</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {events.map((e) => (
              <Table.Row key={e.id}>
                <Table.RowHeaderCell>{formatDateTime(e.at, lang)}</Table.RowHeaderCell>
                <Table.Cell>
                  {e.actorName ? (
                    <>
                      {e.actorName}
                      <br />
                      {e.organisationId ? <AppLink to={`/organisations/${e.organisationId}`}>{e.organisationName}</AppLink> : null}
                    </>
                  ) : (
                    t("audit.system")
                  )}
                </Table.Cell>
                <Table.Cell>
                  <Code>{e.action}</Code>
                </Table.Cell>
                <Table.Cell>{[e.targetType, e.targetId].filter(Boolean).join(" ")}</Table.Cell>
                <Table.Cell>{e.ip ?? "–"}</Table.Cell>
                <Table.Cell>
                  <Text size="1" style={{ overflowWrap: "anywhere" }}>
                    {e.details ? JSON.stringify(e.details) : ""}
                  </Text>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
      <Flex gap="4">
        {location.search.includes("before=") ? <AppLink to={`/admin/audit?${query.toString()}`}>{t("audit.newest")}</AppLink> : null}
        {next ? <AppLink to={`/admin/audit?${nextQuery.toString()}`}>{t("audit.older")}</AppLink> : null}
      </Flex>
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

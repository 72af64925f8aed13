import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Badge, Button, Card, Flex, Grid, Heading, Table, Text } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/filter-select";
import { useLocale, useT } from "~/i18n/use-locale";
import { ASSIGNMENT_STATUS } from "~/lib/assignment-schema";
import { formatDate } from "~/lib/format";
import { stockholmDate } from "~/models/digest.server";
import { type AssignmentStatus, listAssignments, registerOrganisations, upcomingReports } from "~/models/assignments.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "assignments");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const search = new URL(request.url).searchParams;
  const status = search.get("status");
  const filter = {
    organisationId: search.get("organisation") || undefined,
    status: ASSIGNMENT_STATUS.includes(status as AssignmentStatus) ? (status as AssignmentStatus) : undefined,
  };
  const [assignments, upcoming, organisations] = await Promise.all([
    listAssignments(actor, filter),
    upcomingReports(actor, stockholmDate(new Date())),
    registerOrganisations(actor),
  ]);
  return { assignments, upcoming, organisations, values: { organisation: filter.organisationId ?? "", status: filter.status ?? "" }, own: session.user.organisationName };
}

const statusColor = { ongoing: "green", reported: "blue", closed: "gray" } as const;

export default function Assignments() {
  const { assignments, upcoming, organisations, values, own } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <Flex direction="column" gap="4">
      <Flex justify="between" align="end" gap="3" wrap="wrap">
        <Flex direction="column" gap="1">
          <Heading as="h1" size="8">
            {t("assignments.title")}
          </Heading>
          <Text as="p" color="gray">
            {t("assignments.intro")}
          </Text>
        </Flex>
        <Button asChild>
          <AppLink to="/assignments/new" style={{ color: "var(--accent-contrast)" }}>
            {t("assignments.add")} ({own})
          </AppLink>
        </Button>
      </Flex>

      <Card asChild size="2">
        <section aria-labelledby="upcoming-heading">
          <Heading as="h2" size="5" id="upcoming-heading" mb="2">
            {t("assignments.upcoming")}
          </Heading>
          {upcoming.length === 0 ? (
            <Text as="p" color="gray">
              {t("assignments.noUpcoming")}
            </Text>
          ) : (
            <ul className="plain-list" data-testid="upcoming">
              {upcoming.map((a) => (
                <li key={a.id}>
                  <Flex gap="2" py="1" wrap="wrap" align="baseline">
                    <Text weight="bold">{formatDate(`${a.reportDueDate}T12:00:00Z`, locale)}</Text>
                    <AppLink to={`/assignments/${a.id}`}>{a.title}</AppLink>
                    <Text size="2" color="gray">
                      {a.organisationName}
                    </Text>
                  </Flex>
                </li>
              ))}
            </ul>
          )}
        </section>
      </Card>

      <section aria-labelledby="all-heading">
        <Heading as="h2" size="5" id="all-heading" mb="3">
          {t("assignments.all")}
        </Heading>
        <Card size="2" mb="3">
          <Form method="get">
            <Grid columns={{ initial: "1", sm: "3" }} gap="3" align="end">
              <FilterSelect
                id="a-organisation"
                label={t("assignments.filterOrganisation")}
                name="organisation"
                value={values.organisation}
                allLabel={t("assignments.allOrganisations")}
                options={organisations.map((o) => ({ value: o.id, label: o.name }))}
              />
              <FilterSelect
                id="a-status"
                label={t("assignments.filterStatus")}
                name="status"
                value={values.status}
                allLabel={t("assignments.allStatuses")}
                options={ASSIGNMENT_STATUS.map((v) => ({ value: v, label: t(`assignments.status.${v}`) }))}
              />
              <div>
                <Button type="submit">{t("assignments.filter")}</Button>
              </div>
            </Grid>
          </Form>
        </Card>
        {assignments.length === 0 ? (
          <Text as="p">{t("assignments.none")}</Text>
        ) : (
          <Table.Root variant="surface" data-testid="assignments">
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell>{t("assignments.field.title")}</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>{t("assignments.field.organisation")}</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>{t("assignments.field.reference")}</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>{t("assignments.field.reportDueDate")}</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>{t("assignments.field.status")}</Table.ColumnHeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {assignments.map((a) => (
                <Table.Row key={a.id}>
                  <Table.RowHeaderCell>
                    <AppLink to={`/assignments/${a.id}`}>{a.title}</AppLink>
                  </Table.RowHeaderCell>
                  <Table.Cell>{a.organisationShortName || a.organisationName}</Table.Cell>
                  <Table.Cell>{a.reference}</Table.Cell>
                  <Table.Cell>{a.reportDueDate ? formatDate(`${a.reportDueDate}T12:00:00Z`, locale) : "–"}</Table.Cell>
                  <Table.Cell>
                    <Badge color={statusColor[a.status]} highContrast>
                      {t(`assignments.status.${a.status}`)}
                    </Badge>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        )}
      </section>
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

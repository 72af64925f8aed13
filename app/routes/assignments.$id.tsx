import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Card, DataList, Flex, Heading, Text } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { AssignmentForm } from "~/components/assignment-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLocale, useT } from "~/i18n/use-locale";
import { AssignmentSchema } from "~/lib/assignment-schema";
import { formatDate, formatDateTime } from "~/lib/format";
import { assignmentInput } from "~/models/assignment-input.server";
import { getAssignment, saveAssignment } from "~/models/assignments.server";
import { requestMeta } from "~/models/audit.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data && { name: data.assignment.title });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const page = await getAssignment(actorOf(session.user), params.id ?? "");
  if (!page) throw new Response("Not found", { status: 404 });
  return page;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: AssignmentSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const id = await saveAssignment(actorOf(session.user), params.id ?? "", assignmentInput(submission.value), requestMeta(request, context));
  if (!id) throw new Response("Not found", { status: 404 });
  throw redirect(`/assignments/${id}`);
}

export default function AssignmentPage() {
  const { assignment: a, updates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const day = (d: string | null) => (d ? formatDate(`${d}T12:00:00Z`, locale) : "–");
  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <AppLink to="/assignments">{t("assignments.back")}</AppLink>
      </Text>
      <Heading as="h1" size="8">
        {a.title}
      </Heading>
      <Card size="2">
        <DataList.Root>
          <DataList.Item>
            <DataList.Label>{t("assignments.field.organisation")}</DataList.Label>
            <DataList.Value>
              <AppLink to={`/organisations/${a.organisationId}`}>{a.organisationName}</AppLink>
            </DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>{t("assignments.field.reference")}</DataList.Label>
            <DataList.Value>{a.reference || "–"}</DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>{t("assignments.field.issuer")}</DataList.Label>
            <DataList.Value>{a.issuer || "–"}</DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>{t("assignments.field.startDate")}</DataList.Label>
            <DataList.Value>{day(a.startDate)}</DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>{t("assignments.field.reportDueDate")}</DataList.Label>
            <DataList.Value>{day(a.reportDueDate)}</DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>{t("assignments.field.status")}</DataList.Label>
            <DataList.Value>
              <Badge highContrast>{t(`assignments.status.${a.status}`)}</Badge>
            </DataList.Value>
          </DataList.Item>
          {a.link ? (
            <DataList.Item>
              <DataList.Label>{t("assignments.field.link")}</DataList.Label>
              <DataList.Value>
                <a href={a.link} rel="noopener noreferrer nofollow">
                  {a.link}
                </a>
              </DataList.Value>
            </DataList.Item>
          ) : null}
        </DataList.Root>
        {a.description ? (
          <Text as="p" mt="3" style={{ whiteSpace: "pre-wrap", maxWidth: "70ch" }}>
            {a.description}
          </Text>
        ) : null}
      </Card>

      <section aria-labelledby="updates-heading">
        <Heading as="h2" size="5" id="updates-heading" mb="2">
          {t("assignments.updates")}
        </Heading>
        {updates.length === 0 ? (
          <Text as="p" color="gray">
            {t("assignments.noUpdates")}
          </Text>
        ) : (
          <ul className="plain-list">
            {updates.map((u) => (
              <li key={u.id}>
                <Flex gap="2" py="1" wrap="wrap" align="baseline">
                  <AppLink to={`/updates/${u.id}`}>{u.title}</AppLink>
                  <Text size="2" color="gray">
                    {u.kind ? t(`updates.kind.${u.kind}`) : ""} · {u.authorName} · {formatDateTime(u.createdAt, locale)}
                  </Text>
                </Flex>
              </li>
            ))}
          </ul>
        )}
      </section>

      {a.mine ? (
        <section aria-labelledby="edit-heading">
          <Heading as="h2" size="5" id="edit-heading" mb="3">
            {t("assignments.edit")}
          </Heading>
          <AssignmentForm lastResult={actionData?.result} initial={a} />
        </section>
      ) : null}
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

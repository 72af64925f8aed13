import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Flex, Heading, Text } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { AssignmentForm } from "~/components/assignment-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AssignmentSchema } from "~/lib/assignment-schema";
import { assignmentInput } from "~/models/assignment-input.server";
import { saveAssignment } from "~/models/assignments.server";
import { requestMeta } from "~/models/audit.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "newAssignment");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  return { organisation: session.user.organisationName };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: AssignmentSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const id = await saveAssignment(actorOf(session.user), null, assignmentInput(submission.value), requestMeta(request, context));
  throw redirect(`/assignments/${id}`);
}

export default function NewAssignment() {
  const { organisation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <AppLink to="/assignments">{t("assignments.back")}</AppLink>
      </Text>
      <Heading as="h1" size="8">
        {t("assignments.heading", { organisation })}
      </Heading>
      <AssignmentForm lastResult={actionData?.result} />
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

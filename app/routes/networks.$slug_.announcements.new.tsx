import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PostTextFields } from "~/components/post-fields";
import { appOrigin } from "~/lib/origin.server";
import { AnnouncementSchema } from "~/lib/post-schemas";
import { requestMeta } from "~/models/audit.server";
import { findNetwork } from "~/models/networks.server";
import { createAnnouncement } from "~/models/posts.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "newAnnouncement");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const network = await findNetwork(actorOf(session.user), params.slug ?? "");
  if (!network || !network.manages) throw new Response("Not found", { status: 404 });
  return { network };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const submission = parseWithZod(await request.formData(), { schema: AnnouncementSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createAnnouncement(actorOf(session.user), params.slug ?? "", submission.value, requestMeta(request, context), appOrigin());
  if (!outcome.ok) {
    if (outcome.reason === "not_found") throw new Response("Not found", { status: 404 });
    return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 });
  }
  throw redirect(`/updates/${outcome.id}`);
}

export default function NewAnnouncement() {
  const { network } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm({
    id: "announcement",
    lastResult: actionData?.result,
    constraint: getZodConstraint(AnnouncementSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AnnouncementSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const { key: importantKey, ...important } = getInputProps(fields.important, { type: "checkbox" });
  const { key: pinnedKey, ...pinned } = getInputProps(fields.pinned, { type: "checkbox" });
  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <AppLink to={`/networks/${network.slug}/updates`}>{t("updates.feedHeading", { network: network.name })}</AppLink>
      </Text>
      <Heading as="h1" size="8">
        {t("updates.form.announcementHeading", { network: network.name })}
      </Heading>
      <Card size="3" style={{ maxWidth: 760 }}>
        <Form method="post" {...getFormProps(form)}>
          <Flex direction="column" gap="4">
            <PostTextFields title={fields.title} body={fields.body} />
            <Text as="label" size="2">
              <Flex gap="2" align="center">
                <input key={importantKey} {...important} />
                {t("updates.form.important")}
              </Flex>
            </Text>
            <Text as="label" size="2">
              <Flex gap="2" align="center">
                <input key={pinnedKey} {...pinned} />
                {t("updates.form.pin")}
              </Flex>
            </Text>
            <div>
              <Button type="submit" size="3" disabled={navigation.state === "submitting"}>
                {t("updates.form.submit")}
              </Button>
            </div>
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

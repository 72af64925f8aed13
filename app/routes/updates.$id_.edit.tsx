import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Callout, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PostTextFields } from "~/components/post-fields";
import { EditSchema } from "~/lib/post-schemas";
import { requestMeta } from "~/models/audit.server";
import { editPost, getPost } from "~/models/posts.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "edit");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const page = await getPost(actorOf(session.user), params.id ?? "");
  if (!page || !page.mayEdit) throw new Response("Not found", { status: 404 });
  return { post: { id: page.post.id, title: page.post.title, body: page.post.body, version: page.post.version } };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const submission = parseWithZod(await request.formData(), { schema: EditSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null }, { status: 400 });
  const { title, body, version } = submission.value;
  const outcome = await editPost(actorOf(session.user), params.id ?? "", { title, body }, version, requestMeta(request, context));
  if (outcome.ok) throw redirect(`/updates/${params.id}`);
  if (outcome.reason === "not_found") throw new Response("Not found", { status: 404 });
  if (outcome.reason === "conflict") return data({ result: submission.reply(), conflict: outcome.current }, { status: 409 });
  return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }), conflict: null }, { status: 400 });
}

export default function EditUpdate() {
  const { post } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const conflict = actionData?.conflict ?? null;
  const [form, fields] = useForm({
    id: "edit-post",
    lastResult: actionData?.result,
    constraint: getZodConstraint(EditSchema),
    defaultValue: { title: post.title, body: post.body },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <AppLink to={`/updates/${post.id}`}>{post.title}</AppLink>
      </Text>
      <Heading as="h1" size="8">
        {t("updates.editHeading", { title: post.title })}
      </Heading>
      {conflict ? (
        <Callout.Root color="amber" highContrast role="alert">
          <Callout.Text>
            <strong>{t("updates.conflictTitle")}</strong> {t("updates.conflictIntro")}
          </Callout.Text>
        </Callout.Root>
      ) : null}
      <Card size="3" style={{ maxWidth: 760 }}>
        <Form method="post" {...getFormProps(form)}>
          {/* After a conflict the next save goes on top of the version now shown. */}
          <input type="hidden" name="version" value={conflict?.version ?? post.version} />
          <Flex direction="column" gap="4">
            <PostTextFields title={fields.title} body={fields.body} />
            <Flex gap="3" align="center">
              <Button type="submit" size="3" disabled={navigation.state === "submitting"}>
                {t("updates.form.save")}
              </Button>
              <AppLink to={`/updates/${post.id}`}>{t("updates.form.cancel")}</AppLink>
            </Flex>
          </Flex>
        </Form>
      </Card>
      {conflict ? (
        <Card size="2" style={{ maxWidth: 760 }}>
          <section aria-labelledby="their-version">
            <Heading as="h2" size="4" id="their-version" mb="2">
              {t("updates.theirVersion", { version: conflict.version })}
            </Heading>
            <Text as="p" weight="medium">
              {conflict.title}
            </Text>
            <pre className="comment-body" data-testid="their-text">
              {conflict.body}
            </pre>
          </section>
        </Card>
      ) : null}
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

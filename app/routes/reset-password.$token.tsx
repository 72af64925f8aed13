import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Callout, Card, Flex, Heading } from "@radix-ui/themes";
import { clearSessionCookie } from "~/auth/guard.server";
import { NewPasswordFields } from "~/components/password-fields";
import { newPasswordSchema } from "~/lib/schemas";
import { requestMeta } from "~/models/audit.server";
import { resetLinkIsValid, resetPassword } from "~/models/password-reset.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

const ResetSchema = newPasswordSchema({});

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "resetPassword");

export async function loader({ params }: LoaderFunctionArgs) {
  const valid = await resetLinkIsValid(params.token ?? "");
  return data({ valid }, { status: valid ? 200 : 410 });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetSchema });
  const hide = { hideFields: ["password", "confirm"] };
  if (submission.status !== "success") return data({ result: submission.reply(hide) }, { status: 400 });
  const outcome = await resetPassword(params.token ?? "", submission.value.password, requestMeta(request, context));
  if (!outcome.ok) {
    if (outcome.reason === "password") {
      return data({ result: submission.reply({ ...hide, fieldErrors: { password: [outcome.problem] } }) }, { status: 400 });
    }
    throw redirect(`/reset-password/${params.token}`);
  }
  throw redirect("/login?reset=1", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm({
    id: "reset",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Flex justify="center">
      <Card size="4" style={{ width: "100%", maxWidth: 440 }}>
        <Flex direction="column" gap="4">
          <Heading as="h1" size="7">
            {valid ? t("people.reset.title") : t("people.reset.invalidTitle")}
          </Heading>
          {valid ? (
            <Form method="post" {...getFormProps(form)}>
              <Flex direction="column" gap="3">
                <NewPasswordFields
                  password={fields.password}
                  confirm={fields.confirm}
                  passwordLabel={t("people.reset.password")}
                  confirmLabel={t("people.reset.confirm")}
                />
                <Button type="submit" size="3" disabled={navigation.state === "submitting"}>
                  {t("people.reset.submit")}
                </Button>
              </Flex>
            </Form>
          ) : (
            <>
              <Callout.Root color="amber" role="alert">
                <Callout.Text>{t("people.reset.invalid")}</Callout.Text>
              </Callout.Root>
              <div>
                <Button asChild variant="soft">
                  <Link to="/forgot-password">{t("people.reset.again")}</Link>
                </Button>
              </div>
            </>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}

import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Button, Callout, Card, Flex, Heading, Text, TextField } from "@radix-ui/themes";
import { z } from "zod";
import { Field } from "~/components/field";
import { appOrigin } from "~/lib/origin.server";
import { EmailSchema } from "~/lib/schemas";
import { requestMeta } from "~/models/audit.server";
import { requestPasswordReset } from "~/models/password-reset.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

const RequestSchema = z.object({ email: EmailSchema });

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forgotPassword");

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: RequestSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  // The same answer whether or not the address exists.
  await requestPasswordReset(submission.value.email, requestMeta(request, context), appOrigin());
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm({
    id: "forgot",
    lastResult: actionData?.result,
    constraint: getZodConstraint(RequestSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestSchema }),
  });
  const { key, ...emailProps } = getInputProps(fields.email, { type: "email" });
  return (
    <Flex justify="center">
      <Card size="4" style={{ width: "100%", maxWidth: 440 }}>
        <Flex direction="column" gap="4">
          <Heading as="h1" size="7">
            {t("people.reset.requestTitle")}
          </Heading>
          <Text as="p" color="gray">
            {t("people.reset.requestIntro")}
          </Text>
          {actionData?.sent ? (
            <Callout.Root color="green" highContrast role="status">
              <Callout.Text>{t("people.reset.sent")}</Callout.Text>
            </Callout.Root>
          ) : null}
          <Form method="post" {...getFormProps(form)}>
            <Flex direction="column" gap="3">
              <Field id={fields.email.id} label={t("people.reset.email")} errors={fields.email.errors}>
                {(aria) => <TextField.Root key={key} {...emailProps} {...aria} autoComplete="email" size="3" />}
              </Field>
              <Button type="submit" size="3" disabled={navigation.state === "submitting"}>
                {t("people.reset.send")}
              </Button>
            </Flex>
          </Form>
          <Text size="2">
            <Link to="/login">{t("people.invite.toLogin")}</Link>
          </Text>
        </Flex>
      </Card>
    </Flex>
  );
}

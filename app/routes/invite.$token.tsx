import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Callout, Card, Flex, Heading, Text, TextField } from "@radix-ui/themes";
import { z } from "zod";
import { sessionCookie } from "~/auth/guard.server";
import { createSession } from "~/auth/session.server";
import { Field } from "~/components/field";
import { NewPasswordFields } from "~/components/password-fields";
import { localeCookie } from "~/i18n/locale.server";
import { newPasswordSchema } from "~/lib/schemas";
import { requestMeta } from "~/models/audit.server";
import { acceptInvitation, lookUpInvitation } from "~/models/invitations.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

const AcceptSchema = newPasswordSchema({
  name: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong|200"),
  title: z.string().trim().max(200, "validation.tooLong|200").default(""),
});

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invite");

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await lookUpInvitation(params.token ?? "");
  // A link that no longer works gets a page that says why, with 410 (or 404 when unknown).
  if (invitation.state !== "valid") return data({ invitation }, { status: invitation.state === "unknown" ? 404 : 410 });
  return { invitation };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: AcceptSchema });
  const hide = { hideFields: ["password", "confirm"] };
  if (submission.status !== "success") return data({ result: submission.reply(hide) }, { status: 400 });
  const meta = requestMeta(request, context);
  const outcome = await acceptInvitation(params.token ?? "", submission.value, meta);
  if (!outcome.ok) {
    if (outcome.reason === "password") {
      return data({ result: submission.reply({ ...hide, fieldErrors: { password: [outcome.problem] } }) }, { status: 400 });
    }
    // Expired or used meanwhile: the loader's page explains it.
    throw redirect(`/invite/${params.token}`);
  }
  const session = await createSession(outcome.userId, meta);
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(request, session.token));
  headers.append("Set-Cookie", localeCookie(outcome.locale));
  throw redirect("/", { headers });
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm({
    id: "accept",
    lastResult: actionData?.result,
    constraint: getZodConstraint(AcceptSchema),
    defaultValue: { name: invitation.state === "valid" ? invitation.name : "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptSchema }),
    shouldRevalidate: "onInput",
  });

  if (invitation.state !== "valid") {
    return (
      <Flex justify="center">
        <Card size="4" style={{ width: "100%", maxWidth: 520 }}>
          <Flex direction="column" gap="4">
            <Heading as="h1" size="7">
              {t("people.invite.expiredTitle")}
            </Heading>
            <Callout.Root color="amber" role="alert">
              <Callout.Text>{t(`people.invite.${invitation.state}`)}</Callout.Text>
            </Callout.Root>
            <div>
              <Button asChild variant="soft">
                <Link to="/login">{t("people.invite.toLogin")}</Link>
              </Button>
            </div>
          </Flex>
        </Card>
      </Flex>
    );
  }

  const { key: nameKey, ...nameProps } = getInputProps(fields.name, { type: "text" });
  const { key: titleKey, ...titleProps } = getInputProps(fields.title, { type: "text" });
  return (
    <Flex justify="center">
      <Card size="4" style={{ width: "100%", maxWidth: 520 }}>
        <Flex direction="column" gap="4">
          <Heading as="h1" size="7">
            {t("people.invite.title")}
          </Heading>
          <Text as="p">{t("people.invite.intro", { organisation: invitation.organisationName })}</Text>
          <Form method="post" {...getFormProps(form)}>
            <Flex direction="column" gap="3">
              <Flex direction="column" gap="1">
                <Text size="2" weight="medium">
                  {t("people.invite.email")}
                </Text>
                <Text data-testid="invited-email">{invitation.email}</Text>
              </Flex>
              <Field id={fields.name.id} label={t("people.invite.name")} errors={fields.name.errors}>
                {(aria) => <TextField.Root key={nameKey} {...nameProps} {...aria} autoComplete="name" />}
              </Field>
              <Field id={fields.title.id} label={t("people.invite.jobTitle")} errors={fields.title.errors}>
                {(aria) => <TextField.Root key={titleKey} {...titleProps} {...aria} autoComplete="organization-title" />}
              </Field>
              <input type="hidden" name="username" autoComplete="username" value={invitation.email} />
              <NewPasswordFields
                password={fields.password}
                confirm={fields.confirm}
                passwordLabel={t("people.invite.password")}
                confirmLabel={t("people.invite.confirm")}
              />
              <div>
                <Button type="submit" size="3" disabled={navigation.state === "submitting"}>
                  {t("people.invite.submit")}
                </Button>
              </div>
            </Flex>
          </Form>
        </Flex>
      </Card>
    </Flex>
  );
}

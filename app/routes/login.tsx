import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Button, Callout, Card, Flex, Heading, Text, TextField } from "@radix-ui/themes";
import { useLocale, useT } from "~/i18n/use-locale";
import { z } from "zod";
import { getSession, safeRedirect, sessionCookie } from "~/auth/guard.server";
import { Field, useErrorText } from "~/components/field";
import { getChosenLocale, localeCookie } from "~/i18n/locale.server";
import { formatTime } from "~/lib/format";
import { requestMeta } from "~/models/audit.server";
import { setLocale, signIn } from "~/models/users.server";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/config";
import { pageTitle } from "~/i18n/meta";

const LoginSchema = z.object({
  email: z
    .string({ required_error: "validation.required" })
    .trim()
    .max(254, "validation.tooLong|254")
    .email("validation.email"),
  password: z.string({ required_error: "validation.required" }).max(256, "validation.passwordTooLong"),
  /** Only offered while sign-in is blocked: with the password, it lets an MFA account's owner in. */
  code: z.string().max(40).optional(),
  redirectTo: z.string().max(2000).optional(),
});

// Retry-After (and other action headers) must reach the document response too.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await getSession(request, context);
  if (session && !session.mfaPending) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), retryAt: null }, { status: 400 });
  }
  const { email, password, code, redirectTo } = submission.value;
  const result = await signIn(email, password, requestMeta(request, context), new Date(), code);
  if (!result.ok) {
    if (result.reason === "throttled") {
      const seconds = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000));
      return data(
        { result: submission.reply({ formErrors: ["login.throttled"], hideFields: ["password", "code"] }), retryAt: result.retryAt.toISOString() },
        { status: 429, headers: { "Retry-After": String(seconds) } },
      );
    }
    return data({ result: submission.reply({ formErrors: ["login.invalid"], hideFields: ["password"] }), retryAt: null }, { status: 400 });
  }
  // A language picked on the sign-in page wins and is remembered in the profile;
  // otherwise the profile's language follows the person to this browser.
  const chosen = getChosenLocale(request);
  if (chosen && chosen !== result.locale) await setLocale(result.userId, chosen);
  const responseHeaders = new Headers();
  responseHeaders.append("Set-Cookie", sessionCookie(request, result.token));
  responseHeaders.append("Set-Cookie", localeCookie(chosen ?? (isLocale(result.locale) ? result.locale : DEFAULT_LOCALE)));
  const target = safeRedirect(redirectTo);
  throw redirect(result.mfaPending ? `/login/mfa?redirectTo=${encodeURIComponent(target)}` : target, { headers: responseHeaders });
}

export default function Login() {
  const t = useT();
  const errorText = useErrorText();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  const submitting = navigation.state === "submitting";
  // A refused password is cleared so the next attempt starts clean; the address stays.
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (actionData && passwordRef.current) passwordRef.current.value = "";
  }, [actionData]);
  const lang = useLocale();
  const { key: emailKey, ...emailProps } = getInputProps(fields.email, { type: "email" });
  const { key: passwordKey, ...passwordProps } = getInputProps(fields.password, { type: "password" });
  const { key: codeKey, ...codeProps } = getInputProps(fields.code, { type: "text" });
  const blocked = Boolean(actionData?.retryAt);

  return (
    <Flex justify="center">
      <Card size="4" style={{ width: "100%", maxWidth: 440 }}>
        <Flex direction="column" gap="4">
          <Heading as="h1" size="7">
            {t("login.title")}
          </Heading>
          <Text as="p" color="gray">
            {t("login.intro")}
          </Text>
          {searchParams.get("reset") === "1" && !form.errors?.length ? (
            <Callout.Root color="green" role="status" highContrast>
              <Callout.Text>{t("people.reset.done")}</Callout.Text>
            </Callout.Root>
          ) : null}
          {form.errors?.length ? (
            <Callout.Root color="red" role="alert" id={form.errorId}>
              <Callout.Text>
                {form.errors
                  .map((e) =>
                    e === "login.throttled" && actionData?.retryAt
                      ? t("login.throttled", { time: formatTime(actionData.retryAt, lang) })
                      : errorText(e),
                  )
                  .join(" ")}
              </Callout.Text>
            </Callout.Root>
          ) : null}
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
            <Flex direction="column" gap="4">
              <Field id={fields.email.id} label={t("login.email")} errors={fields.email.errors}>
                {(aria) => <TextField.Root key={emailKey} {...emailProps} {...aria} autoComplete="username" size="3" />}
              </Field>
              <Field id={fields.password.id} label={t("login.password")} errors={fields.password.errors}>
                {(aria) => (
                  <TextField.Root key={passwordKey} ref={passwordRef} {...passwordProps} {...aria} autoComplete="current-password" size="3" />
                )}
              </Field>
              {blocked ? (
                <Field id={fields.code.id} label={t("login.code")} errors={fields.code.errors} help={t("login.codeHelp")}>
                  {(aria) => (
                    <TextField.Root key={codeKey} {...codeProps} {...aria} inputMode="numeric" autoComplete="one-time-code" maxLength={7} size="3" />
                  )}
                </Field>
              ) : null}
              <Button type="submit" size="3" disabled={submitting}>
                {submitting ? t("login.submitting") : t("login.submit")}
              </Button>
            </Flex>
          </Form>
          <Text as="p" size="2">
            <Link to="/forgot-password">{t("people.reset.forgot")}</Link>
          </Text>
          <Text as="p" size="2" color="gray">
            {t("login.noAccount")}
          </Text>
        </Flex>
      </Card>
    </Flex>
  );
}

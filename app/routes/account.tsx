import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Callout, Card, DataList, Flex, Grid, Heading, Text, TextField } from "@radix-ui/themes";
import { z } from "zod";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AccountExtras } from "~/components/account-extras";
import { AppLink } from "~/components/app-link";
import { accountExtras, handleAccountExtras } from "~/models/account-extras.server";
import { Field } from "~/components/field";
import { NewPasswordFields } from "~/components/password-fields";
import { localeCookie } from "~/i18n/locale.server";
import { requestMeta } from "~/models/audit.server";
import { changePassword, updateProfile } from "~/models/users.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

const ProfileSchema = z.object({
  intent: z.literal("profile"),
  name: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong|200"),
  title: z.string().trim().max(200, "validation.tooLong|200").default(""),
  phone: z.string().trim().max(50, "validation.tooLong|50").default(""),
  locale: z.enum(["sv", "en"], { errorMap: () => ({ message: "validation.invalidChoice" }) }),
});

const PasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string({ required_error: "validation.required" }).max(256, "validation.passwordTooLong"),
    newPassword: z
      .string({ required_error: "validation.required" })
      .min(12, "validation.passwordTooShort")
      .max(256, "validation.passwordTooLong"),
    confirmPassword: z.string({ required_error: "validation.required" }).max(256, "validation.passwordTooLong"),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "validation.passwordMismatch" });
    }
    if (v.newPassword === v.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "validation.sameAsOld" });
    }
  });

const PASSWORD_FIELDS = ["currentPassword", "newPassword", "confirmPassword"];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const { user } = session;
  return {
    extras: await accountExtras(actorOf(user)),
    user: {
      name: user.name,
      title: user.title,
      phone: user.phone,
      email: user.email,
      locale: user.locale,
      organisationName: user.organisationName,
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const meta = requestMeta(request, context);
  const formData = await request.formData();
  const extra = await handleAccountExtras(formData.get("intent"), formData, actor, meta);
  if (extra) return extra;

  if (formData.get("intent") === "password") {
    const submission = parseWithZod(formData, { schema: PasswordSchema });
    if (submission.status !== "success") {
      return data({ intent: "password", result: submission.reply({ hideFields: PASSWORD_FIELDS }), done: false }, { status: 400 });
    }
    const v = submission.value;
    const outcome = await changePassword(actor, session.id, v.currentPassword, v.newPassword, meta);
    if (!outcome.ok) {
      return data(
        {
          intent: "password",
          result: submission.reply({
            fieldErrors:
              outcome.reason === "policy" ? { newPassword: [outcome.problem] } : { currentPassword: ["validation.wrongPassword"] },
            hideFields: PASSWORD_FIELDS,
          }),
          done: false,
        },
        { status: 400 },
      );
    }
    return { intent: "password", result: submission.reply({ resetForm: true }), done: true };
  }

  const submission = parseWithZod(formData, { schema: ProfileSchema });
  if (submission.status !== "success") {
    return data({ intent: "profile", result: submission.reply(), done: false }, { status: 400 });
  }
  const { intent: _intent, ...profile } = submission.value;
  await updateProfile(actor, profile, meta);
  return data({ intent: "profile", result: submission.reply(), done: true }, { headers: { "Set-Cookie": localeCookie(profile.locale) } });
}

export default function Account() {
  const { user, extras } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state === "submitting";

  const [profileForm, profile] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    constraint: getZodConstraint(ProfileSchema),
    defaultValue: { name: user.name, title: user.title, phone: user.phone, locale: user.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
    shouldRevalidate: "onInput",
  });
  const [passwordForm, password] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    constraint: getZodConstraint(PasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
    shouldRevalidate: "onInput",
  });

  const input = (field: Parameters<typeof getInputProps>[0], type: "text" | "tel" | "password") => {
    const { key, ...props } = getInputProps(field, { type });
    return { props, key };
  };
  const name = input(profile.name, "text");
  const title = input(profile.title, "text");
  const phone = input(profile.phone, "tel");
  const current = input(password.currentPassword, "password");
  const { key: localeKey, ...localeProps } = getSelectProps(profile.locale);

  return (
    <Flex direction="column" gap="5">
      <Heading as="h1" size="8">
        {t("account.title")}
      </Heading>
      <Grid columns={{ initial: "1", md: "2" }} gap="4">
        <Card asChild size="3">
          <section aria-labelledby="profile-heading">
            <Heading as="h2" size="5" id="profile-heading" mb="3">
              {t("account.profile")}
            </Heading>
            <DataList.Root mb="4">
              <DataList.Item>
                <DataList.Label>{t("account.email")}</DataList.Label>
                <DataList.Value>{user.email}</DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>{t("account.organisation")}</DataList.Label>
                <DataList.Value>{user.organisationName}</DataList.Value>
              </DataList.Item>
            </DataList.Root>
            {actionData?.intent === "profile" && actionData.done ? (
              <Callout.Root color="green" highContrast role="status" mb="3">
                <Callout.Text>{t("account.saved")}</Callout.Text>
              </Callout.Root>
            ) : null}
            <Form method="post" {...getFormProps(profileForm)}>
              <input type="hidden" name="intent" value="profile" />
              <Flex direction="column" gap="3">
                <Field id={profile.name.id} label={t("account.name")} errors={profile.name.errors}>
                  {(aria) => <TextField.Root key={name.key} {...name.props} {...aria} autoComplete="name" />}
                </Field>
                <Field id={profile.title.id} label={t("account.jobTitle")} errors={profile.title.errors}>
                  {(aria) => <TextField.Root key={title.key} {...title.props} {...aria} autoComplete="organization-title" />}
                </Field>
                <Field id={profile.phone.id} label={t("account.phone")} errors={profile.phone.errors}>
                  {(aria) => <TextField.Root key={phone.key} {...phone.props} {...aria} autoComplete="tel" />}
                </Field>
                <Field id={profile.locale.id} label={t("account.language")} errors={profile.locale.errors}>
                  {(aria) => (
                    <select key={localeKey} {...localeProps} {...aria} className="native-select">
                      <option value="sv">{t("account.languageSv")}</option>
                      <option value="en">{t("account.languageEn")}</option>
                    </select>
                  )}
                </Field>
                <div>
                  <Button type="submit" disabled={busy}>
                    {t("account.save")}
                  </Button>
                </div>
              </Flex>
            </Form>
          </section>
        </Card>
        <Card asChild size="3">
          <section aria-labelledby="password-heading">
            <Heading as="h2" size="5" id="password-heading" mb="3">
              {t("account.passwordSection")}
            </Heading>
            <Text as="p" size="2" color="gray" mb="3">
              {t("account.passwordHelp")}
            </Text>
            {actionData?.intent === "password" && actionData.done ? (
              <Callout.Root color="green" highContrast role="status" mb="3">
                <Callout.Text>{t("account.passwordChanged")}</Callout.Text>
              </Callout.Root>
            ) : null}
            <Form method="post" {...getFormProps(passwordForm)}>
              <input type="hidden" name="intent" value="password" />
              <input type="hidden" name="username" autoComplete="username" value={user.email} />
              <Flex direction="column" gap="3">
                <Field id={password.currentPassword.id} label={t("account.currentPassword")} errors={password.currentPassword.errors}>
                  {(aria) => <TextField.Root key={current.key} {...current.props} {...aria} autoComplete="current-password" />}
                </Field>
                <NewPasswordFields
                  password={password.newPassword}
                  confirm={password.confirmPassword}
                  passwordLabel={t("account.newPassword")}
                  confirmLabel={t("account.confirmPassword")}
                />
                <div>
                  <Button type="submit" disabled={busy}>
                    {t("account.changePassword")}
                  </Button>
                </div>
              </Flex>
            </Form>
          </section>
        </Card>
      </Grid>
      <AccountExtras
        digest={extras.digest}
        tokens={extras.tokens}
        result={actionData && "ok" in actionData ? actionData : null}
      />
      <Card asChild size="3">
        <nav aria-labelledby="more-heading">
          <Heading as="h2" size="4" id="more-heading" mb="2">
            {t("account.more")}
          </Heading>
          <ul>
            <li>
              <AppLink to="/account/mfa">{t("mfa.link")}</AppLink>
            </li>
            <li>
              <AppLink to="/account/sessions">{t("people.sessions.link")}</AppLink>
            </li>
            <li>
              <AppLink to="/account/calendar">{t("meetings.feed.link")}</AppLink>
            </li>
          </ul>
        </nav>
      </Card>
    </Flex>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Callout, Card, Code, Flex, Heading, Text, TextField } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { enrolmentSecret, remainingRecoveryCodes, totpQrSvg, totpUri } from "~/auth/mfa.server";
import { actorOf } from "~/auth/policy";
import { requestMeta } from "~/models/audit.server";
import { disableMfa, enableMfa, regenerateRecoveryCodes } from "~/models/mfa-sign-in.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mfa");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context, { allowMfaSetup: true });
  const { user } = session;
  if (user.mfaEnabled) {
    return { enabled: true as const, required: user.mfaRequired, remaining: await remainingRecoveryCodes(user.id) };
  }
  const secret = enrolmentSecret(session.id, user.id);
  const uri = totpUri(secret, user.email);
  return { enabled: false as const, required: user.mfaRequired, secret, qr: await totpQrSvg(uri) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, context, { allowMfaSetup: true });
  const actor = actorOf(session.user);
  const meta = requestMeta(request, context);
  const form = await request.formData();
  const password = String(form.get("password") ?? "").slice(0, 256);
  const intent = form.get("intent");
  const outcome =
    intent === "enable"
      ? await enableMfa(actor, session.id, String(form.get("secret") ?? ""), String(form.get("code") ?? ""), password, meta)
      : intent === "regenerate"
        ? await regenerateRecoveryCodes(actor, session.id, password, meta)
        : intent === "disable"
          ? await disableMfa(actor, session.id, session.user.mfaRequired, password, meta)
          : null;
  if (!outcome) throw new Response("Bad request", { status: 400 });
  if (!outcome.ok) {
    const key = { wrong_password: "mfa.wrongPassword", wrong_code: "mfa.wrongCode", required: "mfa.required" }[outcome.reason];
    return data({ error: key, done: null, codes: null }, { status: 400 });
  }
  const done = { enable: "mfa.enabledNow", regenerate: "mfa.codesTitle", disable: "mfa.disabledNow" }[intent as "enable" | "regenerate" | "disable"];
  return { error: null, done, codes: outcome.codes ?? null };
}

function PasswordField() {
  const t = useT();
  return (
    <Flex direction="column" gap="1">
      <Text as="label" htmlFor="mfa-password" size="2" weight="medium">
        {t("mfa.password")}
      </Text>
      <TextField.Root id="mfa-password" name="password" type="password" autoComplete="current-password" required maxLength={256} />
    </Flex>
  );
}

export default function MfaSettings() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <Flex direction="column" gap="4" style={{ maxWidth: 720 }}>
      <Heading as="h1" size="8">
        {t("mfa.title")}
      </Heading>
      {page.required && !page.enabled ? (
        <Callout.Root color="amber" role="status" highContrast>
          <Callout.Text>{t("mfa.requiredNotice")}</Callout.Text>
        </Callout.Root>
      ) : null}
      {result?.error ? (
        <Callout.Root color="red" role="alert" highContrast>
          <Callout.Text>{t(result.error)}</Callout.Text>
        </Callout.Root>
      ) : null}
      {result?.done && !result.codes ? (
        <Callout.Root color="green" role="status" highContrast>
          <Callout.Text>{t(result.done)}</Callout.Text>
        </Callout.Root>
      ) : null}
      {result?.codes ? (
        <Card size="3">
          <Heading as="h2" size="5" mb="2">
            {t("mfa.codesTitle")}
          </Heading>
          <Text as="p" size="2" mb="3" role="status">
            {result.done === "mfa.enabledNow" ? `${t("mfa.enabledNow")} ` : ""}
            {t("mfa.codesIntro")}
          </Text>
          <ul className="plain-list" data-testid="recovery-codes">
            {result.codes.map((c) => (
              <li key={c}>
                <Code size="3">{c}</Code>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {page.enabled ? (
        <Card size="3">
          <Flex direction="column" gap="3">
            <Text weight="medium">{t("mfa.enabled")}</Text>
            <Text size="2" color="gray">
              {t("mfa.remaining", { count: page.remaining })}
            </Text>
            <Form method="post">
              <Flex direction="column" gap="3">
                <PasswordField />
                <Flex gap="2" wrap="wrap">
                  <Button type="submit" name="intent" value="regenerate" variant="soft">
                    {t("mfa.regenerate")}
                  </Button>
                  {!page.required ? (
                    <Button type="submit" name="intent" value="disable" color="red" variant="soft">
                      {t("mfa.disable")}
                    </Button>
                  ) : null}
                </Flex>
              </Flex>
            </Form>
          </Flex>
        </Card>
      ) : (
        <Card size="3">
          <Flex direction="column" gap="3">
            <Text>{t("mfa.disabled")}</Text>
            <Text size="2">{t("mfa.setupIntro")}</Text>
            <div role="img" aria-label={t("mfa.qrAlt")} style={{ width: 200 }} dangerouslySetInnerHTML={{ __html: page.qr }} />
            <Text size="2">
              {t("mfa.manualKey")} <Code data-testid="mfa-secret">{page.secret}</Code>
            </Text>
            <Form method="post">
              <input type="hidden" name="intent" value="enable" />
              <input type="hidden" name="secret" value={page.secret} />
              <Flex direction="column" gap="3">
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="mfa-setup-code" size="2" weight="medium">
                    {t("mfa.code")}
                  </Text>
                  <TextField.Root id="mfa-setup-code" name="code" autoComplete="one-time-code" inputMode="numeric" required maxLength={7} />
                </Flex>
                <PasswordField />
                <div>
                  <Button type="submit">{t("mfa.enable")}</Button>
                </div>
              </Flex>
            </Form>
          </Flex>
        </Card>
      )}
    </Flex>
  );
}

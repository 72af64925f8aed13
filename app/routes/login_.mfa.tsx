import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Button, Callout, Card, Flex, Heading, Text, TextField } from "@radix-ui/themes";
import { useLocale, useT } from "~/i18n/use-locale";
import { getSession, safeRedirect, sessionCookie } from "~/auth/guard.server";
import { formatTime } from "~/lib/format";
import { requestMeta } from "~/models/audit.server";
import { completeMfa } from "~/models/mfa-sign-in.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mfa");

async function pendingSession(request: Request, context: LoaderFunctionArgs["context"]) {
  const session = await getSession(request, context);
  if (!session) throw redirect("/login");
  if (!session.mfaPending) throw redirect("/");
  return session;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await pendingSession(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await pendingSession(request, context);
  const form = await request.formData();
  const code = String(form.get("code") ?? "").slice(0, 40);
  const outcome = await completeMfa(session, code, requestMeta(request, context));
  if (!outcome.ok) {
    if (outcome.reason === "throttled") {
      return data({ error: "mfa.throttled", retryAt: outcome.retryAt.toISOString() }, { status: 429 });
    }
    return data({ error: "mfa.invalid", retryAt: null }, { status: 400 });
  }
  throw redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": sessionCookie(request, outcome.token) } });
}

export default function MfaStep() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLocale();
  return (
    <Flex justify="center">
      <Card size="4" style={{ width: "100%", maxWidth: 440 }}>
        <Flex direction="column" gap="4">
          <Heading as="h1" size="7">
            {t("mfa.stepTitle")}
          </Heading>
          <Text as="p" color="gray">
            {t("mfa.stepIntro")}
          </Text>
          {actionData?.error ? (
            <Callout.Root color="red" role="alert" highContrast>
              <Callout.Text>
                {actionData.retryAt ? t("mfa.throttled", { time: formatTime(actionData.retryAt, lang) }) : t(actionData.error)}
              </Callout.Text>
            </Callout.Root>
          ) : null}
          <Form method="post">
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
            <Flex direction="column" gap="3">
              <Flex direction="column" gap="1">
                <Text as="label" htmlFor="mfa-code" size="2" weight="medium">
                  {t("mfa.code")}
                </Text>
                <TextField.Root id="mfa-code" name="code" autoComplete="one-time-code" required maxLength={40} size="3" autoFocus />
              </Flex>
              <Button type="submit" size="3" disabled={navigation.state === "submitting"}>
                {t("mfa.verify")}
              </Button>
            </Flex>
          </Form>
          <Text size="2">
            <Link to="/login">{t("mfa.startOver")}</Link>
          </Text>
        </Flex>
      </Card>
    </Flex>
  );
}

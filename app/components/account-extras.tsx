import { Form, useNavigation } from "@remix-run/react";
import { Button, Callout, Card, Code, Flex, Heading, Text, TextField } from "@radix-ui/themes";
import { useLocale, useT } from "~/i18n/use-locale";
import { formatDateTime } from "~/lib/format";
import { useErrorText } from "./field";

interface Props {
  digest: "off" | "daily" | "weekly";
  tokens: { id: string; name: string; prefix: string; createdAt: Date | string; lastUsedAt: Date | string | null }[];
  result?: { intent: string; ok: boolean; error?: string; token?: string } | null;
}

/** The digest choice and the personal access tokens on the account page. */
export function AccountExtras({ digest, tokens, result }: Props) {
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  const busy = useNavigation().state === "submitting";
  const tokenError = result?.intent === "createToken" && !result.ok ? result.error : undefined;
  return (
    <>
      <Card asChild size="3">
        <section aria-labelledby="digest-heading">
          <Heading as="h2" size="5" id="digest-heading" mb="2">
            {t("digest.heading")}
          </Heading>
          <Text as="p" size="2" color="gray" mb="3">
            {t("digest.intro")}
          </Text>
          {result?.ok && (result.intent === "digest" || result.intent === "digestNow") ? (
            <Callout.Root color="green" highContrast role="status" mb="3">
              <Callout.Text>{result.intent === "digest" ? t("digest.saved") : t("digest.queued")}</Callout.Text>
            </Callout.Root>
          ) : null}
          <Flex gap="4" wrap="wrap" align="end">
            <Form method="post">
              <input type="hidden" name="intent" value="digest" />
              <fieldset className="plain-fieldset">
                <legend>
                  <Text size="2" weight="medium">
                    {t("digest.heading")}
                  </Text>
                </legend>
                <Flex gap="4" mt="1" mb="2" wrap="wrap">
                  {(["off", "daily", "weekly"] as const).map((f) => (
                    <Text as="label" size="2" key={f}>
                      <Flex gap="2" align="center">
                        <input type="radio" name="digest" value={f} defaultChecked={digest === f} />
                        {t(`digest.frequency.${f}`)}
                      </Flex>
                    </Text>
                  ))}
                </Flex>
              </fieldset>
              <Button type="submit" disabled={busy}>
                {t("digest.save")}
              </Button>
            </Form>
            {digest !== "off" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="digestNow" />
                <Button type="submit" variant="soft" disabled={busy}>
                  {t("digest.sendNow")}
                </Button>
              </Form>
            ) : null}
          </Flex>
        </section>
      </Card>

      <Card asChild size="3">
        <section aria-labelledby="tokens-heading">
          <Heading as="h2" size="5" id="tokens-heading" mb="2">
            {t("tokens.heading")}
          </Heading>
          <Text as="p" size="2" color="gray" mb="3">
            {t("tokens.intro")}
          </Text>
          {result?.intent === "createToken" && result.token ? (
            <Callout.Root color="amber" highContrast role="status" mb="3">
              <Callout.Text>
                <strong>{t("tokens.createdTitle")}</strong> {t("tokens.created")}
              </Callout.Text>
              <Code size="3" data-testid="new-token" style={{ wordBreak: "break-all" }}>
                {result.token}
              </Code>
            </Callout.Root>
          ) : null}
          {result?.intent === "revokeToken" && result.ok ? (
            <Callout.Root color="green" highContrast role="status" mb="3">
              <Callout.Text>{t("tokens.revoked")}</Callout.Text>
            </Callout.Root>
          ) : null}
          {tokens.length === 0 ? (
            <Text as="p" size="2">
              {t("tokens.none")}
            </Text>
          ) : (
            <ul className="plain-list" data-testid="tokens">
              {tokens.map((tok) => (
                <li key={tok.id}>
                  <Flex gap="3" align="center" py="1" wrap="wrap">
                    <Text weight="medium">{tok.name}</Text>
                    <Code>{tok.prefix}…</Code>
                    <Text size="1" color="gray">
                      {t("tokens.createdAt", { date: formatDateTime(tok.createdAt, locale) })} ·{" "}
                      {tok.lastUsedAt ? t("tokens.lastUsed", { date: formatDateTime(tok.lastUsedAt, locale) }) : t("tokens.neverUsed")}
                    </Text>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revokeToken" />
                      <input type="hidden" name="id" value={tok.id} />
                      <Button type="submit" variant="soft" color="red" size="1" aria-label={`${t("tokens.revoke")}: ${tok.name}`}>
                        {t("tokens.revoke")}
                      </Button>
                    </Form>
                  </Flex>
                </li>
              ))}
            </ul>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="createToken" />
            <Flex gap="3" align="end" mt="3" wrap="wrap">
              <Flex direction="column" gap="1">
                <Text as="label" htmlFor="token-name" size="2" weight="medium">
                  {t("tokens.name")}
                </Text>
                <TextField.Root
                  id="token-name"
                  name="name"
                  maxLength={100}
                  required
                  aria-describedby={tokenError ? "token-name-help token-name-error" : "token-name-help"}
                  aria-invalid={tokenError ? true : undefined}
                />
                <Text id="token-name-help" size="1" color="gray">
                  {t("tokens.nameHelp")}
                </Text>
                {tokenError ? (
                  <Text id="token-name-error" size="2" color="red" role="alert">
                    {errorText(tokenError)}
                  </Text>
                ) : null}
              </Flex>
              <Button type="submit" disabled={busy}>
                {t("tokens.create")}
              </Button>
            </Flex>
          </Form>
        </section>
      </Card>
    </>
  );
}

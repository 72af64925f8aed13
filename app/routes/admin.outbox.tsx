import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Card, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { useLocale, useT } from "~/i18n/use-locale";
import { requirePlatformAdmin } from "~/auth/admin.server";
import { formatDateTime } from "~/lib/format";
import { listOutbox } from "~/lib/mail.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "outbox");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request, context);
  const mails = await listOutbox(100);
  return {
    mails: mails.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      text: m.text,
      status: m.status,
      attempts: m.attempts,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

const statusColor = { pending: "amber", sent: "green", failed: "red" } as const;
const statusKey = { pending: "statusPending", sent: "statusSent", failed: "statusFailed" } as const;

export default function Outbox() {
  const { mails } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLocale();
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="8">
        {t("people.outbox.title")}
      </Heading>
      <Text as="p" color="gray">
        {t("people.outbox.intro")}
      </Text>
      {mails.length === 0 ? <Text as="p">{t("people.outbox.empty")}</Text> : null}
      <Flex direction="column" gap="3" asChild>
        <ul className="plain-list" data-testid="outbox">
          {mails.map((m) => (
            <li key={m.id}>
              <Card size="2">
                <Flex direction="column" gap="2">
                  <Flex gap="3" align="center" wrap="wrap">
                    <Heading as="h2" size="3">
                      {m.subject}
                    </Heading>
                    <Badge color={statusColor[m.status]} highContrast>{t(`people.outbox.${statusKey[m.status]}`)}</Badge>
                  </Flex>
                  <Table.Root size="1" variant="ghost">
                    <Table.Body>
                      <Table.Row>
                        <Table.RowHeaderCell>{t("people.outbox.to")}</Table.RowHeaderCell>
                        <Table.Cell>{m.to}</Table.Cell>
                      </Table.Row>
                      <Table.Row>
                        <Table.RowHeaderCell>{t("people.outbox.created")}</Table.RowHeaderCell>
                        <Table.Cell>{formatDateTime(m.createdAt, lang)}</Table.Cell>
                      </Table.Row>
                      <Table.Row>
                        <Table.RowHeaderCell>{t("people.outbox.attempts")}</Table.RowHeaderCell>
                        <Table.Cell>{m.attempts}</Table.Cell>
                      </Table.Row>
                    </Table.Body>
                  </Table.Root>
                  <details>
                    <summary>{t("people.outbox.show")}</summary>
                    <p className="mail-text">{m.text}</p>
                  </details>
                </Flex>
              </Card>
            </li>
          ))}
        </ul>
      </Flex>
    </Flex>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Callout, Card, Code, Flex, Heading, Text } from "@radix-ui/themes";
import { useLocale, useT } from "~/i18n/use-locale";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { formatDateTime } from "~/lib/format";
import { appOrigin } from "~/lib/origin.server";
import { requestMeta } from "~/models/audit.server";
import { createFeed, feedStatus, revokeFeed } from "~/models/calendar-feed.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "calendar");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const status = await feedStatus(actorOf(session.user));
  return { createdAt: status?.createdAt.toISOString() ?? null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "revoke") {
    await revokeFeed(actor, requestMeta(request, context));
    return { url: null, revoked: true };
  }
  if (intent !== "create") throw new Response("Okänd åtgärd / Unknown action", { status: 400 });
  const path = await createFeed(actor, requestMeta(request, context));
  return { url: `${appOrigin()}${path}`, revoked: false };
}

export default function CalendarFeed() {
  const { createdAt } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const lang = useLocale();
  return (
    <Flex direction="column" gap="4" style={{ maxWidth: 760 }}>
      <Heading as="h1" size="8">
        {t("meetings.feed.title")}
      </Heading>
      <Text as="p">{t("meetings.feed.intro")}</Text>
      {result?.url ? (
        <Callout.Root color="green" role="status" highContrast>
          <Callout.Text>
            {t("meetings.feed.once")}
            <br />
            <Code data-testid="feed-url" style={{ wordBreak: "break-all" }}>
              {result.url}
            </Code>
          </Callout.Text>
        </Callout.Root>
      ) : null}
      {result?.revoked ? (
        <Callout.Root color="green" role="status" highContrast>
          <Callout.Text>{t("meetings.feed.revoked")}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Card size="3">
        <Flex direction="column" gap="3">
          <Text size="2" color="gray">
            {createdAt ? t("meetings.feed.active", { date: formatDateTime(createdAt, lang) }) : t("meetings.feed.none")}
          </Text>
          <Flex gap="2" wrap="wrap">
            <Form method="post">
              <input type="hidden" name="intent" value="create" />
              <Button type="submit">{createdAt ? t("meetings.feed.replace") : t("meetings.feed.create")}</Button>
            </Form>
            {createdAt ? (
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <Button type="submit" color="red" variant="soft">
                  {t("meetings.feed.revoke")}
                </Button>
              </Form>
            ) : null}
          </Flex>
        </Flex>
      </Card>
    </Flex>
  );
}

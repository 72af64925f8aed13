import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Badge, Button, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLocale, useT } from "~/i18n/use-locale";
import { formatDateTime } from "~/lib/format";
import { listNotifications, markNotificationsRead } from "~/models/notifications.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  return { notifications: await listNotifications(actorOf(session.user)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  const id = form.get("id");
  await markNotificationsRead(actorOf(session.user), typeof id === "string" ? [id] : "all");
  return { ok: true };
}

function linkOf(n: { postId: string | null; meetingId: string | null; kind: string }) {
  if (n.postId) return `/updates/${n.postId}${n.kind === "announcement" ? "" : "#comments"}`;
  return n.kind === "minutes_published" ? `/meetings/${n.meetingId}/minutes` : `/meetings/${n.meetingId}`;
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const unread = notifications.some((n) => !n.readAt);
  return (
    <Flex direction="column" gap="4">
      <Flex justify="between" align="center" gap="3" wrap="wrap">
        <Heading as="h1" size="8">
          {t("notifications.title")}
        </Heading>
        {unread ? (
          <Form method="post">
            <Button type="submit" variant="soft">
              {t("notifications.markAllRead")}
            </Button>
          </Form>
        ) : null}
      </Flex>
      {notifications.length === 0 ? <Text as="p">{t("notifications.none")}</Text> : null}
      <ul className="plain-list" data-testid="notifications">
        {notifications.map((n) => (
          <li key={n.id} style={{ marginBottom: "var(--space-2)" }}>
            <Card size="1">
              <Flex justify="between" align="center" gap="3" wrap="wrap">
                <Flex direction="column" gap="1">
                  <Flex gap="2" align="center">
                    {!n.readAt ? (
                      <Badge color="green" highContrast>
                        {t("notifications.unread")}
                      </Badge>
                    ) : null}
                    <AppLink to={linkOf(n)}>{t(`notifications.kind.${n.kind}`, { actor: n.actorName ?? t("notifications.someone"), title: n.title })}</AppLink>
                  </Flex>
                  <Text size="1" color="gray">
                    <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(n.createdAt, locale)}</time>
                  </Text>
                </Flex>
                {!n.readAt ? (
                  <Form method="post">
                    <input type="hidden" name="id" value={n.id} />
                    <Button type="submit" variant="ghost" size="1" aria-label={`${t("notifications.markRead")}: ${n.title}`}>
                      ✓
                    </Button>
                  </Form>
                ) : null}
              </Flex>
            </Card>
          </li>
        ))}
      </ul>
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

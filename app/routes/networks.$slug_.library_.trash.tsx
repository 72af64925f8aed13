import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Callout, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLocale, useT } from "~/i18n/use-locale";
import { formatDateTime } from "~/lib/format";
import { requestMeta } from "~/models/audit.server";
import { listTrash, restoreFromTrash } from "~/models/library.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "trash");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const trash = await listTrash(actorOf(session.user), params.slug ?? "");
  if (!trash) throw new Response("Not found", { status: 404 });
  return trash;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  const ok = await restoreFromTrash(actorOf(session.user), params.slug ?? "", String(form.get("document") ?? ""), requestMeta(request, context));
  if (!ok) throw new Response("Not found", { status: 404 });
  return { restored: true };
}

export default function Trash() {
  const { network, documents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <AppLink to={`/networks/${network.slug}/library`}>{t("library.heading", { network: network.name })}</AppLink>
      </Text>
      <Heading as="h1" size="8">
        {t("library.trash")}
      </Heading>
      <Text as="p" color="gray">
        {t("library.trashIntro")}
      </Text>
      {actionData?.restored ? (
        <Callout.Root color="green" highContrast role="status">
          <Callout.Text>{t("library.restored")}</Callout.Text>
        </Callout.Root>
      ) : null}
      {documents.length === 0 ? <Text as="p">{t("library.trashEmpty")}</Text> : null}
      <ul className="plain-list" data-testid="trash">
        {documents.map((d) => (
          <li key={d.id} style={{ marginBottom: "var(--space-2)" }}>
            <Card size="1">
              <Flex justify="between" align="center" gap="3" wrap="wrap">
                <Flex direction="column">
                  <Text weight="medium">{d.title}</Text>
                  <Text size="1" color="gray">
                    {t("library.deletedBy", { date: formatDateTime(d.deletedAt!, locale), name: d.deletedByName ?? "–" })}
                  </Text>
                </Flex>
                <Form method="post">
                  <input type="hidden" name="document" value={d.id} />
                  <Button type="submit" variant="soft" aria-label={`${t("library.restore")}: ${d.title}`}>
                    {t("library.restore")}
                  </Button>
                </Form>
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

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, Flex, Heading, Text } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { ActionItemTable } from "~/components/action-item-table";
import { requestMeta } from "~/models/audit.server";
import { listMyActionItems, setActionItemStatus } from "~/models/action-items.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "myActionItems");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  return { items: await listMyActionItems(actorOf(session.user)), today: new Date().toISOString().slice(0, 10) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  const status = form.get("status");
  if (status !== "done" && status !== "open") throw new Response("Okänd status / Unknown status", { status: 400 });
  if (!(await setActionItemStatus(actorOf(session.user), String(form.get("itemId") ?? ""), status, requestMeta(request, context)))) {
    throw new Response("Not found", { status: 404 });
  }
  return null;
}

export default function MyActionItems() {
  const { items, today } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="8">
        {t("minutes.actions.mine")}
      </Heading>
      <Text as="p" color="gray">
        {t("minutes.actions.mineIntro")}
      </Text>
      <Card size="2">
        <ActionItemTable items={items} today={today} canUpdate />
      </Card>
    </Flex>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, Flex, Heading, Text } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { ActionItemTable } from "~/components/action-item-table";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listNetworkActionItems } from "~/models/action-items.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "actionItems");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const overview = await listNetworkActionItems(actorOf(session.user), params.slug ?? "");
  if (!overview) throw new Response("Not found", { status: 404 });
  return { ...overview, today: new Date().toISOString().slice(0, 10) };
}

export default function NetworkActionItems() {
  const { network, items, today } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <AppLink to={`/networks/${network.slug}`}>{network.name}</AppLink>
      </Text>
      <Heading as="h1" size="8">
        {t("minutes.actions.network", { network: network.name })}
      </Heading>
      <Card size="2">
        <ActionItemTable items={items} today={today} />
      </Card>
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Callout, Card, Flex, Heading } from "@radix-ui/themes";
import { requirePlatformAdmin } from "~/auth/admin.server";
import { actorOf } from "~/auth/policy";
import { NetworkFields } from "~/components/admin-forms";
import { AppLink } from "~/components/app-link";
import { NetworkSchema } from "~/lib/admin-schemas";
import { requestMeta } from "~/models/audit.server";
import { createNetwork } from "~/models/network-admin.server";
import { listNetworksForActor } from "~/models/networks.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "networks");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requirePlatformAdmin(request, context);
  return { networks: await listNetworksForActor(actorOf(session.user)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePlatformAdmin(request, context);
  const parsed = NetworkSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ message: "admin.invalid" }, { status: 400 });
  const result = await createNetwork(actorOf(session.user), null, parsed.data, requestMeta(request, context));
  if (!result.ok) return data({ message: result.reason === "conflict" ? "admin.exists" : "admin.invalid" }, { status: 409 });
  throw redirect(`/networks/${parsed.data.slug}/manage`);
}

export default function AdminNetworks() {
  const { networks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="8">
        {t("admin.networks")}
      </Heading>
      {result ? (
        <Callout.Root color="red" role="alert" highContrast>
          <Callout.Text>{t(result.message)}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Card asChild size="3">
        <section aria-labelledby="new-network">
          <Heading as="h2" size="4" id="new-network" mb="3">
            {t("admin.newNetwork")}
          </Heading>
          <Form method="post">
            <NetworkFields kinds={["authority_network", "ngo_network", "county_network", "resource_centre"]} submitLabel={t("admin.create")} />
          </Form>
        </section>
      </Card>
      <ul data-testid="admin-networks">
        {networks.map((n) => (
          <li key={n.id}>
            <AppLink to={`/networks/${n.slug}/manage`}>{n.name}</AppLink>
          </li>
        ))}
      </ul>
    </Flex>
  );
}

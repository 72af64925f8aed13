import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Badge, Card, Flex, Grid, Heading, Text } from "@radix-ui/themes";
import { useTranslation } from "react-i18next";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { listNetworksForActor } from "~/models/networks.server";

export const meta: MetaFunction = () => [{ title: "Start · Nätverksportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const networks = await listNetworksForActor(actorOf(session.user));
  return { name: session.user.name, isPlatformAdmin: session.user.isPlatformAdmin, networks };
}

export default function Home() {
  const { name, isPlatformAdmin, networks } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <Flex direction="column" gap="5">
      <Heading as="h1" size="8">
        {t("home.greeting", { name })}
      </Heading>
      {isPlatformAdmin ? (
        <Card asChild size="2">
          <nav aria-labelledby="admin-heading">
            <Heading as="h2" size="4" id="admin-heading" mb="2">
              {t("home.administration")}
            </Heading>
            <Flex gap="4" wrap="wrap">
              <AppLink to="/admin/organisations">{t("admin.organisations")}</AppLink>
              <AppLink to="/admin/networks">{t("admin.networks")}</AppLink>
              <AppLink to="/admin/audit">{t("audit.link")}</AppLink>
              <AppLink to="/admin/outbox">{t("people.outbox.title")}</AppLink>
            </Flex>
          </nav>
        </Card>
      ) : null}
      <section aria-labelledby="networks-heading">
        <Flex direction="column" gap="3">
          <Heading as="h2" size="5" id="networks-heading">
            {t("home.yourNetworks")}
          </Heading>
          {isPlatformAdmin ? (
            <Text as="p" color="gray" size="2">
              {t("home.adminNote")}
            </Text>
          ) : null}
          {networks.length === 0 ? <Text as="p">{t("home.noNetworks")}</Text> : null}
          <Grid columns={{ initial: "1", sm: "2" }} gap="4" asChild>
            <ul className="plain-list" data-testid="network-list">
              {networks.map((n) => (
                <li key={n.id}>
                  <Card size="2" style={{ height: "100%" }}>
                    <Flex direction="column" gap="2">
                      <Heading as="h3" size="4">
                        <AppLink to={`/networks/${n.slug}`}>{n.name}</AppLink>
                      </Heading>
                      <div>
                        <Badge color="gray">{t(`network.kind.${n.kind}`)}</Badge>
                      </div>
                      <Text as="p" size="2" color="gray">
                        {n.description}
                      </Text>
                      {n.groups.length > 0 ? (
                        <nav aria-label={`${t("home.groups")}: ${n.name}`}>
                          <Text as="p" size="2" weight="medium" mb="1">
                            {t("home.groups")}
                          </Text>
                          <ul>
                            {n.groups.map((g) => (
                              <li key={g.id}>
                                <AppLink to={`/networks/${g.slug}`}>{g.name}</AppLink>
                              </li>
                            ))}
                          </ul>
                        </nav>
                      ) : null}
                    </Flex>
                  </Card>
                </li>
              ))}
            </ul>
          </Grid>
        </Flex>
      </section>
    </Flex>
  );
}

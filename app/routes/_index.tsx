import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Badge, Card, Flex, Grid, Heading, Text } from "@radix-ui/themes";
import * as Lite from "~/components/lite";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { PostBadges } from "~/components/post-article";
import { useLocale, useT } from "~/i18n/use-locale";
import { formatDateTime } from "~/lib/format";
import { listNetworksForActor } from "~/models/networks.server";
import { recentPosts } from "~/models/posts.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const [networks, recent] = await Promise.all([listNetworksForActor(actor), recentPosts(actor)]);
  return { name: session.user.name, isPlatformAdmin: session.user.isPlatformAdmin, networks, recent };
}

export default function Home() {
  const { name, isPlatformAdmin, networks, recent } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
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
      <Card asChild size="2">
        <section aria-labelledby="recent-heading">
          <Heading as="h2" size="5" id="recent-heading" mb="3">
            {t("updates.home.heading")}
          </Heading>
          {recent.length === 0 ? <Text as="p">{t("updates.home.none")}</Text> : null}
          <ul className="plain-list" data-testid="recent-posts">
            {recent.map((p) => (
              <li key={p.id} style={{ marginBottom: "var(--space-3)" }}>
                <Lite.Stack gap="1">
                  <Lite.Stack row align="center" wrap>
                    <AppLink to={`/updates/${p.id}`} weight="medium">
                      {p.title}
                    </AppLink>
                    <PostBadges post={{ ...p, pinned: false }} />
                  </Lite.Stack>
                  <Lite.Text size="2" color="gray">
                    {p.organisationName} · {p.networks.map((n) => n.name).join(", ")} ·{" "}
                    <time dateTime={new Date(p.createdAt).toISOString()}>{formatDateTime(p.createdAt, locale)}</time>
                  </Lite.Text>
                </Lite.Stack>
              </li>
            ))}
          </ul>
        </section>
      </Card>
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
                    <Lite.Stack>
                      <Lite.Heading as="h3">
                        <AppLink to={`/networks/${n.slug}`}>{n.name}</AppLink>
                      </Lite.Heading>
                      <Lite.Text size="2">
                        <AppLink to={`/networks/${n.slug}/updates`}>{t("updates.home.all", { network: n.name })}</AppLink>
                      </Lite.Text>
                      <div>
                        <Badge color="gray">{t(`network.kind.${n.kind}`)}</Badge>
                      </div>
                      <Lite.Text as="p" size="2" color="gray">
                        {n.description}
                      </Lite.Text>
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
                    </Lite.Stack>
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

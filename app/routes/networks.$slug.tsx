import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Badge, Card, Flex, Grid, Heading, Text } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { mayManage } from "~/models/network-admin.server";
import { getNetworkPage } from "~/models/networks.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data && { name: data.network.name });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const page = await getNetworkPage(actorOf(session.user), params.slug ?? "");
  // Unknown and not-yours look the same, so nobody learns what exists.
  if (!page) throw new Response("Not found", { status: 404 });
  const actor = actorOf(session.user);
  // Coordinators of this network or of its parent, and platform admins, manage it.
  const canManage = actor.isPlatformAdmin || page.coordinators.some((c) => c.id === actor.userId) || (Boolean(page.network.parentId) && (await mayManage(actor, page.network.slug)));
  return { ...page, viewerId: session.user.id, canManage };
}

type Person = { id: string; name: string; title: string; email: string; organisationId: string; organisationName: string };

function PeopleList({ people, empty }: { people: Person[]; empty: string }) {
  if (people.length === 0) return <Text as="p" color="gray">{empty}</Text>;
  return (
    <ul className="plain-list">
      {people.map((p) => (
        <li key={p.id}>
          <Flex direction="column" py="1">
            <Text weight="medium">{p.name}</Text>
            <Text size="2" color="gray">
              {p.title ? `${p.title}, ` : ""}
              <AppLink to={`/organisations/${p.organisationId}`}>{p.organisationName}</AppLink>
            </Text>
            <Text size="2">
              <a href={`mailto:${p.email}`}>{p.email}</a>
            </Text>
          </Flex>
        </li>
      ))}
    </ul>
  );
}

export default function NetworkPage() {
  const { network, parent, coordinators, members, memberOrganisations, groups, viewerId, canManage } = useLoaderData<typeof loader>();
  const t = useT();
  const isGroup = Boolean(network.parentId);
  return (
    <Flex direction="column" gap="5">
      <Flex direction="column" gap="2">
        {parent ? (
          <Text size="2">
            <AppLink to={`/networks/${parent.slug}`}>{t("network.partOf", { name: parent.name })}</AppLink>
          </Text>
        ) : null}
        <Heading as="h1" size="8">
          {network.name}
        </Heading>
        <Flex gap="2">
          <Badge color="gray">{t(`network.kind.${network.kind}`)}</Badge>
          {coordinators.some((c) => c.id === viewerId) ? <Badge color="indigo">{t("network.youCoordinate")}</Badge> : null}
        </Flex>
        {network.description ? (
          <Text as="p" size="3" style={{ maxWidth: "70ch" }}>
            {network.description}
          </Text>
        ) : null}
        <Text size="3" weight="medium">
          <AppLink to={`/networks/${network.slug}/updates`}>{t("updates.link")}</AppLink>
          {" · "}
          <AppLink to={`/networks/${network.slug}/library`}>{t("library.link")}</AppLink>
          {" · "}
          <AppLink to={`/networks/${network.slug}/meetings`}>{t("meetings.title")}</AppLink>
          {" · "}
          <AppLink to={`/networks/${network.slug}/action-items`}>{t("minutes.actions.heading")}</AppLink>
          {canManage ? (
            <>
              {" · "}
              <AppLink to={`/networks/${network.slug}/manage`}>{t("admin.manage")}</AppLink>
            </>
          ) : null}
        </Text>
      </Flex>

      <Grid columns={{ initial: "1", md: "2" }} gap="4">
        <Card asChild size="2">
          <section aria-labelledby="coordinators-heading">
            <Heading as="h2" size="4" id="coordinators-heading" mb="2">
              {t("network.coordinators")}
            </Heading>
            <PeopleList people={coordinators} empty={t("network.noCoordinators")} />
          </section>
        </Card>

        {!isGroup || groups.length > 0 ? (
          <Card asChild size="2">
            <section aria-labelledby="groups-heading">
              <Heading as="h2" size="4" id="groups-heading" mb="2">
                {t("network.groups")}
              </Heading>
              {groups.length === 0 ? (
                <Text as="p" color="gray">
                  {t("network.noGroups")}
                </Text>
              ) : (
                <ul className="plain-list">
                  {groups.map((g) => (
                    <li key={g.id}>
                      <Flex gap="2" align="center" py="1" wrap="wrap">
                        <AppLink to={`/networks/${g.slug}`}>{g.name}</AppLink>
                        <Badge color="gray" size="1">
                          {t(`network.kind.${g.kind}`)}
                        </Badge>
                      </Flex>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </Card>
        ) : null}

        {isGroup || members.length > 0 ? (
          <Card asChild size="2">
            <section aria-labelledby="members-heading">
              <Heading as="h2" size="4" id="members-heading" mb="2">
                {t("network.groupMembers", { count: members.length })}
              </Heading>
              <PeopleList people={members} empty={t("network.noGroupMembers")} />
            </section>
          </Card>
        ) : null}
      </Grid>

      {!isGroup || memberOrganisations.length > 0 ? (
        <Card asChild size="2">
          <section aria-labelledby="orgs-heading">
            <Heading as="h2" size="4" id="orgs-heading" mb="2">
              {t("network.memberOrganisations", { count: memberOrganisations.length })}
            </Heading>
            {memberOrganisations.length === 0 ? (
              <Text as="p" color="gray">
                {t("network.noMemberOrganisations")}
              </Text>
            ) : (
              <Grid columns={{ initial: "1", sm: "2", md: "3" }} gap="1" asChild>
                <ul className="plain-list" data-testid="member-organisations">
                  {memberOrganisations.map((o) => (
                    <li key={o.id}>
                      <AppLink to={`/organisations/${o.id}`}>{o.name}</AppLink>
                    </li>
                  ))}
                </ul>
              </Grid>
            )}
          </section>
        </Card>
      ) : null}
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

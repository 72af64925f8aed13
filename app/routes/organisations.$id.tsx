import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Badge, Card, DataList, Flex, Grid, Heading, Text } from "@radix-ui/themes";
import { useTranslation } from "react-i18next";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getOrganisationPage } from "~/models/organisations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} · Nätverksportalen` : "Nätverksportalen" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const page = await getOrganisationPage(actorOf(session.user), params.id ?? "");
  if (!page) throw new Response("Not found", { status: 404 });
  return page;
}

export default function OrganisationPage() {
  const { organisation, contacts, sharedNetworks } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <Flex direction="column" gap="5">
      <Flex direction="column" gap="2">
        <Heading as="h1" size="8">
          {organisation.name}
        </Heading>
        <div>
          <Badge color="gray">{t(`organisation.kind.${organisation.kind}`)}</Badge>
        </div>
        <DataList.Root>
          {organisation.website ? (
            <DataList.Item>
              <DataList.Label>{t("organisation.website")}</DataList.Label>
              <DataList.Value>
                <a href={organisation.website} rel="noopener noreferrer">
                  {organisation.website.replace(/^https?:\/\//, "")}
                </a>
              </DataList.Value>
            </DataList.Item>
          ) : null}
          {organisation.orgNumber ? (
            <DataList.Item>
              <DataList.Label>{t("organisation.orgNumber")}</DataList.Label>
              <DataList.Value>{organisation.orgNumber}</DataList.Value>
            </DataList.Item>
          ) : null}
        </DataList.Root>
      </Flex>
      <Grid columns={{ initial: "1", md: "2" }} gap="4">
        <Card asChild size="2">
          <section aria-labelledby="contacts-heading">
            <Heading as="h2" size="4" id="contacts-heading" mb="2">
              {t("organisation.contacts")}
            </Heading>
            {contacts.length === 0 ? (
              <Text as="p" color="gray">
                {t("organisation.noContacts")}
              </Text>
            ) : (
              <ul className="plain-list">
                {contacts.map((c) => (
                  <li key={c.id}>
                    <Flex direction="column" py="2">
                      <Flex gap="2" align="center" wrap="wrap">
                        <Text weight="medium">{c.name}</Text>
                        {c.isOrgAdmin ? (
                          <Badge size="1" color="indigo">
                            {t("organisation.orgAdmin")}
                          </Badge>
                        ) : null}
                      </Flex>
                      {c.title ? (
                        <Text size="2" color="gray">
                          {c.title}
                        </Text>
                      ) : null}
                      <Text size="2">
                        {t("organisation.email")}: <a href={`mailto:${c.email}`}>{c.email}</a>
                      </Text>
                      {c.phone ? (
                        <Text size="2">
                          {t("organisation.phone")}: <a href={`tel:${c.phone.replace(/[^+\d]/g, "")}`}>{c.phone}</a>
                        </Text>
                      ) : null}
                    </Flex>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </Card>
        <Card asChild size="2">
          <section aria-labelledby="shared-heading">
            <Heading as="h2" size="4" id="shared-heading" mb="2">
              {t("organisation.sharedNetworks")}
            </Heading>
            <ul className="plain-list">
              {sharedNetworks.map((n) => (
                <li key={n.id}>
                  <AppLink to={`/networks/${n.slug}`}>{n.name}</AppLink>
                </li>
              ))}
            </ul>
          </section>
        </Card>
      </Grid>
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

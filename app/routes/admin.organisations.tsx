import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Callout, Card, Flex, Heading, Table } from "@radix-ui/themes";
import { requirePlatformAdmin } from "~/auth/admin.server";
import { actorOf } from "~/auth/policy";
import { OrganisationFields } from "~/components/admin-forms";
import { AppLink } from "~/components/app-link";
import { ResettingForm } from "~/components/resetting-form";
import { OrganisationSchema } from "~/lib/admin-schemas";
import { requestMeta } from "~/models/audit.server";
import { listOrganisations, saveOrganisation } from "~/models/network-admin.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "organisations");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requirePlatformAdmin(request, context);
  return { organisations: (await listOrganisations(actorOf(session.user)))! };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePlatformAdmin(request, context);
  const parsed = OrganisationSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ message: "admin.invalid", ok: false }, { status: 400 });
  const result = await saveOrganisation(actorOf(session.user), null, parsed.data, requestMeta(request, context));
  if (!result.ok) return data({ message: result.reason === "conflict" ? "admin.exists" : "admin.invalid", ok: false }, { status: 409 });
  return { message: "admin.created", ok: true };
}

export default function Organisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="8">
        {t("admin.organisations")}
      </Heading>
      {result ? (
        <Callout.Root color={result.ok ? "green" : "red"} role={result.ok ? "status" : "alert"} highContrast>
          <Callout.Text>{t(result.message)}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Card asChild size="3">
        <section aria-labelledby="new-org">
          <Heading as="h2" size="4" id="new-org" mb="3">
            {t("admin.newOrganisation")}
          </Heading>
          <ResettingForm method="post" failed={result ? !result.ok : false}>
            <OrganisationFields submitLabel={t("admin.create")} />
          </ResettingForm>
        </section>
      </Card>
      <Table.Root variant="surface" data-testid="organisations">
        <caption className="visually-hidden">{t("admin.organisations")}</caption>
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell scope="col">{t("admin.name")}</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell scope="col">{t("admin.kind")}</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell scope="col">{t("admin.edit")}</Table.ColumnHeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {organisations.map((o) => (
            <Table.Row key={o.id}>
              <Table.RowHeaderCell>
                <AppLink to={`/organisations/${o.id}`}>{o.name}</AppLink>
              </Table.RowHeaderCell>
              <Table.Cell>{t(`organisation.kind.${o.kind}`)}</Table.Cell>
              <Table.Cell>
                <AppLink to={`/admin/organisations/${o.id}`} aria-label={`${t("admin.edit")}: ${o.name}`}>
                  {t("admin.edit")}
                </AppLink>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </Flex>
  );
}

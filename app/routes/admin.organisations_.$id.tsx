import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Callout, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { requirePlatformAdmin } from "~/auth/admin.server";
import { actorOf } from "~/auth/policy";
import { OrganisationFields } from "~/components/admin-forms";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrganisationSchema } from "~/lib/admin-schemas";
import { requestMeta } from "~/models/audit.server";
import { listOrganisations, saveOrganisation } from "~/models/network-admin.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "editOrganisation");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requirePlatformAdmin(request, context);
  const organisation = (await listOrganisations(actorOf(session.user)))!.find((o) => o.id === params.id);
  if (!organisation) throw new Response("Not found", { status: 404 });
  return { organisation };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requirePlatformAdmin(request, context);
  const parsed = OrganisationSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ message: "admin.invalid", ok: false }, { status: 400 });
  const result = await saveOrganisation(actorOf(session.user), params.id ?? "", parsed.data, requestMeta(request, context));
  if (!result.ok) {
    if (result.reason === "not_found") throw new Response("Not found", { status: 404 });
    return data({ message: "admin.exists", ok: false }, { status: 409 });
  }
  return { message: "admin.saved", ok: true };
}

export default function EditOrganisation() {
  const { organisation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <Flex direction="column" gap="4" style={{ maxWidth: 820 }}>
      <Text size="2">
        <AppLink to="/admin/organisations">{t("admin.organisations")}</AppLink>
      </Text>
      <Heading as="h1" size="8">
        {t("admin.editOrganisation")}: {organisation.name}
      </Heading>
      {result ? (
        <Callout.Root color={result.ok ? "green" : "red"} role={result.ok ? "status" : "alert"} highContrast>
          <Callout.Text>{t(result.message)}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Card size="3">
        <Form method="post">
          <OrganisationFields values={organisation} submitLabel={t("admin.save")} />
        </Form>
      </Card>
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

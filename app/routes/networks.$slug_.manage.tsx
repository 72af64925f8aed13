import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Callout, Card, Flex, Grid, Heading, Text, TextArea, TextField } from "@radix-ui/themes";
import { z } from "zod";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { NetworkFields } from "~/components/admin-forms";
import { AppLink } from "~/components/app-link";
import { ResettingForm, SubmitButton } from "~/components/resetting-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NetworkSchema } from "~/lib/admin-schemas";
import { requestMeta } from "~/models/audit.server";
import { createNetwork, getManagePage, setMemberOrganisation, setPerson, updateNetwork } from "~/models/network-admin.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "manage");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const page = await getManagePage(actorOf(session.user), params.slug ?? "");
  if (!page) throw new Response("Not found", { status: 404 });
  return page;
}

const Role = z.enum(["coordinator", "member"]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const meta = requestMeta(request, context);
  const slug = params.slug ?? "";
  const form = Object.fromEntries(await request.formData());
  const fail = (message: string, status = 400) => data({ message, ok: false }, { status });
  let result;
  switch (form.intent) {
    case "details": {
      const parsed = z.object({ name: z.string().trim().min(1).max(200), description: z.string().trim().max(2000) }).safeParse(form);
      if (!parsed.success) return fail("admin.invalid");
      result = await updateNetwork(actor, slug, parsed.data, meta);
      break;
    }
    case "add-member":
    case "remove-member":
      result = await setMemberOrganisation(actor, slug, String(form.organisationId ?? ""), form.intent === "add-member", meta);
      break;
    case "add-person": {
      const parsed = z.object({ email: z.string().trim().max(254), role: Role }).safeParse(form);
      if (!parsed.success) return fail("admin.invalid");
      result = await setPerson(actor, slug, { email: parsed.data.email }, parsed.data.role, true, meta);
      if (!result.ok) return fail("admin.notFound", 404);
      break;
    }
    case "remove-person": {
      const role = Role.safeParse(form.role);
      if (!role.success) return fail("admin.invalid");
      result = await setPerson(actor, slug, { userId: String(form.userId ?? "") }, role.data, false, meta);
      break;
    }
    case "new-group": {
      const parsed = NetworkSchema.safeParse(form);
      if (!parsed.success) return fail("admin.invalid");
      result = await createNetwork(actor, slug, parsed.data, meta);
      if (!result.ok && result.reason === "conflict") return fail("admin.exists", 409);
      break;
    }
    default:
      return fail("admin.invalid");
  }
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return { message: "admin.saved", ok: true };
}

export default function ManageNetwork() {
  const { network, members, people, allOrganisations, canCreateGroup } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const memberIds = new Set(members.map((m) => m.id));
  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <AppLink to={`/networks/${network.slug}`}>{network.name}</AppLink>
      </Text>
      <Heading as="h1" size="8">
        {t("admin.manageTitle", { name: network.name })}
      </Heading>
      {result ? (
        <Callout.Root color={result.ok ? "green" : "red"} role={result.ok ? "status" : "alert"} highContrast>
          <Callout.Text>{t(result.message)}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Card size="3">
        <Form method="post">
          <input type="hidden" name="intent" value="details" />
          <Flex direction="column" gap="3">
            <Text as="label" htmlFor="m-name" size="2" weight="medium">
              {t("admin.name")}
            </Text>
            <TextField.Root id="m-name" name="name" required maxLength={200} defaultValue={network.name} />
            <Text as="label" htmlFor="m-description" size="2" weight="medium">
              {t("admin.description")}
            </Text>
            <TextArea id="m-description" name="description" maxLength={2000} rows={3} defaultValue={network.description} />
            <div>
              <Button type="submit">{t("admin.save")}</Button>
            </div>
          </Flex>
        </Form>
      </Card>
      <Grid columns={{ initial: "1", md: "2" }} gap="4">
        <Card asChild size="3">
          <section aria-labelledby="members-heading">
            <Heading as="h2" size="4" id="members-heading" mb="2">
              {t("admin.members")}
            </Heading>
            <ul className="plain-list" data-testid="manage-members">
              {members.map((m) => (
                <li key={m.id}>
                  <Flex gap="2" align="center" justify="between" py="1">
                    <Text>{m.name}</Text>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="organisationId" value={m.id} />
                      <Button type="submit" size="1" variant="soft" color="red" aria-label={`${t("admin.remove")}: ${m.name}`}>
                        {t("admin.remove")}
                      </Button>
                    </Form>
                  </Flex>
                </li>
              ))}
            </ul>
            <ResettingForm method="post" failed={result ? !result.ok : false}>
              <input type="hidden" name="intent" value="add-member" />
              <Flex gap="2" mt="3" align="end" wrap="wrap">
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="add-org" size="2" weight="medium">
                    {t("admin.addMember")}
                  </Text>
                  <select id="add-org" name="organisationId" className="native-select">
                    {allOrganisations
                      .filter((o) => !memberIds.has(o.id))
                      .map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                  </select>
                </Flex>
                <SubmitButton>{t("admin.addMember")}</SubmitButton>
              </Flex>
            </ResettingForm>
          </section>
        </Card>
        <Card asChild size="3">
          <section aria-labelledby="people-heading">
            <Heading as="h2" size="4" id="people-heading" mb="2">
              {t("admin.people")}
            </Heading>
            <ul className="plain-list" data-testid="manage-people">
              {people.map((p) => (
                <li key={`${p.id}-${p.role}`}>
                  <Flex gap="2" align="center" justify="between" py="1">
                    <Text>
                      {p.name} ({t(`admin.${p.role}`)})
                    </Text>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-person" />
                      <input type="hidden" name="userId" value={p.id} />
                      <input type="hidden" name="role" value={p.role} />
                      <Button type="submit" size="1" variant="soft" color="red" aria-label={`${t("admin.remove")}: ${p.name}`}>
                        {t("admin.remove")}
                      </Button>
                    </Form>
                  </Flex>
                </li>
              ))}
            </ul>
            <ResettingForm method="post" failed={result ? !result.ok : false}>
              <input type="hidden" name="intent" value="add-person" />
              <Flex gap="2" mt="3" align="end" wrap="wrap">
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="add-email" size="2" weight="medium">
                    {t("admin.email")}
                  </Text>
                  <TextField.Root id="add-email" name="email" type="email" required maxLength={254} />
                </Flex>
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="add-role" size="2" weight="medium">
                    {t("admin.role")}
                  </Text>
                  <select id="add-role" name="role" className="native-select">
                    <option value="coordinator">{t("admin.coordinator")}</option>
                    {network.parentId ? <option value="member">{t("admin.member")}</option> : null}
                  </select>
                </Flex>
                <SubmitButton>{t("admin.addPerson")}</SubmitButton>
              </Flex>
            </ResettingForm>
          </section>
        </Card>
      </Grid>
      {canCreateGroup ? (
        <Card asChild size="3">
          <section aria-labelledby="group-heading">
            <Heading as="h2" size="4" id="group-heading" mb="3">
              {t("admin.newGroup")}
            </Heading>
            <ResettingForm method="post" failed={result ? !result.ok : false}>
              <input type="hidden" name="intent" value="new-group" />
              <NetworkFields kinds={["working_group", "steering_group"]} submitLabel={t("admin.create")} />
            </ResettingForm>
          </section>
        </Card>
      ) : null}
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Callout, Card, DataList, Flex, Grid, Heading, Text } from "@radix-ui/themes";
import { z } from "zod";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ManageContacts } from "~/components/manage-contacts";
import { isLocale } from "~/i18n/config";
import { appOrigin } from "~/lib/origin.server";
import { InviteSchema } from "~/lib/schemas";
import { requestMeta } from "~/models/audit.server";
import { createInvitation, listPendingInvitations, mayInviteTo, resendInvitation, revokeInvitation } from "~/models/invitations.server";
import { getOrganisationPage } from "~/models/organisations.server";
import { deactivatePerson, endAllSessionsOf, handOverOrgAdmin, listSeats, reactivatePerson } from "~/models/people.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data && { name: data.organisation.name });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const page = await getOrganisationPage(actor, params.id ?? "");
  if (!page) throw new Response("Not found", { status: 404 });
  const [seats, mayInvite, pending] = await Promise.all([
    listSeats(actor, page.organisation.id),
    mayInviteTo(actor, page.organisation.id),
    listPendingInvitations(actor, page.organisation.id),
  ]);
  return {
    ...page,
    manage: mayInvite || seats
      ? {
          mayInvite,
          isPlatformAdmin: actor.isPlatformAdmin,
          viewerId: actor.userId,
          seats,
          pending: pending.map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), expiresAt: p.expiresAt.toISOString() })),
        }
      : null,
  };
}

const IdIntent = z.object({
  intent: z.enum(["resend", "revoke", "deactivate", "reactivate", "make-admin", "end-sessions"]),
  id: z.string().max(100),
});

/** Every id in the form is checked against the actor inside the model function. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = { ...actorOf(session.user), name: session.user.name, locale: isLocale(session.user.locale) ? session.user.locale : "sv" } as const;
  const meta = requestMeta(request, context);
  const formData = await request.formData();
  const organisationId = params.id ?? "";

  if (formData.get("intent") === "invite") {
    const submission = parseWithZod(formData, { schema: InviteSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), message: null }, { status: 400 });
    const outcome = await createInvitation(actor, { ...submission.value, organisationId }, meta, appOrigin());
    if (!outcome.ok) {
      if (outcome.reason === "not_found") throw new Response("Not found", { status: 404 });
      // Only what the inviter may see anyway: a contact of this organisation, or any account for a platform admin.
      const key = outcome.reason === "already_contact" ? "people.manage.alreadyContact" : "people.manage.exists";
      return data({ result: submission.reply({ fieldErrors: { email: [key] } }), message: null }, { status: 409 });
    }
    return { result: submission.reply({ resetForm: true }), message: { key: "people.manage.invited", values: { email: submission.value.email } } };
  }

  const parsed = IdIntent.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const { intent, id } = parsed.data;
  if (intent === "resend" || intent === "revoke") {
    const done = intent === "resend" ? await resendInvitation(actor, id, meta, appOrigin()) : await revokeInvitation(actor, id, meta);
    if (!done) throw new Response("Not found", { status: 404 });
    return { result: null, message: { key: intent === "resend" ? "people.manage.resent" : "people.manage.revoked", values: {} } };
  }
  const run = { deactivate: deactivatePerson, reactivate: reactivatePerson, "make-admin": handOverOrgAdmin, "end-sessions": endAllSessionsOf }[intent];
  const outcome = await run(actor, id, meta);
  if (!outcome.ok) {
    if (outcome.reason === "self") {
      return data({ result: null, message: { key: "people.manage.cannotSelf", values: {}, error: true } }, { status: 400 });
    }
    throw new Response("Not found", { status: 404 });
  }
  const key = { deactivate: "deactivated", reactivate: "reactivated", "make-admin": "adminHandedOver", "end-sessions": "sessionsEnded" }[intent];
  return { result: null, message: { key: `people.manage.${key}`, values: { name: outcome.name } } };
}

export default function OrganisationPage() {
  const { organisation, contacts, sharedNetworks, manage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
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
      {actionData?.message ? (
        <Callout.Root highContrast color={"error" in actionData.message ? "red" : "green"} role={"error" in actionData.message ? "alert" : "status"}>
          <Callout.Text>{t(actionData.message.key, actionData.message.values)}</Callout.Text>
        </Callout.Root>
      ) : null}
      {manage ? <ManageContacts manage={manage} lastResult={actionData?.result ?? undefined} /> : null}
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { and, asc, eq, sql } from "drizzle-orm";
import { networkOrganisations, networkPeople, networks, organisations, users } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db } from "~/lib/db.server";
import { networkVisibleTo } from "./networks.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Networks the actor can see in which the organisation takes part (as member or through its people). */
function sharedNetworksCondition(actor: Actor, organisationId: string) {
  return and(
    networkVisibleTo(actor),
    sql`(
      exists (select 1 from ${networkOrganisations} x
              where x.network_id = ${networks.id} and x.organisation_id = ${organisationId})
      or exists (select 1 from ${networkPeople} y join ${users} u on u.id = y.user_id
              where y.network_id = ${networks.id} and u.organisation_id = ${organisationId})
    )`,
  );
}

/**
 * The organisation page: visible to its own people, to platform admins and to anyone
 * who shares a network with it. Null otherwise, and for ids that are not even UUIDs.
 */
export async function getOrganisationPage(actor: Actor, organisationId: string) {
  if (!UUID.test(organisationId)) return null;
  const [[organisation], sharedNetworks] = await Promise.all([
    db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1),
    db
      .select({ id: networks.id, slug: networks.slug, name: networks.name })
      .from(networks)
      .where(sharedNetworksCondition(actor, organisationId))
      .orderBy(asc(networks.name)),
  ]);
  if (!organisation) return null;
  const visible =
    actor.isPlatformAdmin || actor.organisationId === organisation.id || sharedNetworks.length > 0;
  if (!visible) return null;

  const contacts = await db
    .select({
      id: users.id,
      name: users.name,
      title: users.title,
      email: users.email,
      phone: users.phone,
      isOrgAdmin: users.isOrgAdmin,
    })
    .from(users)
    .where(and(eq(users.organisationId, organisation.id), eq(users.status, "active")))
    .orderBy(asc(users.name));

  return { organisation, contacts, sharedNetworks };
}

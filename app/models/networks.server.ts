import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { networkOrganisations, networkPeople, networks, organisations, users } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db } from "~/lib/db.server";

/**
 * The visibility rule of DESIGN.md in SQL: the actor's organisation is a member, the
 * actor is a named member or coordinator, coordinates the parent network, or is a
 * platform admin. Mirrors `can(actor, {action: "network:view"})`.
 */
export function networkVisibleTo(actor: Actor, network: typeof networks = networks): SQL {
  if (actor.isPlatformAdmin) return sql`true`;
  return sql`(
    exists (select 1 from ${networkOrganisations} no
            where no.network_id = ${network.id} and no.organisation_id = ${actor.organisationId})
    or exists (select 1 from ${networkPeople} np
            where np.network_id = ${network.id} and np.user_id = ${actor.userId})
    or exists (select 1 from ${networkPeople} pc
            where pc.network_id = ${network.parentId} and pc.user_id = ${actor.userId} and pc.role = 'coordinator')
  )`;
}

/** Coordinators of the network (or of its parent network) and platform admins manage it. */
export function managesNetwork(actor: Actor, network: typeof networks = networks): SQL {
  if (actor.isPlatformAdmin) return sql`true`;
  return sql`exists (select 1 from ${networkPeople} mp
    where mp.user_id = ${actor.userId} and mp.role = 'coordinator'
      and (mp.network_id = ${network.id} or mp.network_id = ${network.parentId}))`;
}

/**
 * May post an update there: the actor's organisation is a member, or the actor is named
 * in the network. Seeing a network (a platform admin sees all) is not enough.
 */
export function postsTo(actor: Actor, network: typeof networks = networks): SQL {
  return sql`(
    exists (select 1 from ${networkOrganisations} po
            where po.network_id = ${network.id} and po.organisation_id = ${actor.organisationId})
    or exists (select 1 from ${networkPeople} pp
            where pp.network_id = ${network.id} and pp.user_id = ${actor.userId})
  )`;
}

/**
 * One network by slug as the feature pages need it — id, names, and what the actor may do
 * there (manage it, post in it) — or null when the actor may not see it.
 */
export async function findNetwork(actor: Actor, slug: string, executor: Pick<typeof db, "select"> = db) {
  const [row] = await executor
    .select({
      id: networks.id,
      slug: networks.slug,
      name: networks.name,
      manages: sql<boolean>`${managesNetwork(actor)}`,
      mayPost: sql<boolean>`${postsTo(actor)}`,
    })
    .from(networks)
    .where(and(eq(networks.slug, slug), networkVisibleTo(actor)));
  return row ?? null;
}

export interface NetworkSummary {
  id: string;
  slug: string;
  name: string;
  kind: (typeof networks.$inferSelect)["kind"];
  description: string;
  parentId: string | null;
  groups: NetworkSummary[];
}

/** The networks the actor sees, with their visible groups nested beneath. */
export async function listNetworksForActor(actor: Actor): Promise<NetworkSummary[]> {
  const rows = await db
    .select({
      id: networks.id,
      slug: networks.slug,
      name: networks.name,
      kind: networks.kind,
      description: networks.description,
      parentId: networks.parentId,
    })
    .from(networks)
    .where(networkVisibleTo(actor))
    .orderBy(asc(networks.name));
  const byId = new Map(rows.map((r) => [r.id, { ...r, groups: [] as NetworkSummary[] }]));
  const top: NetworkSummary[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) parent.groups.push(n);
    else top.push(n);
  }
  return top;
}

const personColumns = {
  id: users.id,
  name: users.name,
  title: users.title,
  email: users.email,
  organisationId: organisations.id,
  organisationName: organisations.name,
  organisationShortName: organisations.shortName,
};

/**
 * Everything the network page shows, or null when the network does not exist or the
 * actor may not see it (the route answers 404 either way). A fixed number of queries.
 */
export async function getNetworkPage(actor: Actor, slug: string) {
  const [network] = await db
    .select()
    .from(networks)
    .where(and(eq(networks.slug, slug), networkVisibleTo(actor)))
    .limit(1);
  if (!network) return null;

  const [parent, people, memberOrganisations, groups] = await Promise.all([
    network.parentId
      ? db
          .select({ id: networks.id, slug: networks.slug, name: networks.name })
          .from(networks)
          .where(and(eq(networks.id, network.parentId), networkVisibleTo(actor)))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    db
      .select({ ...personColumns, role: networkPeople.role })
      .from(networkPeople)
      .innerJoin(users, eq(users.id, networkPeople.userId))
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(and(eq(networkPeople.networkId, network.id), eq(users.status, "active")))
      .orderBy(asc(users.name)),
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        shortName: organisations.shortName,
        kind: organisations.kind,
      })
      .from(networkOrganisations)
      .innerJoin(organisations, eq(organisations.id, networkOrganisations.organisationId))
      .where(eq(networkOrganisations.networkId, network.id))
      .orderBy(asc(organisations.name)),
    db
      .select({ id: networks.id, slug: networks.slug, name: networks.name, kind: networks.kind })
      .from(networks)
      .where(and(eq(networks.parentId, network.id), networkVisibleTo(actor)))
      .orderBy(asc(networks.name)),
  ]);

  return {
    network,
    parent,
    coordinators: people.filter((p) => p.role === "coordinator"),
    members: people.filter((p) => p.role === "member"),
    memberOrganisations,
    groups,
  };
}

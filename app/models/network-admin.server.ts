/**
 * Administration of organisations, networks and groups. Platform admins do everything;
 * coordinators manage their own networks (and the groups inside them) but create no
 * organisations and no top-level networks. Every id is checked against the actor in the
 * same transaction; an id outside the actor's reach behaves like one that does not exist.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { networkOrganisations, networkPeople, networks, organisations, users } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db, type Database } from "~/lib/db.server";
import { audit } from "./audit.server";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Meta = { ip: string; userAgent: string | null };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type OrganisationInput = {
  name: string;
  shortName: string;
  kind: (typeof organisations.$inferInsert)["kind"];
  orgNumber: string;
  website: string;
  requireMfa: boolean;
};
export type AdminResult = { ok: true; id?: string } | { ok: false; reason: "not_found" | "conflict" };

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

export async function listOrganisations(actor: Actor) {
  if (!actor.isPlatformAdmin) return null;
  return db.select().from(organisations).orderBy(asc(organisations.name));
}

export async function saveOrganisation(actor: Actor, id: string | null, input: OrganisationInput, meta: Meta): Promise<AdminResult> {
  if (!actor.isPlatformAdmin || (id !== null && !UUID.test(id))) return { ok: false, reason: "not_found" };
  const values = { ...input, orgNumber: input.orgNumber || null, website: input.website || null };
  try {
    return await db.transaction(async (tx) => {
      const [row] = id
        ? await tx.update(organisations).set(values).where(eq(organisations.id, id)).returning({ id: organisations.id })
        : await tx.insert(organisations).values(values).returning({ id: organisations.id });
      if (!row) return { ok: false, reason: "not_found" } as const;
      await audit({ action: id ? "organisation.updated" : "organisation.created", actor, targetType: "organisation", targetId: row.id, ...meta, details: { name: input.name, requireMfa: input.requireMfa } }, tx);
      return { ok: true, id: row.id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "conflict" };
    throw error;
  }
}

/** The network if the actor manages it (platform admin, its coordinator or its parent's). */
async function managed(actor: Actor, slug: string, tx: Tx | Database = db) {
  const manages = actor.isPlatformAdmin
    ? sql`true`
    : sql`exists (select 1 from ${networkPeople} mp where mp.user_id = ${actor.userId} and mp.role = 'coordinator'
        and (mp.network_id = ${networks.id} or mp.network_id = ${networks.parentId}))`;
  const [row] = await tx.select().from(networks).where(and(eq(networks.slug, slug), manages));
  return row ?? null;
}

/** One query: may the actor manage this network? */
export async function mayManage(actor: Actor, slug: string): Promise<boolean> {
  return (await managed(actor, slug)) !== null;
}

export async function getManagePage(actor: Actor, slug: string) {
  const network = await managed(actor, slug);
  if (!network) return null;
  const [members, people, allOrganisations] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(networkOrganisations)
      .innerJoin(organisations, eq(organisations.id, networkOrganisations.organisationId))
      .where(eq(networkOrganisations.networkId, network.id))
      .orderBy(asc(organisations.name)),
    db
      .select({ id: users.id, name: users.name, email: users.email, role: networkPeople.role })
      .from(networkPeople)
      .innerJoin(users, eq(users.id, networkPeople.userId))
      .where(eq(networkPeople.networkId, network.id))
      .orderBy(asc(networkPeople.role), asc(users.name)),
    db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name)),
  ]);
  return { network, members, people, allOrganisations, canCreateGroup: network.parentId === null };
}

export type NetworkInput = { name: string; slug: string; description: string; kind: (typeof networks.$inferInsert)["kind"] };

/** A top-level network (platform admins) or a group inside a network the actor manages. */
export async function createNetwork(actor: Actor, parentSlug: string | null, input: NetworkInput, meta: Meta): Promise<AdminResult> {
  const isGroup = input.kind === "working_group" || input.kind === "steering_group";
  if (parentSlug === null && (!actor.isPlatformAdmin || isGroup)) return { ok: false, reason: "not_found" };
  if (parentSlug !== null && !isGroup) return { ok: false, reason: "not_found" };
  try {
    return await db.transaction(async (tx) => {
      const parent = parentSlug ? await managed(actor, parentSlug, tx) : null;
      if (parentSlug && (!parent || parent.parentId !== null)) return { ok: false, reason: "not_found" } as const;
      const [row] = await tx
        .insert(networks)
        .values({ ...input, parentId: parent?.id ?? null })
        .returning({ id: networks.id });
      await audit({ action: "network.created", actor, targetType: "network", targetId: row!.id, ...meta, details: { slug: input.slug, parent: parentSlug } }, tx);
      return { ok: true, id: row!.id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "conflict" };
    throw error;
  }
}

export async function updateNetwork(actor: Actor, slug: string, input: { name: string; description: string }, meta: Meta): Promise<AdminResult> {
  return db.transaction(async (tx) => {
    const network = await managed(actor, slug, tx);
    if (!network) return { ok: false, reason: "not_found" } as const;
    await tx.update(networks).set(input).where(eq(networks.id, network.id));
    await audit({ action: "network.updated", actor, targetType: "network", targetId: network.id, ...meta }, tx);
    return { ok: true } as const;
  });
}

export async function setMemberOrganisation(actor: Actor, slug: string, organisationId: string, member: boolean, meta: Meta): Promise<AdminResult> {
  if (!UUID.test(organisationId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const network = await managed(actor, slug, tx);
    const [organisation] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
    if (!network || !organisation) return { ok: false, reason: "not_found" } as const;
    if (member) await tx.insert(networkOrganisations).values({ networkId: network.id, organisationId }).onConflictDoNothing();
    else await tx.delete(networkOrganisations).where(and(eq(networkOrganisations.networkId, network.id), eq(networkOrganisations.organisationId, organisationId)));
    await audit({ action: member ? "network.member_added" : "network.member_removed", actor, targetType: "network", targetId: network.id, ...meta, details: { organisationId } }, tx);
    return { ok: true } as const;
  });
}

/** Adds a person by e-mail as coordinator or (in groups) member, or removes them. */
export async function setPerson(
  actor: Actor,
  slug: string,
  person: { email?: string; userId?: string },
  role: "coordinator" | "member",
  add: boolean,
  meta: Meta,
): Promise<AdminResult> {
  if (person.userId && !UUID.test(person.userId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const network = await managed(actor, slug, tx);
    if (!network || (role === "member" && network.parentId === null && add)) return { ok: false, reason: "not_found" } as const;
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(person.userId ? eq(users.id, person.userId) : and(eq(sql`lower(${users.email})`, (person.email ?? "").trim().toLowerCase()), eq(users.status, "active")));
    if (!user) return { ok: false, reason: "not_found" } as const;
    if (add) await tx.insert(networkPeople).values({ networkId: network.id, userId: user.id, role }).onConflictDoNothing();
    else await tx.delete(networkPeople).where(and(eq(networkPeople.networkId, network.id), eq(networkPeople.userId, user.id), eq(networkPeople.role, role)));
    const action = role === "coordinator" ? (add ? "network.coordinator_appointed" : "network.coordinator_removed") : add ? "group.person_added" : "group.person_removed";
    await audit({ action, actor, targetType: "network", targetId: network.id, ...meta, details: { userId: user.id } }, tx);
    return { ok: true } as const;
  });
}

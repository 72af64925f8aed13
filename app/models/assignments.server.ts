/**
 * The assignments register: each organisation's government assignments. Contacts keep
 * their own organisation's; anyone who sees a network sees the assignments of its member
 * organisations. As elsewhere, the rule sits inside the queries.
 */
import { and, asc, desc, eq, gte, isNotNull, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { assignments, networkOrganisations, networks, organisations, posts, users } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db } from "~/lib/db.server";
import { audit } from "./audit.server";
import { networkVisibleTo } from "./networks.server";
import { postVisibleTo } from "./posts.server";

type Meta = { ip: string; userAgent: string | null };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ASSIGNMENT_STATUSES = ["ongoing", "reported", "closed"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** The organisation's own contacts, platform admins, and whoever sees a network the organisation belongs to. */
export function organisationVisibleTo(actor: Actor, organisationId: AnyPgColumn): SQL {
  if (actor.isPlatformAdmin) return sql`true`;
  return sql`(${organisationId} = ${actor.organisationId} or exists (
    select 1 from ${networkOrganisations} ao join ${networks} on ${networks.id} = ao.network_id
    where ao.organisation_id = ${organisationId} and ${networkVisibleTo(actor)}))`;
}

/** Own organisation's contacts and platform admins keep the register entries. */
function maintains(actor: Actor, organisationId: string): boolean {
  return actor.isPlatformAdmin || actor.organisationId === organisationId;
}

const columns = {
  id: assignments.id,
  title: assignments.title,
  reference: assignments.reference,
  issuer: assignments.issuer,
  startDate: assignments.startDate,
  reportDueDate: assignments.reportDueDate,
  status: assignments.status,
  description: assignments.description,
  link: assignments.link,
  updatedAt: assignments.updatedAt,
  organisationId: organisations.id,
  organisationName: organisations.name,
  organisationShortName: organisations.shortName,
};

export async function listAssignments(actor: Actor, filter: { organisationId?: string; status?: AssignmentStatus }) {
  const conditions = [organisationVisibleTo(actor, assignments.organisationId)];
  if (filter.organisationId && UUID.test(filter.organisationId)) conditions.push(eq(assignments.organisationId, filter.organisationId));
  if (filter.status) conditions.push(eq(assignments.status, filter.status));
  const rows = await db
    .select(columns)
    .from(assignments)
    .innerJoin(organisations, eq(organisations.id, assignments.organisationId))
    .where(and(...conditions))
    .orderBy(asc(organisations.name), desc(assignments.startDate), asc(assignments.title));
  return rows.map((r) => ({ ...r, mine: maintains(actor, r.organisationId) }));
}

/** Report dates still ahead, soonest first, across everything the actor sees. */
export async function upcomingReports(actor: Actor, today: string, limit = 10) {
  return db
    .select(columns)
    .from(assignments)
    .innerJoin(organisations, eq(organisations.id, assignments.organisationId))
    .where(
      and(
        organisationVisibleTo(actor, assignments.organisationId),
        eq(assignments.status, "ongoing"),
        isNotNull(assignments.reportDueDate),
        gte(assignments.reportDueDate, today),
      ),
    )
    .orderBy(asc(assignments.reportDueDate))
    .limit(limit);
}

/** The organisations whose assignments the actor sees, for the register's filter. */
export async function registerOrganisations(actor: Actor) {
  return db
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .innerJoin(assignments, eq(assignments.organisationId, organisations.id))
    .where(organisationVisibleTo(actor, organisations.id))
    .orderBy(asc(organisations.name));
}

export async function getAssignment(actor: Actor, id: string) {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select(columns)
    .from(assignments)
    .innerJoin(organisations, eq(organisations.id, assignments.organisationId))
    .where(and(eq(assignments.id, id), organisationVisibleTo(actor, assignments.organisationId)));
  if (!row) return null;
  // The updates tied to it that the actor may see (in a network the actor sees).
  const updates = await db
    .select({ id: posts.id, title: posts.title, kind: posts.kind, createdAt: posts.createdAt, authorName: users.name })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(
      and(
        eq(posts.assignmentId, id),
        postVisibleTo(actor),
      ),
    )
    .orderBy(desc(posts.createdAt))
    .limit(50);
  return { assignment: { ...row, mine: maintains(actor, row.organisationId) }, updates };
}

/** The actor's organisation's assignments, for tying an update to one. */
export async function ownAssignments(actor: Actor) {
  return db
    .select({ id: assignments.id, title: assignments.title, reference: assignments.reference, status: assignments.status })
    .from(assignments)
    .where(eq(assignments.organisationId, actor.organisationId))
    .orderBy(desc(assignments.startDate), asc(assignments.title));
}

export interface AssignmentInput {
  title: string;
  reference: string;
  issuer: string;
  startDate: string | null;
  reportDueDate: string | null;
  status: AssignmentStatus;
  description: string;
  link: string;
}

/** Creates one for the actor's own organisation, or edits one the actor maintains; null when not allowed. */
export async function saveAssignment(actor: Actor, id: string | null, input: AssignmentInput, meta: Meta): Promise<string | null> {
  return db.transaction(async (tx) => {
    if (id === null) {
      const [created] = await tx
        .insert(assignments)
        .values({ ...input, organisationId: actor.organisationId, createdBy: actor.userId })
        .returning({ id: assignments.id });
      await audit({ action: "assignment.created", actor, targetType: "assignment", targetId: created!.id, ...meta, details: { title: input.title } }, tx);
      return created!.id;
    }
    if (!UUID.test(id)) return null;
    const [existing] = await tx.select({ organisationId: assignments.organisationId }).from(assignments).where(eq(assignments.id, id)).for("update");
    if (!existing || !maintains(actor, existing.organisationId)) return null;
    await tx.update(assignments).set({ ...input, updatedAt: new Date() }).where(eq(assignments.id, id));
    await audit({ action: "assignment.updated", actor, targetType: "assignment", targetId: id, ...meta, details: { status: input.status } }, tx);
    return id;
  });
}

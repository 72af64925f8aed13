/**
 * Reading the audit log: platform admins only, filtered by person, organisation, action
 * and time, newest first with keyset pagination on (at, id).
 */
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { auditEvents, organisations, users } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db } from "~/lib/db.server";
import { parseStockholm } from "~/lib/time";

export interface AuditFilter {
  person?: string;
  organisationId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

export interface Cursor {
  at: string;
  id: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function conditions(filter: AuditFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.person) {
    const like = `%${filter.person.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(users.email, like), ilike(users.name, like))!);
  }
  if (filter.organisationId && UUID.test(filter.organisationId)) where.push(eq(auditEvents.actorOrganisationId, filter.organisationId));
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lt(auditEvents.at, filter.to));
  return where;
}

const columns = {
  id: auditEvents.id,
  at: auditEvents.at,
  action: auditEvents.action,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  ip: auditEvents.ip,
  userAgent: auditEvents.userAgent,
  details: auditEvents.details,
  actorName: users.name,
  actorEmail: users.email,
  organisationId: organisations.id,
  organisationName: organisations.name,
};

/** One page of events; `next` is the cursor of the following page, if any. */
export async function listAuditEvents(actor: Actor, filter: AuditFilter, cursor?: Cursor, pageSize = 50) {
  if (!actor.isPlatformAdmin) return null;
  const where = conditions(filter);
  if (cursor) where.push(sql`(${auditEvents.at}, ${auditEvents.id}) < (${cursor.at}::timestamptz, ${cursor.id})`);
  const rows = await db
    .select({
      ...columns,
      // The cursor needs the time to the microsecond, as stored: a JavaScript Date keeps
      // milliseconds, and events in the same millisecond after the cut would be skipped.
      cursorAt: sql<string>`to_char(${auditEvents.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditEvents.actorOrganisationId))
    .where(and(...where))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize).map(({ cursorAt: _cursorAt, ...event }) => event);
  const last = rows[page.length - 1];
  return { events: page, next: rows.length > pageSize && last ? { at: last.cursorAt, id: last.id } : null };
}

/** Every matching event (up to `cap`), oldest first, for the CSV export. */
export async function exportAuditEvents(actor: Actor, filter: AuditFilter, cap = 100_000) {
  if (!actor.isPlatformAdmin) return null;
  return db
    .select(columns)
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditEvents.actorOrganisationId))
    .where(and(...conditions(filter)))
    .orderBy(auditEvents.at, auditEvents.id)
    .limit(cap);
}

/** For the filter form: the actions that occur, and the organisations. */
export async function auditFilterChoices(actor: Actor) {
  if (!actor.isPlatformAdmin) return null;
  const [actions, orgs] = await Promise.all([
    db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(auditEvents.action),
    db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(organisations.name),
  ]);
  return { actions: actions.map((a) => a.action), organisations: orgs };
}

/** The filter from the page's query string; dates are Stockholm days ("to" includes its day). */
export function auditFilterFrom(params: URLSearchParams): AuditFilter {
  const day = (name: string) => {
    const value = params.get(name) ?? "";
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseStockholm(`${value} 00:00`) ?? undefined : undefined;
  };
  const to = day("to");
  return {
    person: params.get("person")?.trim().slice(0, 200) || undefined,
    organisationId: params.get("organisation") || undefined,
    action: params.get("action")?.slice(0, 100) || undefined,
    from: day("from"),
    to: to ? new Date(to.getTime() + 86_400_000) : undefined,
  };
}

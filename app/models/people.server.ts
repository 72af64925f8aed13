/**
 * Organisation seats and session control. The seat belongs to the organisation: its
 * admin (or a platform admin) deactivates contacts and hands the admin role on; what a
 * person posted stays with the organisation because rows point at the organisation too.
 */
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { sessions, users } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db } from "~/lib/db.server";
import { audit } from "./audit.server";

type Meta = { ip: string; userAgent: string | null };

export type SeatResult = { ok: true; name: string } | { ok: false; reason: "not_found" | "self" };

/** The person, locked, when the actor manages their organisation's seats. */
async function seatOf(actor: Actor, userId: string, tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) {
  const [person] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!person) return null;
  const manages = actor.isPlatformAdmin || (actor.isOrgAdmin && actor.organisationId === person.organisationId);
  return manages ? person : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Deactivation ends every session at once, in the same transaction. */
export async function deactivatePerson(actor: Actor, userId: string, meta: Meta, now = new Date()): Promise<SeatResult> {
  if (!UUID.test(userId)) return { ok: false, reason: "not_found" };
  if (userId === actor.userId) return { ok: false, reason: "self" };
  return db.transaction(async (tx) => {
    const person = await seatOf(actor, userId, tx);
    if (!person || person.status !== "active") return { ok: false, reason: "not_found" } as const;
    await tx.update(users).set({ status: "deactivated", deactivatedAt: now, isOrgAdmin: false, updatedAt: now }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await audit({ action: "user.deactivated", actor, targetType: "user", targetId: userId, ...meta }, tx);
    return { ok: true, name: person.name } as const;
  });
}

export async function reactivatePerson(actor: Actor, userId: string, meta: Meta, now = new Date()): Promise<SeatResult> {
  if (!UUID.test(userId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const person = await seatOf(actor, userId, tx);
    if (!person || person.status !== "deactivated") return { ok: false, reason: "not_found" } as const;
    await tx.update(users).set({ status: "active", deactivatedAt: null, updatedAt: now }).where(eq(users.id, userId));
    await audit({ action: "user.reactivated", actor, targetType: "user", targetId: userId, ...meta }, tx);
    return { ok: true, name: person.name } as const;
  });
}

/**
 * An organisation admin hands the role to another active contact and gives it up; a
 * platform admin simply grants it.
 */
export async function handOverOrgAdmin(actor: Actor, userId: string, meta: Meta): Promise<SeatResult> {
  if (!UUID.test(userId)) return { ok: false, reason: "not_found" };
  if (userId === actor.userId) return { ok: false, reason: "self" };
  return db.transaction(async (tx) => {
    const person = await seatOf(actor, userId, tx);
    if (!person || person.status !== "active") return { ok: false, reason: "not_found" } as const;
    await tx.update(users).set({ isOrgAdmin: true }).where(eq(users.id, userId));
    await audit({ action: "role.org_admin_granted", actor, targetType: "user", targetId: userId, ...meta }, tx);
    if (!actor.isPlatformAdmin) {
      await tx.update(users).set({ isOrgAdmin: false }).where(eq(users.id, actor.userId));
      await audit({ action: "role.org_admin_given_up", actor, targetType: "user", targetId: actor.userId, ...meta }, tx);
    }
    return { ok: true, name: person.name } as const;
  });
}

/** A platform admin ends every session of a person. */
export async function endAllSessionsOf(actor: Actor, userId: string, meta: Meta): Promise<SeatResult> {
  if (!actor.isPlatformAdmin || !UUID.test(userId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    if (!person) return { ok: false, reason: "not_found" } as const;
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await audit({ action: "session.revoked_all", actor, targetType: "user", targetId: userId, ...meta }, tx);
    return { ok: true, name: person.name } as const;
  });
}

/** All contacts of an organisation, for those who manage its seats (active first). */
export async function listSeats(actor: Actor, organisationId: string) {
  const manages = actor.isPlatformAdmin || (actor.isOrgAdmin && actor.organisationId === organisationId);
  if (!manages) return null;
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      title: users.title,
      status: users.status,
      isOrgAdmin: users.isOrgAdmin,
    })
    .from(users)
    .where(eq(users.organisationId, organisationId))
    .orderBy(asc(users.status), asc(users.name));
}

/** The person's own sessions, most recently used first. */
export async function listOwnSessions(actor: Actor) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastActiveAt: sessions.lastActiveAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(eq(sessions.userId, actor.userId))
    .orderBy(desc(sessions.lastActiveAt));
}

/** Ends one of the person's own sessions; another person's id matches nothing. */
export async function endOwnSession(actor: Actor, sessionId: string, meta: Meta): Promise<boolean> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId)))
    .returning({ id: sessions.id });
  if (deleted.length === 0) return false;
  await audit({ action: "session.revoked", actor, targetType: "session", targetId: sessionId, ...meta });
  return true;
}

export async function endOtherOwnSessions(actor: Actor, currentSessionId: string, meta: Meta): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, actor.userId), ne(sessions.id, currentSessionId)))
    .returning({ id: sessions.id });
  await audit({ action: "session.revoked_others", actor, targetType: "user", targetId: actor.userId, ...meta, details: { count: deleted.length } });
  return deleted.length;
}

/**
 * The agenda of a meeting: ordered items with a title, a presenter (an organisation or a
 * person among those invited) and an optional time. Coordinators edit it until the
 * meeting starts.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { agendaItems, meetingInvitees, users } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db, type Database } from "~/lib/db.server";
import { audit } from "./audit.server";
import { audienceOf, visibleMeeting } from "./meetings.server";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Meta = { ip: string; userAgent: string | null };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_AGENDA_ITEMS = 50;

export type AgendaResult = { ok: true } | { ok: false; reason: "not_found" | "closed" | "too_many" };

async function editableMeeting(actor: Actor, meetingId: string, tx: Tx, now: Date) {
  const row = await visibleMeeting(actor, meetingId, tx, true);
  if (!row || !row.manages) return { error: "not_found" as const };
  if (row.meeting.status === "cancelled" || (row.meeting.startsAt && row.meeting.startsAt <= now)) return { error: "closed" as const };
  return { row };
}

/** Who may present: the invitees (or, before invitations, the network's people) and their organisations. */
async function presenters(tx: Tx, meetingId: string, networkId: string) {
  const invited = await tx
    .select({ id: users.id, organisationId: users.organisationId })
    .from(meetingInvitees)
    .innerJoin(users, eq(users.id, meetingInvitees.userId))
    .where(eq(meetingInvitees.meetingId, meetingId));
  if (invited.length > 0) return invited;
  return (await audienceOf(networkId, tx)).map((p) => ({ id: p.id, organisationId: null as string | null }));
}

export async function addAgendaItem(
  actor: Actor,
  meetingId: string,
  input: { title: string; presenter: string; startOffsetMinutes: number | null; durationMinutes: number | null },
  meta: Meta,
  now = new Date(),
): Promise<AgendaResult> {
  return db.transaction(async (tx) => {
    const found = await editableMeeting(actor, meetingId, tx, now);
    if ("error" in found) return { ok: false, reason: found.error! } as const;
    let presenterUserId: string | null = null;
    let presenterOrganisationId: string | null = null;
    if (input.presenter) {
      const [kind, id] = input.presenter.split(":");
      if (!id || !UUID.test(id)) return { ok: false, reason: "not_found" } as const;
      const allowed = await presenters(tx, meetingId, found.row.meeting.networkId);
      if (kind === "user" && allowed.some((p) => p.id === id)) presenterUserId = id;
      else if (kind === "org" && allowed.some((p) => p.organisationId === id)) presenterOrganisationId = id;
      else return { ok: false, reason: "not_found" } as const;
    }
    const [{ n, max }] = (await tx
      .select({ n: sql<number>`count(*)::int`, max: sql<number>`coalesce(max(${agendaItems.position}), 0)::int` })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId))) as [{ n: number; max: number }];
    if (n >= MAX_AGENDA_ITEMS) return { ok: false, reason: "too_many" } as const;
    await tx.insert(agendaItems).values({
      meetingId,
      position: max + 1,
      title: input.title,
      presenterUserId,
      presenterOrganisationId,
      startOffsetMinutes: input.startOffsetMinutes,
      durationMinutes: input.durationMinutes,
    });
    await audit({ action: "agenda.item_added", actor, targetType: "meeting", targetId: meetingId, ...meta }, tx);
    return { ok: true } as const;
  });
}

/** Moves an item one step up or down by swapping positions with its neighbour. */
export async function moveAgendaItem(actor: Actor, meetingId: string, itemId: string, direction: "up" | "down", meta: Meta, now = new Date()): Promise<AgendaResult> {
  if (!UUID.test(itemId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const found = await editableMeeting(actor, meetingId, tx, now);
    if ("error" in found) return { ok: false, reason: found.error! } as const;
    const items = await tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position));
    const index = items.findIndex((i) => i.id === itemId);
    if (index < 0) return { ok: false, reason: "not_found" } as const;
    const other = items[direction === "up" ? index - 1 : index + 1];
    if (!other) return { ok: true } as const;
    const item = items[index]!;
    await tx.update(agendaItems).set({ position: other.position }).where(eq(agendaItems.id, item.id));
    await tx.update(agendaItems).set({ position: item.position }).where(eq(agendaItems.id, other.id));
    await audit({ action: "agenda.item_moved", actor, targetType: "meeting", targetId: meetingId, ...meta }, tx);
    return { ok: true } as const;
  });
}

export async function deleteAgendaItem(actor: Actor, meetingId: string, itemId: string, meta: Meta, now = new Date()): Promise<AgendaResult> {
  if (!UUID.test(itemId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const found = await editableMeeting(actor, meetingId, tx, now);
    if ("error" in found) return { ok: false, reason: found.error! } as const;
    const deleted = await tx
      .delete(agendaItems)
      .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
      .returning({ id: agendaItems.id });
    if (deleted.length === 0) return { ok: false, reason: "not_found" } as const;
    await audit({ action: "agenda.item_deleted", actor, targetType: "meeting", targetId: meetingId, ...meta }, tx);
    return { ok: true } as const;
  });
}

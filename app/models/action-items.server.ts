/**
 * Action items decided in a meeting: what, which organisation and person, due date,
 * status. Created and updated by those who write the minutes; read by everyone who sees
 * the network; listed per person and per network with overdue items marked.
 */
import { and, asc, eq, or, sql } from "drizzle-orm";
import { actionItems, meetingInvitees, meetings, networks, organisations, users } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db } from "~/lib/db.server";
import { audit } from "./audit.server";
import { visibleMeeting } from "./meetings.server";
import { networkVisibleTo } from "./networks.server";

type Meta = { ip: string; userAgent: string | null };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const columns = {
  id: actionItems.id,
  title: actionItems.title,
  dueDate: actionItems.dueDate,
  status: actionItems.status,
  meetingId: actionItems.meetingId,
  meetingTitle: meetings.title,
  organisationName: organisations.name,
  assigneeName: users.name,
  networkSlug: networks.slug,
  networkName: networks.name,
};

function baseQuery() {
  return db
    .select(columns)
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .innerJoin(networks, eq(networks.id, actionItems.networkId))
    .leftJoin(organisations, eq(organisations.id, actionItems.organisationId))
    .leftJoin(users, eq(users.id, actionItems.assigneeId));
}

const order = [sql`${actionItems.status} asc`, sql`${actionItems.dueDate} asc nulls last`, asc(actionItems.createdAt)];

export async function listMeetingActionItems(actor: Actor, meetingId: string) {
  if (!(await visibleMeeting(actor, meetingId))) return null;
  return baseQuery().where(eq(actionItems.meetingId, meetingId)).orderBy(...order);
}

/** Items assigned to the person or their organisation, in networks they still see. */
export async function listMyActionItems(actor: Actor) {
  return baseQuery()
    .where(
      and(
        networkVisibleTo(actor),
        or(eq(actionItems.assigneeId, actor.userId), eq(actionItems.organisationId, actor.organisationId)),
      ),
    )
    .orderBy(...order);
}

export async function listNetworkActionItems(actor: Actor, slug: string) {
  const [network] = await db
    .select({ id: networks.id, slug: networks.slug, name: networks.name })
    .from(networks)
    .where(and(eq(networks.slug, slug), networkVisibleTo(actor)));
  if (!network) return null;
  const items = await baseQuery().where(eq(actionItems.networkId, network.id)).orderBy(...order);
  return { network, items };
}

export type ActionItemInput = { title: string; organisationId?: string; assigneeId?: string; dueDate?: string };

/**
 * The organisation must be one of the invitees' organisations and the person one of the
 * invitees: an id from elsewhere is refused and nothing is written.
 */
export async function createActionItem(actor: Actor, meetingId: string, input: ActionItemInput, meta: Meta) {
  return db.transaction(async (tx) => {
    const row = await visibleMeeting(actor, meetingId, tx);
    if (!row || !(row.manages || row.meeting.noteTakerId === actor.userId)) return { ok: false, reason: "not_found" } as const;
    const invitees = await tx
      .select({ userId: users.id, organisationId: users.organisationId })
      .from(meetingInvitees)
      .innerJoin(users, eq(users.id, meetingInvitees.userId))
      .where(eq(meetingInvitees.meetingId, meetingId));
    const okPerson = !input.assigneeId || (UUID.test(input.assigneeId) && invitees.some((i) => i.userId === input.assigneeId));
    const okOrg = !input.organisationId || (UUID.test(input.organisationId) && invitees.some((i) => i.organisationId === input.organisationId));
    if (!okPerson || !okOrg) return { ok: false, reason: "not_found" } as const;
    const organisationId =
      input.organisationId ?? invitees.find((i) => i.userId === input.assigneeId)?.organisationId ?? null;
    const [item] = await tx
      .insert(actionItems)
      .values({
        meetingId,
        networkId: row.meeting.networkId,
        title: input.title,
        organisationId,
        assigneeId: input.assigneeId ?? null,
        dueDate: input.dueDate ?? null,
      })
      .returning({ id: actionItems.id });
    await audit({ action: "action_item.created", actor, targetType: "action_item", targetId: item!.id, ...meta }, tx);
    return { ok: true, id: item!.id } as const;
  });
}

/** The assignee, their organisation's people, and the minute-takers may mark it done or reopen it. */
export async function setActionItemStatus(actor: Actor, itemId: string, status: "open" | "done", meta: Meta) {
  if (!UUID.test(itemId)) return false;
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(actionItems).where(eq(actionItems.id, itemId));
    if (!item) return false;
    const row = await visibleMeeting(actor, item.meetingId, tx);
    if (!row) return false;
    const allowed =
      row.manages ||
      row.meeting.noteTakerId === actor.userId ||
      item.assigneeId === actor.userId ||
      item.organisationId === actor.organisationId;
    if (!allowed) return false;
    await tx.update(actionItems).set({ status }).where(eq(actionItems.id, itemId));
    await audit({ action: "action_item.status", actor, targetType: "action_item", targetId: itemId, ...meta, details: { status } }, tx);
    return true;
  });
}

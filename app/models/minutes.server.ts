/**
 * Minutes in Markdown with optimistic locking: every save names the version it edited;
 * a save against an older version is refused as a conflict that carries the stored text,
 * so the page can show both and nothing is lost.
 *
 * Once published, the minutes members read (and search finds) change only by publishing
 * again: saving published minutes keeps the text beside them as a draft (`draftBody`),
 * which the editors work on until they publish it.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { meetingInvitees, meetingMinutes, meetings, users } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { isLocale } from "~/i18n/config";
import { serverT } from "~/i18n/server";
import { db } from "~/lib/db.server";
import { enqueueMail } from "~/lib/mail.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { notify } from "./notifications.server";
import { audit } from "./audit.server";
import { audienceOf, visibleMeeting } from "./meetings.server";

type Meta = { ip: string; userAgent: string | null };
export const MINUTES_MAX_LENGTH = 100_000;

export async function getMinutesPage(actor: Actor, meetingId: string) {
  const row = await visibleMeeting(actor, meetingId);
  if (!row) return null;
  const canEdit = row.manages || row.meeting.noteTakerId === actor.userId;
  const [[minutes], people] = await Promise.all([
    db
      .select({
        body: meetingMinutes.body,
        draftBody: meetingMinutes.draftBody,
        version: meetingMinutes.version,
        status: meetingMinutes.status,
        publishedAt: meetingMinutes.publishedAt,
        updatedAt: meetingMinutes.updatedAt,
        updatedByName: users.name,
      })
      .from(meetingMinutes)
      .leftJoin(users, eq(users.id, meetingMinutes.updatedBy))
      .where(eq(meetingMinutes.meetingId, meetingId)),
    row.manages
      ? db
          .select({ id: users.id, name: users.name })
          .from(meetingInvitees)
          .innerJoin(users, eq(users.id, meetingInvitees.userId))
          .where(eq(meetingInvitees.meetingId, meetingId))
          .orderBy(asc(users.name))
      : Promise.resolve([]),
  ]);
  // Drafts are for those who write them; members see minutes once published, and only
  // the published text (never the draft of a change to it).
  const visible = minutes && (minutes.status === "published" || canEdit) ? minutes : null;
  if (!visible) return { meeting: row.meeting, network: row.network, manages: row.manages, canEdit, people, minutes: null };
  const { draftBody, ...rest } = visible;
  return {
    meeting: row.meeting,
    network: row.network,
    manages: row.manages,
    canEdit,
    people,
    minutes: {
      ...rest,
      // The text to edit (for editors) or to read (for members).
      body: canEdit ? (draftBody ?? rest.body) : rest.body,
      // What members read now: the published text, or the first draft before publishing.
      html: renderMarkdown(rest.body),
      /** Editors are working on a change that members do not see until it is published. */
      unpublishedChanges: canEdit && rest.status === "published" && draftBody !== null,
    },
  };
}

/** Its coordinators and the appointed note-taker write a meeting's minutes. */
export async function mayWriteMinutes(actor: Actor, meetingId: string): Promise<boolean> {
  const row = await visibleMeeting(actor, meetingId);
  return Boolean(row && (row.manages || row.meeting.noteTakerId === actor.userId));
}

export type SaveResult =
  | { ok: true; version: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "conflict"; current: { body: string; version: number; updatedByName: string | null } };

export async function saveMinutes(actor: Actor, meetingId: string, body: string, expectedVersion: number, meta: Meta): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const row = await visibleMeeting(actor, meetingId, tx);
    if (!row || !(row.manages || row.meeting.noteTakerId === actor.userId)) return { ok: false, reason: "not_found" } as const;
    const now = new Date();
    const saved =
      expectedVersion === 0
        ? await tx
            .insert(meetingMinutes)
            .values({ meetingId, body, version: 1, updatedBy: actor.userId, updatedAt: now })
            .onConflictDoNothing()
            .returning({ version: meetingMinutes.version })
        : await tx
            .update(meetingMinutes)
            .set({
              // Published minutes stay as they are; the new text waits beside them.
              body: sql`case when ${meetingMinutes.status} = 'published' then ${meetingMinutes.body} else ${body}::text end`,
              draftBody: sql`case when ${meetingMinutes.status} = 'published' then ${body}::text end`,
              version: expectedVersion + 1,
              updatedBy: actor.userId,
              updatedAt: now,
            })
            .where(and(eq(meetingMinutes.meetingId, meetingId), eq(meetingMinutes.version, expectedVersion)))
            .returning({ version: meetingMinutes.version });
    if (saved.length === 0) {
      const [current] = await tx
        .select({ body: sql<string>`coalesce(${meetingMinutes.draftBody}, ${meetingMinutes.body})`, version: meetingMinutes.version, updatedByName: users.name })
        .from(meetingMinutes)
        .leftJoin(users, eq(users.id, meetingMinutes.updatedBy))
        .where(eq(meetingMinutes.meetingId, meetingId));
      return { ok: false, reason: "conflict", current: current! } as const;
    }
    await audit({ action: "minutes.saved", actor, targetType: "meeting", targetId: meetingId, ...meta, details: { version: saved[0]!.version } }, tx);
    return { ok: true, version: saved[0]!.version } as const;
  });
}

/**
 * Publishes the version the editor saw (a draft of published minutes replaces them);
 * every member of the network is told by mail.
 */
export async function publishMinutes(actor: Actor, meetingId: string, version: number, meta: Meta, origin: string) {
  return db.transaction(async (tx) => {
    const row = await visibleMeeting(actor, meetingId, tx);
    if (!row || !(row.manages || row.meeting.noteTakerId === actor.userId)) return { ok: false, reason: "not_found" } as const;
    const published = await tx
      .update(meetingMinutes)
      .set({ status: "published", publishedAt: new Date(), body: sql`coalesce(${meetingMinutes.draftBody}, ${meetingMinutes.body})`, draftBody: null })
      .where(and(eq(meetingMinutes.meetingId, meetingId), eq(meetingMinutes.version, version)))
      .returning({ version: meetingMinutes.version });
    if (published.length === 0) return { ok: false, reason: "conflict" } as const;
    const audience = await audienceOf(row.meeting.networkId, tx);
    await notify(
      tx,
      audience.map((p) => p.id).filter((id) => id !== actor.userId),
      { kind: "minutes_published", meetingId, actorId: actor.userId },
    );
    for (const person of audience) {
      const t = serverT(isLocale(person.locale) ? person.locale : "sv");
      await enqueueMail(tx, {
        to: person.email,
        subject: t("minutes.mail.subject", { title: row.meeting.title }),
        text: t("minutes.mail.body", { title: row.meeting.title, network: row.network.name, link: `${origin}/meetings/${meetingId}/minutes` }),
      });
    }
    await audit({ action: "minutes.published", actor, targetType: "meeting", targetId: meetingId, ...meta, details: { version } }, tx);
    return { ok: true } as const;
  });
}

/**
 * A coordinator appoints one of the invited people to write the minutes, or (with an
 * empty id) appoints nobody, leaving the minutes to the coordinators.
 */
export async function appointNoteTaker(actor: Actor, meetingId: string, userId: string, meta: Meta) {
  if (userId !== "" && !/^[0-9a-f-]{36}$/i.test(userId)) return false;
  return db.transaction(async (tx) => {
    const row = await visibleMeeting(actor, meetingId, tx);
    if (!row || !row.manages) return false;
    if (userId === "") {
      await tx.update(meetings).set({ noteTakerId: null }).where(eq(meetings.id, meetingId));
      await audit({ action: "minutes.note_taker_removed", actor, targetType: "meeting", targetId: meetingId, ...meta }, tx);
      return true;
    }
    const [invitee] = await tx
      .select({ userId: meetingInvitees.userId })
      .from(meetingInvitees)
      .where(and(eq(meetingInvitees.meetingId, meetingId), eq(meetingInvitees.userId, userId)));
    if (!invitee) return false;
    await tx.update(meetings).set({ noteTakerId: userId }).where(eq(meetings.id, meetingId));
    await audit({ action: "minutes.note_taker_appointed", actor, targetType: "meeting", targetId: meetingId, ...meta, details: { userId } }, tx);
    return true;
  });
}

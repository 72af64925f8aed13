/**
 * Meetings of a network or group. Every function takes the actor; the network's
 * visibility rule (networkVisibleTo) sits inside each query, so a meeting id of a
 * network one may not see behaves exactly like an id that does not exist.
 */
import { and, asc, desc, eq, getTableColumns, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import {
  agendaItems,
  meetingInvitees,
  meetings,
  meetingTimeOptions,
  meetingVotes,
  networkOrganisations,
  networkPeople,
  networks,
  organisations,
  users,
} from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { isLocale } from "~/i18n/config";
import { serverT } from "~/i18n/server";
import { db, type Database } from "~/lib/db.server";
import { formatDateTime, formatDateTimeRange } from "~/lib/format";
import { buildCalendar, type CalendarMeeting } from "~/lib/ics.server";
import { registerJob, scheduleJob } from "~/lib/jobs.server";
import { enqueueMail, enqueueMails } from "~/lib/mail.server";
import { appOrigin } from "~/lib/origin.server";
import { audit } from "./audit.server";
import { findNetwork, managesNetwork, networkVisibleTo } from "./networks.server";
import { notify } from "./notifications.server";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Meta = { ip: string; userAgent: string | null };

export const MAX_TIME_OPTIONS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The meeting with its network, when the actor may see the network; else null. */
/** A meeting's columns but its search vector, which only search reads (in SQL). */
export const { search: _search, ...meetingColumns } = getTableColumns(meetings);
type MeetingRow = Omit<typeof meetings.$inferSelect, "search">;

export async function visibleMeeting(actor: Actor, meetingId: string, executor: Tx | Database = db, lock = false) {
  if (!UUID.test(meetingId)) return null;
  const query = executor
    .select({
      meeting: meetingColumns,
      network: { id: networks.id, slug: networks.slug, name: networks.name },
      manages: sql<boolean>`${managesNetwork(actor)}`,
    })
    .from(meetings)
    .innerJoin(networks, eq(networks.id, meetings.networkId))
    .where(and(eq(meetings.id, meetingId), networkVisibleTo(actor)));
  const [row] = lock ? await query.for("update", { of: meetings }) : await query;
  return row ?? null;
}

/** Everyone who sees the network: contacts of member organisations, named people, parent coordinators. */
export async function audienceOf(networkId: string, executor: Tx | Database) {
  return executor
    .selectDistinct({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .innerJoin(networks, eq(networks.id, networkId))
    .where(
      and(
        eq(users.status, "active"),
        or(
          sql`exists (select 1 from ${networkOrganisations} x where x.network_id = ${networks.id} and x.organisation_id = ${users.organisationId})`,
          sql`exists (select 1 from ${networkPeople} y where y.network_id = ${networks.id} and y.user_id = ${users.id})`,
          sql`exists (select 1 from ${networkPeople} z where z.network_id = ${networks.parentId} and z.user_id = ${users.id} and z.role = 'coordinator')`,
        ),
      ),
    );
}

export interface MeetingInput {
  title: string;
  description: string;
  place: string;
  onlineLink: string;
  durationMinutes: number;
}

export type CreateResult =
  | { ok: true; meetingId: string }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; field: string; message: string };

/** A meeting row as the calendar builder wants it. */
export function calendarMeeting(m: MeetingRow, networkName: string, origin: string): CalendarMeeting {
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    place: m.place,
    onlineLink: m.onlineLink,
    startsAt: m.startsAt!,
    endsAt: m.endsAt!,
    icsSequence: m.icsSequence,
    cancelled: m.status === "cancelled",
    url: `${origin}/meetings/${m.id}`,
    networkName,
  };
}

const REMINDER_BEFORE_MS = 24 * 3_600_000;

/** Queues the day-before reminder for this version of the meeting (a moved meeting gets a new one). */
async function scheduleReminder(tx: Tx, meeting: MeetingRow, now = new Date()) {
  if (!meeting.startsAt) return;
  const runAt = new Date(meeting.startsAt.getTime() - REMINDER_BEFORE_MS);
  if (runAt <= now) return;
  await scheduleJob(tx, {
    kind: "meeting.reminder",
    key: `meeting.reminder:${meeting.id}:${meeting.icsSequence}`,
    runAt,
    payload: { meetingId: meeting.id, sequence: meeting.icsSequence },
  });
}

/** The day before: a mail to everyone who answered attend or maybe, if the meeting is still as it was. */
registerJob("meeting.reminder", async (tx, payload) => {
  const [row] = await tx
    .select({ meeting: meetingColumns, networkName: networks.name })
    .from(meetings)
    .innerJoin(networks, eq(networks.id, meetings.networkId))
    .where(eq(meetings.id, String(payload.meetingId)));
  if (!row || row.meeting.status !== "scheduled" || row.meeting.icsSequence !== payload.sequence || !row.meeting.startsAt || !row.meeting.endsAt) return;
  const people = await tx
    .select({ email: users.email, locale: users.locale })
    .from(meetingInvitees)
    .innerJoin(users, eq(users.id, meetingInvitees.userId))
    .where(and(eq(meetingInvitees.meetingId, row.meeting.id), inArray(meetingInvitees.rsvp, ["attend", "maybe"]), eq(users.status, "active")));
  for (const person of people) {
    const locale = isLocale(person.locale) ? person.locale : "sv";
    const t = serverT(locale);
    const values = {
      title: row.meeting.title,
      network: row.networkName,
      when: formatDateTimeRange(row.meeting.startsAt, row.meeting.endsAt, locale),
      place: [row.meeting.place, row.meeting.onlineLink].filter(Boolean).join(", ") || "–",
      link: `${appOrigin()}/meetings/${row.meeting.id}`,
    };
    await enqueueMail(tx, { to: person.email, subject: t("meetings.mail.reminderSubject", values), text: t("meetings.mail.reminderBody", values) });
  }
});

const POLL_REMINDER_BEFORE_MS = 24 * 3_600_000;

/**
 * A new time poll: everyone asked gets a notification and a mail with the proposed times,
 * the deadline and the link, and those who have not answered a day before the deadline
 * get a reminder (a durable job). A poll whose deadline is less than a day away gets no
 * reminder, as the opening mail has just gone out; one without a deadline (none can be
 * made today, older rows may have none) gets none either: there is no day to count back
 * from, and the coordinator's "remind" button remains.
 */
async function openPoll(tx: Tx, meeting: MeetingRow, options: { startsAt: Date; endsAt: Date }[], networkName: string, origin: string, now: Date) {
  const audience = await audienceOf(meeting.networkId, tx);
  await notify(
    tx,
    audience.map((p) => p.id).filter((id) => id !== meeting.createdBy),
    { kind: "poll_opened", meetingId: meeting.id, actorId: meeting.createdBy },
  );
  await enqueueMails(
    tx,
    audience
      .filter((person) => person.id !== meeting.createdBy)
      .map((person) => {
        const locale = isLocale(person.locale) ? person.locale : "sv";
        const t = serverT(locale);
        return {
          to: person.email,
          subject: t("meetings.mail.pollOpenedSubject", { title: meeting.title }),
          text: t("meetings.mail.pollOpenedBody", {
            title: meeting.title,
            network: networkName,
            deadline: meeting.pollDeadline ? formatDateTime(meeting.pollDeadline, locale) : "–",
            options: options.map((o) => `• ${formatDateTimeRange(o.startsAt, o.endsAt, locale)}`).join("\n"),
            link: `${origin}/meetings/${meeting.id}`,
          }),
        };
      }),
  );
  if (!meeting.pollDeadline) return;
  const runAt = new Date(meeting.pollDeadline.getTime() - POLL_REMINDER_BEFORE_MS);
  if (runAt <= now) return;
  await scheduleJob(tx, {
    kind: "meeting.poll_reminder",
    key: `meeting.poll_reminder:${meeting.id}`,
    runAt,
    payload: { meetingId: meeting.id, deadline: meeting.pollDeadline.toISOString() },
  });
}

/** People asked in the poll who have not answered any of its times. */
async function pollNonVoters(tx: Tx, meeting: Pick<MeetingRow, "id" | "networkId">) {
  const voted = await tx
    .selectDistinct({ userId: meetingVotes.userId })
    .from(meetingVotes)
    .innerJoin(meetingTimeOptions, eq(meetingTimeOptions.id, meetingVotes.optionId))
    .where(eq(meetingTimeOptions.meetingId, meeting.id));
  const done = new Set(voted.map((v) => v.userId));
  return (await audienceOf(meeting.networkId, tx)).filter((p) => !done.has(p.id));
}

async function mailPollReminders(tx: Tx, meeting: Pick<MeetingRow, "id" | "title" | "pollDeadline">, networkName: string, people: { email: string; locale: string }[], origin: string) {
  await enqueueMails(
    tx,
    people.map((person) => {
      const locale = isLocale(person.locale) ? person.locale : "sv";
      const t = serverT(locale);
      return {
        to: person.email,
        subject: t("meetings.mail.pollReminderSubject", { title: meeting.title }),
        text: t("meetings.mail.pollReminderBody", {
          title: meeting.title,
          network: networkName,
          deadline: meeting.pollDeadline ? formatDateTime(meeting.pollDeadline, locale) : "–",
          link: `${origin}/meetings/${meeting.id}`,
        }),
      };
    }),
  );
}

/**
 * A day before the poll closes: a mail to each person asked who has not answered yet. The
 * job runs once (claimed in its transaction with the mails), so nobody gets it twice; a
 * poll already decided, or no longer closing when this job was made for, is left alone.
 */
registerJob("meeting.poll_reminder", async (tx, payload) => {
  const [row] = await tx
    .select({ meeting: meetingColumns, networkName: networks.name })
    .from(meetings)
    .innerJoin(networks, eq(networks.id, meetings.networkId))
    .where(eq(meetings.id, String(payload.meetingId)));
  if (!row || row.meeting.status !== "polling" || row.meeting.pollDeadline?.toISOString() !== payload.deadline) return;
  const people = await pollNonVoters(tx, row.meeting);
  await mailPollReminders(tx, row.meeting, row.networkName, people, appOrigin());
});

/** Snapshots the audience as invitees and mails each an invitation with a METHOD:REQUEST calendar. */
async function inviteAudience(tx: Tx, meeting: MeetingRow, networkName: string, origin: string) {
  await scheduleReminder(tx, meeting);
  const audience = await audienceOf(meeting.networkId, tx);
  if (audience.length === 0) return 0;
  await tx
    .insert(meetingInvitees)
    .values(audience.map((p) => ({ meetingId: meeting.id, userId: p.id })))
    .onConflictDoNothing();
  await notify(
    tx,
    audience.map((p) => p.id).filter((id) => id !== meeting.createdBy),
    { kind: "meeting_scheduled", meetingId: meeting.id, actorId: meeting.createdBy },
  );
  const calendar = buildCalendar([calendarMeeting(meeting, networkName, origin)], "REQUEST");
  for (const person of audience) {
    const locale = isLocale(person.locale) ? person.locale : "sv";
    const t = serverT(locale);
    await enqueueMail(tx, {
      to: person.email,
      subject: t("meetings.mail.inviteSubject", { title: meeting.title }),
      text: t("meetings.mail.inviteBody", {
        title: meeting.title,
        network: networkName,
        when: formatDateTimeRange(meeting.startsAt!, meeting.endsAt!, locale),
        place: [meeting.place, meeting.onlineLink].filter(Boolean).join(", ") || "–",
        link: `${origin}/meetings/${meeting.id}`,
      }),
      calendar: { method: "REQUEST", content: calendar },
    });
  }
  return audience.length;
}

export async function createMeeting(
  actor: Actor,
  slug: string,
  input: MeetingInput & ({ mode: "fixed"; startsAt: Date } | { mode: "poll"; options: Date[]; pollDeadline: Date }),
  meta: Meta,
  origin: string,
  now = new Date(),
): Promise<CreateResult> {
  if (input.mode === "fixed" && input.startsAt <= now) {
    return { ok: false, reason: "invalid", field: "startsAt", message: "meetings.errors.inPast" };
  }
  if (input.mode === "poll") {
    if (input.options.length === 0) return { ok: false, reason: "invalid", field: "options", message: "meetings.errors.noOptions" };
    if (input.options.length > MAX_TIME_OPTIONS) {
      return { ok: false, reason: "invalid", field: "options", message: "meetings.errors.tooManyOptions" };
    }
    if (input.options.some((o) => o <= now)) return { ok: false, reason: "invalid", field: "options", message: "meetings.errors.inPast" };
    if (input.pollDeadline <= now) return { ok: false, reason: "invalid", field: "pollDeadline", message: "meetings.errors.inPast" };
  }
  return db.transaction(async (tx) => {
    const network = await findNetwork(actor, slug, tx);
    if (!network || !network.manages) return { ok: false, reason: "not_found" } as const;
    const durationMs = input.durationMinutes * 60_000;
    const [meeting] = await tx
      .insert(meetings)
      .values({
        networkId: network.id,
        title: input.title,
        description: input.description,
        place: input.place,
        onlineLink: input.onlineLink,
        durationMinutes: input.durationMinutes,
        status: input.mode === "fixed" ? "scheduled" : "polling",
        startsAt: input.mode === "fixed" ? input.startsAt : null,
        endsAt: input.mode === "fixed" ? new Date(input.startsAt.getTime() + durationMs) : null,
        pollDeadline: input.mode === "poll" ? input.pollDeadline : null,
        scheduledAt: input.mode === "fixed" ? new Date() : null,
        createdBy: actor.userId,
      })
      .returning();
    if (input.mode === "poll") {
      const options = input.options
        .map((start) => ({ meetingId: meeting!.id, startsAt: start, endsAt: new Date(start.getTime() + durationMs) }))
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      await tx.insert(meetingTimeOptions).values(options);
      await openPoll(tx, meeting!, options, network.name, origin, now);
    } else {
      await inviteAudience(tx, meeting!, network.name, origin);
    }
    await audit(
      { action: "meeting.created", actor, targetType: "meeting", targetId: meeting!.id, ...meta, details: { network: network.slug, mode: input.mode } },
      tx,
    );
    return { ok: true, meetingId: meeting!.id } as const;
  });
}

/** How many meetings each list of a network's meetings page shows; the month view shows the rest. */
export const MEETING_LIST_LIMIT = 100;

/**
 * A network's meetings page: the upcoming meetings, soonest first, and the past ones,
 * latest first, each at most `limit` (a network keeps years of meetings; the month view
 * reaches any of them). `upcomingMore`/`pastMore` say that a list was cut.
 */
export async function listMeetings(actor: Actor, slug: string, now = new Date(), limit = MEETING_LIST_LIMIT) {
  const network = await findNetwork(actor, slug);
  if (!network) return null;
  const columns = {
    id: meetings.id,
    title: meetings.title,
    status: meetings.status,
    startsAt: meetings.startsAt,
    endsAt: meetings.endsAt,
    place: meetings.place,
    onlineLink: meetings.onlineLink,
    pollDeadline: meetings.pollDeadline,
  };
  const [upcoming, past] = await Promise.all([
    db
      .select(columns)
      .from(meetings)
      .where(and(eq(meetings.networkId, network.id), or(isNull(meetings.endsAt), gte(meetings.endsAt, now))))
      .orderBy(sql`${meetings.startsAt} asc nulls first`, asc(meetings.createdAt))
      .limit(limit + 1),
    db
      .select(columns)
      .from(meetings)
      .where(and(eq(meetings.networkId, network.id), lt(meetings.endsAt, now)))
      .orderBy(desc(meetings.startsAt))
      .limit(limit + 1),
  ]);
  return {
    network,
    upcoming: upcoming.slice(0, limit),
    upcomingMore: upcoming.length > limit,
    past: past.slice(0, limit),
    pastMore: past.length > limit,
  };
}

export async function getMeetingPage(actor: Actor, meetingId: string) {
  const row = await visibleMeeting(actor, meetingId);
  if (!row) return null;
  const [invitees, agenda, options, votes] = await Promise.all([
    db
      .select({
        userId: users.id,
        name: users.name,
        organisationId: organisations.id,
        organisationName: organisations.name,
        rsvp: meetingInvitees.rsvp,
      })
      .from(meetingInvitees)
      .innerJoin(users, eq(users.id, meetingInvitees.userId))
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(meetingInvitees.meetingId, meetingId))
      .orderBy(asc(organisations.name), asc(users.name)),
    db
      .select({
        id: agendaItems.id,
        title: agendaItems.title,
        startOffsetMinutes: agendaItems.startOffsetMinutes,
        durationMinutes: agendaItems.durationMinutes,
        presenterName: sql<string | null>`coalesce(${users.name}, ${organisations.name})`,
      })
      .from(agendaItems)
      .leftJoin(users, eq(users.id, agendaItems.presenterUserId))
      .leftJoin(organisations, eq(organisations.id, agendaItems.presenterOrganisationId))
      .where(eq(agendaItems.meetingId, meetingId))
      .orderBy(asc(agendaItems.position)),
    db.select().from(meetingTimeOptions).where(eq(meetingTimeOptions.meetingId, meetingId)).orderBy(asc(meetingTimeOptions.startsAt)),
    db
      .select({ optionId: meetingVotes.optionId, userId: meetingVotes.userId, answer: meetingVotes.answer })
      .from(meetingVotes)
      .innerJoin(meetingTimeOptions, eq(meetingTimeOptions.id, meetingVotes.optionId))
      .where(eq(meetingTimeOptions.meetingId, meetingId)),
  ]);
  // Who has not answered the poll yet: only coordinators see it, and only while polling.
  let notAnswered: { id: string; name: string }[] = [];
  if (row.manages && row.meeting.status === "polling") {
    const voted = new Set(votes.map((v) => v.userId));
    notAnswered = (await audienceOf(row.meeting.networkId, db)).filter((p) => !voted.has(p.id)).map((p) => ({ id: p.id, name: p.name }));
  }
  const voters = row.meeting.status === "polling" ? await votersOf(votes.map((v) => v.userId)) : [];
  return {
    ...row,
    invitees,
    agenda,
    options,
    votes,
    voters,
    notAnswered,
    myRsvp: invitees.find((i) => i.userId === actor.userId)?.rsvp ?? null,
  };
}

async function votersOf(userIds: string[]) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, organisationName: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(inArray(users.id, ids))
    .orderBy(asc(organisations.name), asc(users.name));
}

export type AnswerResult = { ok: true } | { ok: false; reason: "not_found" | "closed" };

/** Attend, maybe or decline; anyone who sees the meeting may answer, invited or not. */
export async function setRsvp(actor: Actor, meetingId: string, answer: "attend" | "maybe" | "decline", meta: Meta): Promise<AnswerResult> {
  return db.transaction(async (tx) => {
    const row = await visibleMeeting(actor, meetingId, tx);
    if (!row) return { ok: false, reason: "not_found" } as const;
    if (row.meeting.status !== "scheduled") return { ok: false, reason: "closed" } as const;
    const now = new Date();
    await tx
      .insert(meetingInvitees)
      .values({ meetingId, userId: actor.userId, rsvp: answer, rsvpAt: now })
      .onConflictDoUpdate({ target: [meetingInvitees.meetingId, meetingInvitees.userId], set: { rsvp: answer, rsvpAt: now } });
    await audit({ action: "meeting.rsvp", actor, targetType: "meeting", targetId: meetingId, ...meta, details: { answer } }, tx);
    return { ok: true } as const;
  });
}

/** Answers for some of the poll's times; refused once the poll is closed. */
export async function vote(
  actor: Actor,
  meetingId: string,
  answers: { optionId: string; answer: "yes" | "if_need_be" | "no" }[],
  meta: Meta,
  now = new Date(),
): Promise<AnswerResult> {
  return db.transaction(async (tx) => {
    const row = await visibleMeeting(actor, meetingId, tx, true);
    if (!row) return { ok: false, reason: "not_found" } as const;
    if (row.meeting.status !== "polling" || (row.meeting.pollDeadline && row.meeting.pollDeadline <= now)) {
      return { ok: false, reason: "closed" } as const;
    }
    const ids = answers.map((a) => a.optionId).filter((id) => UUID.test(id));
    const own = ids.length
      ? await tx
          .select({ id: meetingTimeOptions.id })
          .from(meetingTimeOptions)
          .where(and(eq(meetingTimeOptions.meetingId, meetingId), inArray(meetingTimeOptions.id, ids)))
      : [];
    // An option id of another meeting is not this poll's: refuse the whole answer.
    if (own.length !== answers.length) return { ok: false, reason: "not_found" } as const;
    for (const a of answers) {
      await tx
        .insert(meetingVotes)
        .values({ optionId: a.optionId, userId: actor.userId, answer: a.answer, updatedAt: now })
        .onConflictDoUpdate({ target: [meetingVotes.optionId, meetingVotes.userId], set: { answer: a.answer, updatedAt: now } });
    }
    await audit({ action: "meeting.voted", actor, targetType: "meeting", targetId: meetingId, ...meta }, tx);
    return { ok: true } as const;
  });
}

/** Closes the poll with the chosen time: the meeting is scheduled and everyone is invited. */
export async function schedulePoll(actor: Actor, meetingId: string, optionId: string, meta: Meta, origin: string): Promise<AnswerResult> {
  return db.transaction(async (tx) => {
    const row = await visibleMeeting(actor, meetingId, tx, true);
    if (!row || !row.manages || !UUID.test(optionId)) return { ok: false, reason: "not_found" } as const;
    if (row.meeting.status !== "polling") return { ok: false, reason: "closed" } as const;
    const [option] = await tx
      .select()
      .from(meetingTimeOptions)
      .where(and(eq(meetingTimeOptions.id, optionId), eq(meetingTimeOptions.meetingId, meetingId)));
    if (!option) return { ok: false, reason: "not_found" } as const;
    const [meeting] = await tx
      .update(meetings)
      .set({ status: "scheduled", startsAt: option.startsAt, endsAt: option.endsAt, scheduledAt: new Date(), updatedAt: new Date() })
      .where(eq(meetings.id, meetingId))
      .returning();
    await inviteAudience(tx, meeting!, row.network.name, origin);
    await audit({ action: "meeting.scheduled", actor, targetType: "meeting", targetId: meetingId, ...meta, details: { optionId } }, tx);
    return { ok: true } as const;
  });
}

/** The meeting's .ics (METHOD:PUBLISH), for those who may see it. */
export async function meetingIcs(actor: Actor, meetingId: string, origin: string): Promise<string | null> {
  const row = await visibleMeeting(actor, meetingId);
  if (!row || !row.meeting.startsAt) return null;
  return buildCalendar([calendarMeeting(row.meeting, row.network.name, origin)], "PUBLISH");
}

async function mailInvitees(tx: Tx, meeting: MeetingRow, networkName: string, origin: string, method: "REQUEST" | "CANCEL") {
  const invitees = await tx
    .select({ email: users.email, locale: users.locale })
    .from(meetingInvitees)
    .innerJoin(users, eq(users.id, meetingInvitees.userId))
    .where(and(eq(meetingInvitees.meetingId, meeting.id), eq(users.status, "active")));
  const calendar = buildCalendar([calendarMeeting(meeting, networkName, origin)], method);
  for (const person of invitees) {
    const locale = isLocale(person.locale) ? person.locale : "sv";
    const t = serverT(locale);
    const values = {
      title: meeting.title,
      network: networkName,
      when: formatDateTimeRange(meeting.startsAt!, meeting.endsAt!, locale),
      place: [meeting.place, meeting.onlineLink].filter(Boolean).join(", ") || "–",
      link: `${origin}/meetings/${meeting.id}`,
    };
    await enqueueMail(tx, {
      to: person.email,
      subject: t(method === "CANCEL" ? "meetings.mail.cancelSubject" : "meetings.mail.updateSubject", values),
      text: t(method === "CANCEL" ? "meetings.mail.cancelBody" : "meetings.mail.updateBody", values),
      calendar: { method, content: calendar },
    });
  }
}

export type ChangeInput = { startsAt: Date; durationMinutes: number; place: string; onlineLink: string };

/**
 * Moves a scheduled meeting or changes its place: SEQUENCE rises and every invitee gets
 * an updated calendar (same UID), so their calendar moves the event instead of adding one.
 */
export async function changeMeeting(actor: Actor, meetingId: string, input: ChangeInput, meta: Meta, origin: string, now = new Date()) {
  if (input.startsAt <= now) return { ok: false, reason: "invalid", field: "startsAt", message: "meetings.errors.inPast" } as const;
  return db.transaction(async (tx) => {
    const row = await visibleMeeting(actor, meetingId, tx, true);
    if (!row || !row.manages) return { ok: false, reason: "not_found" } as const;
    if (row.meeting.status !== "scheduled") return { ok: false, reason: "closed" } as const;
    const endsAt = new Date(input.startsAt.getTime() + input.durationMinutes * 60_000);
    const changed =
      row.meeting.startsAt?.getTime() !== input.startsAt.getTime() ||
      row.meeting.endsAt?.getTime() !== endsAt.getTime() ||
      row.meeting.place !== input.place ||
      row.meeting.onlineLink !== input.onlineLink;
    if (!changed) return { ok: true } as const;
    const [meeting] = await tx
      .update(meetings)
      .set({ ...input, endsAt, icsSequence: sql`${meetings.icsSequence} + 1`, updatedAt: now })
      .where(eq(meetings.id, meetingId))
      .returning();
    await mailInvitees(tx, meeting!, row.network.name, origin, "REQUEST");
    await scheduleReminder(tx, meeting!, now);
    await audit({ action: "meeting.changed", actor, targetType: "meeting", targetId: meetingId, ...meta, details: { sequence: meeting!.icsSequence } }, tx);
    return { ok: true } as const;
  });
}

/** Cancels the meeting: invitees get METHOD:CANCEL with a raised SEQUENCE. */
export async function cancelMeeting(actor: Actor, meetingId: string, meta: Meta, origin: string) {
  return db.transaction(async (tx) => {
    const row = await visibleMeeting(actor, meetingId, tx, true);
    if (!row || !row.manages) return { ok: false, reason: "not_found" } as const;
    if (row.meeting.status === "cancelled") return { ok: false, reason: "closed" } as const;
    const [meeting] = await tx
      .update(meetings)
      .set({ status: "cancelled", icsSequence: sql`${meetings.icsSequence} + 1`, updatedAt: new Date() })
      .where(eq(meetings.id, meetingId))
      .returning();
    if (meeting!.startsAt) await mailInvitees(tx, meeting!, row.network.name, origin, "CANCEL");
    await audit({ action: "meeting.cancelled", actor, targetType: "meeting", targetId: meetingId, ...meta }, tx);
    return { ok: true } as const;
  });
}

/** Scheduled and cancelled meetings starting within [from, to), for the month view. */
/** A network (as the actor sees it) and its meetings starting in [from, to); null if the network is not visible. */
export async function meetingsBetween(actor: Actor, slug: string, from: Date, to: Date) {
  const network = await findNetwork(actor, slug);
  if (!network) return null;
  const rows = await db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status })
    .from(meetings)
    .where(and(eq(meetings.networkId, network.id), gte(meetings.startsAt, from), lt(meetings.startsAt, to)))
    .orderBy(asc(meetings.startsAt));
  return { network, meetings: rows };
}

/** Mails everyone who has not answered the poll yet; coordinators only. */
export async function remindNonVoters(actor: Actor, meetingId: string, meta: Meta, origin: string): Promise<{ ok: true; count: number } | { ok: false; reason: "not_found" | "closed" }> {
  return db.transaction(async (tx) => {
    const row = await visibleMeeting(actor, meetingId, tx);
    if (!row || !row.manages) return { ok: false, reason: "not_found" } as const;
    if (row.meeting.status !== "polling") return { ok: false, reason: "closed" } as const;
    const people = await pollNonVoters(tx, row.meeting);
    await mailPollReminders(tx, row.meeting, row.network.name, people, origin);
    await audit({ action: "meeting.poll_reminded", actor, targetType: "meeting", targetId: meetingId, ...meta, details: { count: people.length } }, tx);
    return { ok: true, count: people.length } as const;
  });
}

import { check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tsvector } from "./types";
import { sql, type SQL } from "drizzle-orm";
import { networks } from "./networks";
import { organisations, users } from "./organisations";

export const meetingStatus = pgEnum("meeting_status", ["polling", "scheduled", "cancelled"]);

/**
 * A meeting of a network or group. Times are instants (timestamptz) and are shown and
 * exported in Europe/Stockholm. `icsSequence` rises on every change that calendars must
 * pick up (time, place, cancellation); the UID is derived from the id and never changes.
 */
export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    place: text("place").notNull().default(""),
    onlineLink: text("online_link").notNull().default(""),
    durationMinutes: integer("duration_minutes").notNull(),
    status: meetingStatus("status").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    pollDeadline: timestamp("poll_deadline", { withTimezone: true }),
    /** When the meeting got its time (created with one, or chosen from the poll). */
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    icsSequence: integer("ics_sequence").notNull().default(0),
    noteTakerId: uuid("note_taker_id").references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    search: tsvector("search").generatedAlwaysAs(
      (): SQL => sql`setweight(to_tsvector('swedish', coalesce(${meetings.title}, '')), 'A') || setweight(to_tsvector('swedish', coalesce(${meetings.description}, '') || ' ' || coalesce(${meetings.place}, '')), 'B')`,
    ),
  },
  (t) => [
    index("meetings_network_starts_idx").on(t.networkId, t.startsAt),
    index("meetings_search_idx").using("gin", t.search).with({ fastupdate: false }),
    // Search takes each kind's newest matches as its candidates (search.server.ts).
    index("meetings_when_idx").on(sql`coalesce(${t.startsAt}, ${t.createdAt})`),
    check("meetings_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    check("meetings_duration_positive", sql`${t.durationMinutes} between 1 and 1440`),
  ],
);

export const meetingTimeOptions = pgTable(
  "meeting_time_options",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("meeting_time_options_meeting_idx").on(t.meetingId),
    check("meeting_time_options_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const pollAnswer = pgEnum("poll_answer", ["yes", "if_need_be", "no"]);

export const meetingVotes = pgTable(
  "meeting_votes",
  {
    optionId: uuid("option_id")
      .notNull()
      .references(() => meetingTimeOptions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answer: pollAnswer("answer").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.optionId, t.userId] })],
);

export const rsvpAnswer = pgEnum("rsvp_answer", ["attend", "maybe", "decline"]);

/** Who was invited (a snapshot when the meeting was scheduled) and what they answered. */
export const meetingInvitees = pgTable(
  "meeting_invitees",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rsvp: rsvpAnswer("rsvp"),
    rsvpAt: timestamp("rsvp_at", { withTimezone: true }),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index("meeting_invitees_user_idx").on(t.userId)],
);

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    presenterOrganisationId: uuid("presenter_organisation_id").references(() => organisations.id),
    presenterUserId: uuid("presenter_user_id").references(() => users.id),
    /** Minutes from the start of the meeting, when the item has a set time. */
    startOffsetMinutes: integer("start_offset_minutes"),
    durationMinutes: integer("duration_minutes"),
  },
  (t) => [index("agenda_items_meeting_idx").on(t.meetingId, t.position)],
);

export const minutesStatus = pgEnum("minutes_status", ["draft", "published"]);

/**
 * Markdown minutes with a version for optimistic locking. `body` is what members read
 * and search finds once the minutes are published (before that, the first draft);
 * edits of published minutes wait in `draftBody` until they are published in turn.
 */
export const meetingMinutes = pgTable(
  "meeting_minutes",
  {
    meetingId: uuid("meeting_id")
      .primaryKey()
      .references(() => meetings.id, { onDelete: "cascade" }),
    body: text("body").notNull().default(""),
    draftBody: text("draft_body"),
    version: integer("version").notNull().default(1),
    status: minutesStatus("status").notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    search: tsvector("search").generatedAlwaysAs((): SQL => sql`to_tsvector('swedish', coalesce(${meetingMinutes.body}, ''))`),
  },
  (t) => [
    index("meeting_minutes_search_idx").using("gin", t.search).with({ fastupdate: false }),
    index("meeting_minutes_published_idx").on(t.publishedAt).where(sql`${t.status} = 'published'`),
    // Only published minutes have a separate draft; before that, `body` is the draft.
    check("meeting_minutes_draft_beside_published", sql`${t.draftBody} is null or ${t.status} = 'published'`),
  ],
);

export const actionItemStatus = pgEnum("action_item_status", ["open", "done"]);

export const actionItems = pgTable(
  "action_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    assigneeId: uuid("assignee_id").references(() => users.id),
    dueDate: date("due_date"),
    status: actionItemStatus("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("action_items_network_idx").on(t.networkId), index("action_items_assignee_idx").on(t.assigneeId)],
);

/** A person's secret calendar subscription URL; only the hash is stored. */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

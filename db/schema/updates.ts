import { sql, type SQL } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tsvector } from "./types";
import { meetings } from "./meetings";
import { networks } from "./networks";
import { organisations, users } from "./organisations";

export const assignmentStatus = pgEnum("assignment_status", ["ongoing", "reported", "closed"]);

/** A government assignment (regeringsuppdrag) of one organisation. */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    title: text("title").notNull(),
    /** The government's decision reference, e.g. "S2021/03456". */
    reference: text("reference").notNull().default(""),
    /** The issuing ministry. */
    issuer: text("issuer").notNull().default(""),
    startDate: date("start_date", { mode: "string" }),
    reportDueDate: date("report_due_date", { mode: "string" }),
    status: assignmentStatus("status").notNull().default("ongoing"),
    description: text("description").notNull().default(""),
    link: text("link").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("assignments_organisation_idx").on(t.organisationId),
    index("assignments_report_due_idx").on(t.reportDueDate),
  ],
);

/** Agencies' updates and coordinators' announcements share one table and one feed. */
export const postType = pgEnum("post_type", ["update", "announcement"]);
export const updateKind = pgEnum("update_kind", ["progress", "report_submitted", "lesson_learned", "question"]);

export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: postType("type").notNull(),
    /** For updates; null for announcements. */
    kind: updateKind("kind"),
    /** The organisation the update speaks for (the author's). */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    assignmentId: uuid("assignment_id").references(() => assignments.id),
    title: text("title").notNull(),
    /** Markdown as written, and the sanitised HTML rendered from it at save. */
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    pinned: boolean("pinned").notNull().default(false),
    important: boolean("important").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: uuid("deleted_by").references(() => users.id),
    search: tsvector("search").generatedAlwaysAs(
      (): SQL => sql`setweight(to_tsvector('swedish', coalesce(${posts.title}, '')), 'A') || setweight(to_tsvector('swedish', coalesce(${posts.body}, '')), 'B')`,
    ),
  },
  (t) => [
    index("posts_search_idx").using("gin", t.search).with({ fastupdate: false }),
    index("posts_organisation_idx").on(t.organisationId, t.createdAt),
    index("posts_assignment_idx").on(t.assignmentId),
    index("posts_created_idx").on(t.createdAt, t.id),
    // The few pinned announcements head a feed; without this, finding them read every post.
    index("posts_pinned_idx").on(t.id).where(sql`${t.pinned} and ${t.deletedAt} is null`),
    check("posts_kind_matches_type", sql`(${t.type} = 'update') = (${t.kind} is not null)`),
  ],
);

/** The networks a post was published to (an update may go to several). */
export const postNetworks = pgTable(
  "post_networks",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    /** Copied from the post so the feed is one index range scan per network. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.networkId] }),
    index("post_networks_feed_idx").on(t.networkId, t.createdAt, t.postId),
  ],
);

/** Earlier texts of an edited post: who changed it and when. */
export const postRevisions = pgTable(
  "post_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    editedBy: uuid("edited_by")
      .notNull()
      .references(() => users.id),
    editedAt: timestamp("edited_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("post_revisions_post_version_key").on(t.postId, t.version)],
);

/** Comments, with one level of replies (a reply's parent is a top-level comment). */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => comments.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("comments_post_idx").on(t.postId, t.createdAt)],
);

/** What a person has read: an item without a row here is shown as unread. */
export const postReads = pgTable(
  "post_reads",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.postId] })],
);

export const notificationKind = pgEnum("notification_kind", [
  "announcement",
  "comment",
  "reply",
  "meeting_scheduled",
  "minutes_published",
  "poll_opened",
]);

/**
 * In-app notifications. They point at what they are about; the list re-checks that the
 * person may still see it, so a notification never outlives access.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    meetingId: uuid("meeting_id").references(() => meetings.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    check("notifications_subject", sql`(${t.postId} is not null) <> (${t.meetingId} is not null)`),
  ],
);

/** Personal access tokens for the API: only a SHA-256 of the token is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The first characters, shown so people can tell their tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

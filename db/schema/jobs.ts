import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const jobStatus = pgEnum("job_status", ["pending", "done", "failed"]);

/**
 * Durable jobs (meeting reminders, later digests). A job is claimed inside the
 * transaction that does its work (FOR UPDATE SKIP LOCKED), so with any number of
 * instances it runs once; `key` keeps the same job from being queued twice.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: jobStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("jobs_key_key").on(t.key), index("jobs_due_idx").on(t.status, t.runAt)],
);

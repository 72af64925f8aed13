/**
 * A small durable job runner on PostgreSQL. Each job runs in the transaction that claims
 * it (FOR UPDATE SKIP LOCKED): the work and the "done" mark commit together, and a
 * second instance skips a job that is being worked on. Failures retry with back-off.
 */
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { jobs } from "../../db/schema/index";
import { type Database, db } from "./db.server";
import { log } from "./log.server";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type JobHandler = (tx: Tx, payload: Record<string, unknown>, now: Date) => Promise<void>;

const handlers = new Map<string, JobHandler>();
const MAX_ATTEMPTS = 6;

export function registerJob(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

/** Queues a job unless one with the same key exists. */
export async function scheduleJob(
  executor: Pick<Database, "insert">,
  job: { kind: string; key: string; runAt: Date; payload: Record<string, unknown> },
): Promise<void> {
  await executor.insert(jobs).values(job).onConflictDoNothing({ target: jobs.key });
}

/** Runs due jobs one by one until none is due; returns how many completed. */
export async function runDueJobs(now = new Date(), limit = 100): Promise<number> {
  let done = 0;
  for (let i = 0; i < limit; i++) {
    let claimedId: number | null = null;
    try {
      const ran = await db.transaction(async (tx) => {
        const [job] = await tx
          .select()
          .from(jobs)
          .where(and(eq(jobs.status, "pending"), lte(jobs.runAt, now)))
          .orderBy(asc(jobs.runAt))
          .limit(1)
          .for("update", { skipLocked: true });
        if (!job) return false;
        claimedId = job.id;
        const handler = handlers.get(job.kind);
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler(tx, job.payload, now);
        await tx.update(jobs).set({ status: "done", doneAt: now, attempts: job.attempts + 1 }).where(eq(jobs.id, job.id));
        return true;
      });
      if (!ran) return done;
      done++;
    } catch (error) {
      if (claimedId === null) throw error;
      const message = error instanceof Error ? error.message : String(error);
      log.warn("job failed", { id: claimedId, error: message.slice(0, 200) });
      await db
        .update(jobs)
        .set({
          attempts: sql`${jobs.attempts} + 1`,
          lastError: message.slice(0, 500),
          status: sql`case when ${jobs.attempts} + 1 >= ${MAX_ATTEMPTS} then 'failed'::job_status else 'pending'::job_status end`,
          // 1, 2, 4, … minutes after each failure.
          runAt: sql`${now.toISOString()}::timestamptz + interval '1 minute' * power(2, ${jobs.attempts})`,
        })
        .where(eq(jobs.id, claimedId));
    }
  }
  return done;
}

export function startJobRunner(intervalMs = Number(process.env.JOBS_POLL_MS ?? 30_000)): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = runDueJobs()
      .catch((error: unknown) => log.error("job runner pass failed", { error: String(error) }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, 2000);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/**
 * Sign-in throttling with fixed-window counters in PostgreSQL, so that every instance
 * behind a load balancer counts the same failures.
 */
import { and, gt, inArray, sql } from "drizzle-orm";
import { throttleCounters } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { config } from "~/lib/config.server";

export interface ThrottleKey {
  key: string;
  maxFailures: number;
}

export function loginThrottleKeys(email: string, ip: string): ThrottleKey[] {
  return [
    { key: `login:account:${email.trim().toLowerCase()}`, maxFailures: config.loginMaxFailuresPerAccount },
    { key: `login:address:${ip}`, maxFailures: config.loginMaxFailuresPerAddress },
  ];
}

/** The latest moment any of the keys is blocked until, or null when none is. */
export async function blockedUntil(keys: ThrottleKey[], now = new Date()): Promise<Date | null> {
  const rows = await db
    .select({ blockedUntil: throttleCounters.blockedUntil })
    .from(throttleCounters)
    .where(
      and(
        inArray(
          throttleCounters.key,
          keys.map((k) => k.key),
        ),
        gt(throttleCounters.blockedUntil, now),
      ),
    );
  const times = rows.map((r) => r.blockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/** Counts one failure on each key; returns when the caller is blocked until, if now blocked. */
export async function recordFailure(keys: ThrottleKey[], now = new Date()): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - config.loginWindowMs);
  const blockEnd = new Date(now.getTime() + config.loginBlockMs);
  // ISO strings with explicit casts: both drivers then agree on the parameter types.
  const ws = windowStart.toISOString();
  const nowIso = now.toISOString();
  const endIso = blockEnd.toISOString();
  let latest: Date | null = null;
  for (const { key, maxFailures } of keys) {
    // One atomic statement: concurrent failures on two instances cannot lose a count.
    const [row] = await db
      .insert(throttleCounters)
      .values({ key, failures: 1, windowStartedAt: now, blockedUntil: maxFailures <= 1 ? blockEnd : null })
      .onConflictDoUpdate({
        target: throttleCounters.key,
        set: {
          failures: sql`case when ${throttleCounters.windowStartedAt} < ${ws}::timestamptz then 1 else ${throttleCounters.failures} + 1 end`,
          windowStartedAt: sql`case when ${throttleCounters.windowStartedAt} < ${ws}::timestamptz then ${nowIso}::timestamptz else ${throttleCounters.windowStartedAt} end`,
          blockedUntil: sql`case
            when (case when ${throttleCounters.windowStartedAt} < ${ws}::timestamptz then 1 else ${throttleCounters.failures} + 1 end) >= ${maxFailures}::int
            then ${endIso}::timestamptz else ${throttleCounters.blockedUntil} end`,
        },
      })
      .returning({ blockedUntil: throttleCounters.blockedUntil });
    if (row?.blockedUntil && row.blockedUntil > now && (!latest || row.blockedUntil > latest)) latest = row.blockedUntil;
  }
  return latest;
}

export async function resetKey(key: string): Promise<void> {
  await db.delete(throttleCounters).where(inArray(throttleCounters.key, [key]));
}

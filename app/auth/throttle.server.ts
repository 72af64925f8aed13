/**
 * Sign-in throttling with fixed-window counters in PostgreSQL, so that every instance
 * behind a load balancer counts the same failures.
 */
import { and, gt, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { throttleCounters } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { config } from "~/lib/config.server";

export interface ThrottleKey {
  key: string;
  maxFailures: number;
}

/** Wrong second factors given with the right password while the account is blocked. */
export function secondFactorThrottleKey(email: string): ThrottleKey {
  return { key: `login:second-factor:${email.trim().toLowerCase()}`, maxFailures: config.loginMaxFailuresPerAccount };
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

/**
 * Counts one failure on each key; returns when the caller is blocked until, if now blocked.
 *
 * The `maxFailures`-th failure in a window blocks for LOGIN_BLOCK_MINUTES, and every
 * further failure (one per block, since blocked attempts are refused before they count)
 * doubles the block up to LOGIN_BLOCK_MAX_MINUTES: delays grow, but nobody is locked
 * out for good. The count is forgotten one window after the last block ended, or after
 * a window without enough failures to block.
 */
export async function recordFailure(keys: ThrottleKey[], now = new Date()): Promise<Date | null> {
  // ISO strings with explicit casts: both drivers then agree on the parameter types.
  const ws = new Date(now.getTime() - config.loginWindowMs).toISOString();
  const nowIso = now.toISOString();
  const t = throttleCounters;
  const stale = sql`coalesce(${t.blockedUntil}, ${t.windowStartedAt}) < ${ws}::timestamptz`;
  const failures = sql`(case when ${stale} then 1 else ${t.failures} + 1 end)`;
  let latest: Date | null = null;
  for (const { key, maxFailures } of keys) {
    const blockFor = (n: SQL | number) =>
      sql`${nowIso}::timestamptz + least(${config.loginBlockMs}::float8 * power(2, ${n} - ${maxFailures}::int), ${config.loginBlockMaxMs}::float8) * interval '1 millisecond'`;
    // One atomic statement: concurrent failures on two instances cannot lose a count.
    const [row] = await db
      .insert(t)
      .values({
        key,
        failures: 1,
        windowStartedAt: now,
        blockedUntil: maxFailures <= 1 ? sql`${blockFor(1)}` : null,
      })
      .onConflictDoUpdate({
        target: t.key,
        set: {
          failures,
          windowStartedAt: sql`case when ${stale} then ${nowIso}::timestamptz else ${t.windowStartedAt} end`,
          blockedUntil: sql`case when ${failures} >= ${maxFailures}::int then ${blockFor(failures)}
                                 when ${stale} then null else ${t.blockedUntil} end`,
        },
      })
      .returning({ blockedUntil: t.blockedUntil });
    if (row?.blockedUntil && row.blockedUntil > now && (!latest || row.blockedUntil > latest)) latest = row.blockedUntil;
  }
  return latest;
}

export async function resetKey(key: string): Promise<void> {
  await db.delete(throttleCounters).where(inArray(throttleCounters.key, [key]));
}

/**
 * The blocks among the keys not yet written to the audit log, marked as written in the
 * same statement: of many attempts refused during one block (on any instance), exactly
 * one gets each block back and audits it.
 */
export async function claimBlocksToAudit(keys: ThrottleKey[], now = new Date()): Promise<{ key: string; blockedUntil: Date }[]> {
  const t = throttleCounters;
  const rows = await db
    .update(t)
    .set({ auditedBlockUntil: sql`${t.blockedUntil}` })
    .where(
      and(
        inArray(
          t.key,
          keys.map((k) => k.key),
        ),
        gt(t.blockedUntil, now),
        or(isNull(t.auditedBlockUntil), ne(t.auditedBlockUntil, t.blockedUntil)),
      ),
    )
    .returning({ key: t.key, blockedUntil: t.blockedUntil });
  return rows.map((r) => ({ key: r.key, blockedUntil: r.blockedUntil! }));
}

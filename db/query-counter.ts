/**
 * Counts the SQL statements one request (or any piece of work) sends, through Drizzle's
 * logger hook, for both drivers. The request log reports the count for every request;
 * the benchmark and the tests use it to prove that a page costs a fixed number of
 * queries however much data it shows.
 *
 * With `capture` set, the statements themselves are kept too, grouped by the event-loop
 * turn they were issued in: queries sent together (Promise.all) share a group, a query
 * that waited for an earlier answer starts a new one. The benchmark's bare baseline
 * server replays exactly these groups (bench/baseline.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "drizzle-orm/logger";

export interface CapturedQuery {
  group: number;
  sql: string;
  params: unknown[];
}

export interface QueryTally {
  count: number;
  capture?: CapturedQuery[];
}

const tallies = new AsyncLocalStorage<QueryTally>();

// The group number advances once per event-loop turn in which a query was issued.
let group = 0;
let advanceScheduled = false;
function currentGroup(): number {
  if (!advanceScheduled) {
    advanceScheduled = true;
    setImmediate(() => {
      group++;
      advanceScheduled = false;
    });
  }
  return group;
}

export const queryCounter: Logger = {
  logQuery(query: string, params: unknown[]) {
    const tally = tallies.getStore();
    if (!tally) return;
    tally.count++;
    tally.capture?.push({ group: currentGroup(), sql: query, params });
  },
};

/** Runs `fn` with a fresh tally; everything it awaits counts towards it. */
export function withQueryTally<T>(tally: QueryTally, fn: () => T): T {
  return tallies.run(tally, fn);
}

/** Runs `fn` and answers its result with the number of statements it sent. */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const tally: QueryTally = { count: 0 };
  const result = await withQueryTally(tally, fn);
  return { result, queries: tally.count };
}

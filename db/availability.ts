/**
 * What keeps the portal answering when PostgreSQL does not: a bounded wait for a pooled
 * connection, and one rule for which errors mean "the database is unavailable right now"
 * (answered 503, see app/lib/unavailable.server.ts) rather than "the code is wrong" (500).
 *
 * postgres.js has no acquire timeout: when every connection is busy, a query waits in its
 * queue for as long as it takes, and so does the request behind it. The gate in front of
 * the pool hands out one permit per connection (a plain query holds one while it runs, a
 * transaction for its whole length) and refuses, after a few seconds' wait, with a
 * DatabaseBusyError. Only the wait is bounded: a query or a transaction that has started
 * may take as long as it needs (a long upload, a big export).
 */
import type { Sql } from "postgres";

export class DatabaseBusyError extends Error {
  readonly code = "POOL_TIMEOUT";
  constructor(waitedMs: number) {
    super(`no database connection became free within ${waitedMs} ms`);
    this.name = "DatabaseBusyError";
  }
}

// Node's socket errors and postgres.js's own connection errors.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "POOL_TIMEOUT",
]);

/**
 * SQLSTATEs of a server that is going away, starting up or full: class 08 (connection
 * exception), 57P01 admin_shutdown (a restart), 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up, shutting down, in recovery) and 53300
 * too_many_connections.
 */
function isUnavailableSqlState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300";
}

/**
 * The code that makes `error` a database-unavailable error, or null. Follows `cause`
 * (Drizzle wraps driver errors in DrizzleQueryError) and AggregateError's `errors` (Node
 * tries IPv6 and IPv4 and reports both refusals).
 */
export function unavailableCode(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 5) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || isUnavailableSqlState(code))) return code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const found = unavailableCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return unavailableCode((error as { cause?: unknown }).cause, depth + 1);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableCode(error) !== null;
}

export interface Gate {
  /** Runs `work` while holding a permit; rejects with DatabaseBusyError when none frees up in time. */
  run<T>(work: () => PromiseLike<T>): Promise<T>;
  readonly inUse: number;
  readonly waiting: number;
}

export function createGate(permits: number, timeoutMs: number): Gate {
  let inUse = 0;
  const waiters: (() => void)[] = [];

  function acquire(): Promise<void> {
    if (inUse < permits) {
      inUse++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const at = waiters.indexOf(grant);
        if (at >= 0) waiters.splice(at, 1);
        reject(new DatabaseBusyError(timeoutMs));
      }, timeoutMs);
      timer.unref();
      waiters.push(grant);
    });
  }

  function release() {
    // The permit passes straight to the longest waiter, so nobody can jump the queue.
    const next = waiters.shift();
    if (next) next();
    else inUse--;
  }

  return {
    async run(work) {
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    get inUse() {
      return inUse;
    },
    get waiting() {
      return waiters.length;
    },
  };
}

type Unsafe = Sql["unsafe"];

/**
 * The postgres.js client as Drizzle sees it, with every top-level query and transaction
 * passing the gate. Drizzle uses `unsafe(…)` (awaited, sometimes after `.values()`) and
 * `begin(…)`; queries inside a transaction run on its reserved connection and need no
 * further permit. Everything else is the client itself.
 */
export function gateClient(client: Sql, gate: Gate): Sql {
  const unsafe = (...args: Parameters<Unsafe>) => {
    let values = false;
    let running: Promise<unknown> | undefined;
    // postgres.js queries are lazy (they run when awaited); so is this one.
    const run = () =>
      (running ??= gate.run(() => {
        const query = client.unsafe(...args);
        return values ? query.values() : query;
      }));
    const pending = {
      values() {
        values = true;
        return pending;
      },
      then<A, B>(onFulfilled?: (value: unknown) => A | PromiseLike<A>, onRejected?: (reason: unknown) => B | PromiseLike<B>) {
        return run().then(onFulfilled, onRejected);
      },
      catch<B>(onRejected?: (reason: unknown) => B | PromiseLike<B>) {
        return run().catch(onRejected);
      },
      finally(onFinally?: () => void) {
        return run().finally(onFinally);
      },
    };
    return pending;
  };
  const begin = (...args: unknown[]) => gate.run(() => (client.begin as (...a: unknown[]) => Promise<unknown>)(...args));
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") return unsafe;
      if (property === "begin") return begin;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

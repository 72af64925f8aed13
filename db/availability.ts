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
 *
 * It also shields transactions from a postgres.js bug that crashes the process when
 * PostgreSQL restarts (see guardClient).
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

/** Errors after which the connection is gone: PostgreSQL closed it, or the socket broke. */
function connectionLost(error: unknown): boolean {
  const code = unavailableCode(error);
  return code !== null && (/^08/.test(code) || ["57P01", "57P02", "CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECTION_ENDED", "ECONNRESET", "EPIPE", "ECONNABORTED"].includes(code));
}

const never = () => new Promise<never>(() => {});

/**
 * PostgreSQL's "terminating connection" (57P01 restart, 57P02 crash of another backend).
 * postgres.js 3.4 keeps that error of a connection that was closed while a statement
 * ran and replays it onto the first statement after the pool has reconnected
 * (porsager/postgres#1223), which then fails although the server is back. Such a
 * statement never ran, and one that really met 57P01 was aborted, not committed: either
 * way it is safe to send once more.
 */
function terminated(error: unknown): boolean {
  const code = unavailableCode(error);
  return code === "57P01" || code === "57P02";
}

/**
 * `unsafe(…)` for Drizzle, run through `run` when awaited: postgres.js queries are lazy
 * (they run when awaited, after Drizzle may have called `.values()`), and so is this.
 */
function lazyUnsafe(run: (query: () => PromiseLike<unknown>) => Promise<unknown>, unsafe: Unsafe) {
  return (...args: Parameters<Unsafe>) => {
    let values = false;
    let running: Promise<unknown> | undefined;
    const start = () =>
      (running ??= run(() => {
        const query = unsafe(...args);
        return values ? query.values() : query;
      }));
    const pending = {
      values() {
        values = true;
        return pending;
      },
      then<A, B>(onFulfilled?: (value: unknown) => A | PromiseLike<A>, onRejected?: (reason: unknown) => B | PromiseLike<B>) {
        return start().then(onFulfilled, onRejected);
      },
      catch<B>(onRejected?: (reason: unknown) => B | PromiseLike<B>) {
        return start().catch(onRejected);
      },
      finally(onFinally?: () => void) {
        return start().finally(onFinally);
      },
    };
    return pending;
  };
}

/**
 * The postgres.js client as Drizzle sees it. Drizzle uses `unsafe(…)` (awaited, sometimes
 * after `.values()`) and `begin(…)`; everything else is the client itself.
 *
 * With a gate, every top-level query and transaction first takes a permit (queries
 * inside a transaction run on its reserved connection and need none).
 *
 * Every transaction is also shielded from a postgres.js 3.4 bug that kills the process
 * (porsager/postgres#1154, #1208): once PostgreSQL has closed a transaction's connection
 * (a restart), any further write to it — the next statement, ROLLBACK or COMMIT — throws
 * "Cannot read properties of null (reading 'write')" from a setImmediate, out of reach
 * of any catch. So once the connection is known to be lost (a statement or the
 * transaction failed with a connection error), the transaction's further statements are
 * refused without reaching postgres.js, and its callback is left pending instead of
 * settling, so postgres.js sends neither ROLLBACK nor COMMIT. The transaction itself
 * still rejects (CONNECTION_CLOSED, answered 503), and PostgreSQL has rolled it back
 * already. Remove this once postgres.js guards that write.
 */
export function guardClient(client: Sql, gate: Gate | null, options: { prepare?: boolean } = {}): Sql {
  // Drizzle asks postgres.js for an unnamed statement unless a query was built with
  // `.prepare(name)`: PostgreSQL then parses and plans it on every run, and postgres.js
  // spends a round trip describing it first. Named statements are parsed once per
  // connection and sent as Bind/Execute after that (see docs/decisions/008-…).
  const prepared = (unsafe: Unsafe): Unsafe =>
    options.prepare ? (((text, params, opts) => unsafe(text, params, { ...opts, prepare: true })) as Unsafe) : unsafe;
  const through = <T>(work: () => PromiseLike<T>): Promise<T> => (gate ? gate.run(work) : Promise.resolve(work()));
  const unsafe = lazyUnsafe(
    (query) => through(() => Promise.resolve(query()).catch((error: unknown) => (terminated(error) ? query() : Promise.reject(error)))),
    prepared(client.unsafe.bind(client)),
  );
  const begin = (...args: unknown[]): Promise<unknown> => {
    const callback = args.pop() as (tx: unknown) => unknown;
    let entered = false;
    let lost: unknown = null;
    const noteLoss = (error: unknown) => {
      if (!lost && connectionLost(error)) lost = error;
    };
    // The transaction's own client, as Drizzle's transaction session uses it.
    const guardTx = (tx: Sql) => {
      const txUnsafe = lazyUnsafe(async (query) => {
        if (lost) throw lost;
        try {
          return await query();
        } catch (error) {
          noteLoss(error);
          throw error;
        }
      }, prepared(tx.unsafe.bind(tx)));
      return new Proxy(tx, {
        get: (target, property, receiver) => (property === "unsafe" ? txUnsafe : (Reflect.get(target, property, receiver) as unknown)),
      });
    };
    const guarded = (tx: Sql) =>
      Promise.resolve()
        .then(() => {
          entered = true;
          return callback(guardTx(tx));
        })
        .then(
          (value) => (lost ? never() : value),
          (error: unknown) => {
            noteLoss(error);
            if (lost) return never();
            throw error;
          },
        );
    const start = () => {
      const transaction = (client.begin as (...a: unknown[]) => Promise<unknown>)(...args, guarded);
      // The transaction rejects as soon as its connection closes, even while the
      // callback waits for something else (a file, a hash).
      transaction.catch(noteLoss);
      return transaction;
    };
    return through(() =>
      start().catch((error: unknown) => {
        // BEGIN itself met a replayed 57P01: nothing ran yet, so begin again (once).
        if (entered || !terminated(error)) throw error;
        lost = null;
        return start();
      }),
    );
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") return unsafe;
      if (property === "begin") return begin;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

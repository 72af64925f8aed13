import { sql } from "drizzle-orm";
import postgres from "postgres";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, inject, it } from "vitest";
import { createGate, DatabaseBusyError, isDatabaseUnavailable, unavailableCode } from "./availability";
import { createConnection } from "./client";

const serverUrl = inject("serverUrl");

function withCode(code: string, message = "boom") {
  return Object.assign(new Error(message), { code });
}

describe("unavailableCode", () => {
  it("recognises a server that is down, restarting, full or out of reach", () => {
    expect(unavailableCode(withCode("ECONNREFUSED"))).toBe("ECONNREFUSED");
    expect(unavailableCode(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]))).toBe("ECONNREFUSED");
    expect(unavailableCode(withCode("CONNECTION_CLOSED"))).toBe("CONNECTION_CLOSED");
    expect(unavailableCode(withCode("CONNECT_TIMEOUT"))).toBe("CONNECT_TIMEOUT");
    expect(unavailableCode(withCode("57P01", "terminating connection due to administrator command"))).toBe("57P01");
    expect(unavailableCode(withCode("57P03", "the database system is starting up"))).toBe("57P03");
    expect(unavailableCode(withCode("08006"))).toBe("08006");
    expect(unavailableCode(withCode("53300", "sorry, too many clients already"))).toBe("53300");
    expect(unavailableCode(new DatabaseBusyError(5000))).toBe("POOL_TIMEOUT");
    // Drizzle wraps the driver's error; the code is on the cause.
    expect(unavailableCode(new DrizzleQueryError("select 1", [], withCode("57P01")))).toBe("57P01");
  });

  it("leaves the app's own mistakes and data conflicts alone", () => {
    expect(isDatabaseUnavailable(new Error("undefined is not a function"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("23505", "duplicate key value"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("42P01", "relation does not exist"))).toBe(false);
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], withCode("22P02")))).toBe(false);
    expect(isDatabaseUnavailable(new Response(null, { status: 404 }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe("the connection gate", () => {
  it("refuses after the wait when every permit is held, and serves in order once one frees", async () => {
    const gate = createGate(1, 150);
    let release!: () => void;
    const holding = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const started = Date.now();
    await expect(gate.run(async () => "never")).rejects.toBeInstanceOf(DatabaseBusyError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(1000);

    const order: string[] = [];
    const second = gate.run(async () => order.push("second"));
    const third = gate.run(async () => order.push("third"));
    expect(gate.waiting).toBe(2);
    release();
    await Promise.all([holding, second, third]);
    expect(order).toEqual(["second", "third"]);
    expect(gate.inUse).toBe(0);
  });

  it("releases the permit when the work fails", async () => {
    const gate = createGate(1, 100);
    await expect(gate.run(() => Promise.reject(new Error("failed")))).rejects.toThrow("failed");
    expect(await gate.run(async () => "next")).toBe("next");
  });

  it.skipIf(!serverUrl)("bounds the wait for a PostgreSQL connection, never a query that has started", async () => {
    const connection = createConnection({ databaseUrl: process.env.DATABASE_URL, poolMax: 1, acquireTimeoutMs: 500 });
    try {
      // The only connection is held by a transaction that takes longer than the wait.
      const long = connection.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_sleep(1.2)`);
        return "finished";
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      const refused = await connection.db.execute(sql`select 1`).then(
        () => null,
        (error: unknown) => error,
      );
      const waited = Date.now() - started;
      // Drizzle wraps it in its DrizzleQueryError; the cause is ours.
      expect((refused as Error).cause).toBeInstanceOf(DatabaseBusyError);
      expect(unavailableCode(refused)).toBe("POOL_TIMEOUT");
      expect(waited).toBeGreaterThanOrEqual(450);
      expect(waited).toBeLessThan(1100);
      expect(await long).toBe("finished");
      // And the pool serves again.
      const rows = (await connection.db.execute(sql`select 41 + 1 as n`)) as unknown as { n: number }[];
      expect(rows[0]!.n).toBe(42);
    } finally {
      await connection.close();
    }
  });

  it.skipIf(!serverUrl)("survive PostgreSQL closing a transaction's connection mid-way (postgres.js#1208 crashed the process)", async () => {
    const connection = createConnection({ databaseUrl: process.env.DATABASE_URL, poolMax: 3 });
    const killer = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    // Vitest would report it too, but only after the test; this makes the test itself fail.
    process.prependListener("uncaughtException", onUncaught);
    try {
      const terminate = (pid: number) => killer`select pg_terminate_backend(${pid})`.execute();
      const pidOf = async (tx: { execute: (q: ReturnType<typeof sql>) => Promise<unknown> }) =>
        ((await tx.execute(sql`select pg_backend_pid() as pid`)) as { pid: number }[])[0]!.pid;
      // Closed while a statement runs: postgres.js would write ROLLBACK to the dead socket…
      const duringStatement = connection.db.transaction(async (tx) => {
        const pid = await pidOf(tx);
        setTimeout(() => void terminate(pid), 150);
        await tx.execute(sql`select pg_sleep(3)`);
      });
      // …or COMMIT, when the work after the last statement outlives the connection…
      const beforeCommit = connection.db.transaction(async (tx) => {
        const pid = await pidOf(tx);
        await terminate(pid);
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      // …or the next statement, when other work between two statements does.
      const beforeNextStatement = connection.db.transaction(async (tx) => {
        const pid = await pidOf(tx);
        await terminate(pid);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.execute(sql`select 1`);
      });
      const outcomes = await Promise.allSettled([duringStatement, beforeCommit, beforeNextStatement]);
      for (const outcome of outcomes) {
        expect(outcome.status).toBe("rejected");
        expect(isDatabaseUnavailable((outcome as PromiseRejectedResult).reason)).toBe(true);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(uncaught.map(String)).toEqual([]);
      // The pool reconnects, and transactions work again.
      const rows = await connection.db.transaction(async (tx) => (await tx.execute(sql`select 7 as n`)) as unknown as { n: number }[]);
      expect(rows[0]!.n).toBe(7);
    } finally {
      process.removeListener("uncaughtException", onUncaught);
      await killer.end();
      await connection.close();
    }
  });

  it.skipIf(!serverUrl)("do not fail the first statement after a reconnect with the closed connection's 57P01 (postgres.js#1223)", async () => {
    const connection = createConnection({ databaseUrl: process.env.DATABASE_URL, poolMax: 1 });
    const killer = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      for (const next of [
        () => connection.db.execute(sql`select 1 as n`),
        () => connection.db.transaction(async (tx) => tx.execute(sql`select 1 as n`)),
      ]) {
        const pid = ((await connection.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[])[0]!.pid;
        const running = connection.db.execute(sql`select pg_sleep(3)`).then(
          () => "finished",
          (error: unknown) => unavailableCode(error),
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        await killer`select pg_terminate_backend(${pid})`;
        expect(await running).toBe("CONNECTION_CLOSED");
        // postgres.js would reject this one with the old backend's "terminating connection".
        const rows = (await next()) as unknown as { n: number }[];
        expect(rows[0]!.n).toBe(1);
      }
    } finally {
      await killer.end();
      await connection.close();
    }
  });
});

import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { configFromEnv, createConnection, MIGRATIONS_DIR } from "./client";
import { users } from "./schema/index";

const serverUrl = inject("serverUrl");
const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as {
  entries: unknown[];
};

describe("migrations", () => {
  it.skipIf(!serverUrl)("apply once when two instances start together on one PostgreSQL", async () => {
    const name = `np_migrate_${Date.now()}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const a = createConnection({ databaseUrl: url.toString(), poolMax: 1 });
    const b = createConnection({ databaseUrl: url.toString(), poolMax: 1 });
    try {
      await Promise.all([a.migrate(), b.migrate()]);
      const check = postgres(url.toString(), { max: 1 });
      const rows = await check`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const tables = await check`select count(*)::int as n from pg_tables where schemaname = 'public'`;
      await check.end();
      expect(rows[0]!.n).toBe(journal.entries.length);
      expect(tables[0]!.n).toBeGreaterThanOrEqual(7);
    } finally {
      await a.close();
      await b.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it("bring an empty embedded database to the same schema", async () => {
    const embedded = createConnection({ dataDir: "memory://" });
    try {
      await embedded.migrate();
      await embedded.migrate(); // a second start finds nothing to do
      await embedded.ping();
    } finally {
      await embedded.close();
    }
  });
});

describe("statements on PostgreSQL", () => {
  // What the connection's own session has prepared, asked on that same connection (one in the pool).
  const preparedTexts = async (connection: ReturnType<typeof createConnection>) =>
    ((await connection.db.execute(sql`select statement from pg_prepared_statements`)) as unknown as { statement: string }[]).map((r) => r.statement);

  it.skipIf(!serverUrl)("are named and parsed once per connection, in and out of transactions", async () => {
    const connection = createConnection({ databaseUrl: process.env.DATABASE_URL, poolMax: 1 });
    try {
      const find = (id: string) => connection.db.select({ id: users.id }).from(users).where(eq(users.id, id));
      for (let i = 0; i < 3; i++) await find("00000000-0000-0000-0000-000000000000");
      // In a transaction too (a statement without parameters goes by the simple protocol, unnamed).
      await connection.db.transaction(async (tx) => tx.select({ n: sql<number>`count(*)` }).from(users).where(eq(users.status, "active")));
      const texts = await preparedTexts(connection);
      expect(texts.filter((t) => t.includes('from "users" where "users"."id" = $1'))).toHaveLength(1);
      expect(texts.filter((t) => t.includes('select count(*) from "users" where "users"."status" = $1'))).toHaveLength(1);
    } finally {
      await connection.close();
    }
  });

  it.skipIf(!serverUrl)("stay unnamed when DATABASE_PREPARED_STATEMENTS=false (for a pooler in transaction mode)", async () => {
    const config = configFromEnv({ ...process.env, DATABASE_PREPARED_STATEMENTS: "false" });
    expect(config.preparedStatements).toBe(false);
    const connection = createConnection({ ...config, poolMax: 1 });
    try {
      await connection.db.select({ id: users.id }).from(users).where(eq(users.id, "00000000-0000-0000-0000-000000000000"));
      // (postgres.js's own start-up query for array types is always named.)
      expect((await preparedTexts(connection)).filter((t) => t.includes('"users"'))).toEqual([]);
    } finally {
      await connection.close();
    }
  });
});

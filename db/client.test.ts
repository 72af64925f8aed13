import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { createConnection, MIGRATIONS_DIR } from "./client";

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

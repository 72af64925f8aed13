import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { connection } from "~/lib/db.server";
import { loader } from "./healthz";

const serverUrl = inject("serverUrl");
const dbName = new URL(process.env.DATABASE_URL ?? "postgres://x/none").pathname.slice(1);

async function health() {
  const response = await loader();
  return { status: response.status, body: await response.json() };
}

describe("/healthz", () => {
  it("answers ok while the database answers", async () => {
    expect(await health()).toEqual({ status: 200, body: { status: "ok" } });
  });

  it.skipIf(!serverUrl)("answers 503 while PostgreSQL refuses connections, and recovers by itself", async () => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`alter database ${dbName} allow_connections false`);
      await admin.unsafe(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${dbName}'`);
      const down = await health();
      expect(down.status).toBe(503);
      expect(down.body.status).toBe("unavailable");
    } finally {
      await admin.unsafe(`alter database ${dbName} allow_connections true`);
      await admin.end();
    }
    expect(await health()).toEqual({ status: 200, body: { status: "ok" } });
  });

  it.skipIf(Boolean(serverUrl))("answers 503 once the embedded database is closed", async () => {
    await connection.close();
    expect((await health()).status).toBe(503);
  });
});

/**
 * Runs in each test file before it is imported: points the app's connection module
 * at a database of the file's own, migrated by the production migrations.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { withDatabase } from "./global-setup";

const serverUrl = inject("serverUrl");
const templateDb = inject("templateDb");
const dbName = `np_test_${randomBytes(6).toString("hex")}`;

if (serverUrl) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName} template ${templateDb}`);
  await admin.end();
  process.env.DATABASE_URL = withDatabase(serverUrl, dbName);
} else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = "memory://";
}

beforeAll(async () => {
  const { connection } = await import("~/lib/db.server");
  await connection.migrate();
});

afterAll(async () => {
  const { connection } = await import("~/lib/db.server");
  await connection.close();
  if (serverUrl) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
});

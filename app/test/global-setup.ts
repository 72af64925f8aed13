/**
 * Integration tests run on a real PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL)
 * is set: a template database is built once through the production migrations, and
 * every test file gets its own copy (CREATE DATABASE … TEMPLATE). Without a server,
 * every test file gets a fresh in-memory PGlite instead.
 */
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { createConnection, withDatabase } from "../../db/client";

// One template per run, so that two runs on the same server (two checkouts, CI beside a
// developer) never drop each other's template.
const TEMPLATE_DB = `np_test_template_${process.pid}`;

export { withDatabase };

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
  project.provide("serverUrl", serverUrl);
  project.provide("templateDb", TEMPLATE_DB);
  if (!serverUrl) return;

  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
    const template = createConnection({ databaseUrl: withDatabase(serverUrl, TEMPLATE_DB), poolMax: 1 });
    await template.migrate();
    await template.close();
  } finally {
    await admin.end();
  }
  return async () => {
    const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await cleanup.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
    templateDb: string;
  }
}

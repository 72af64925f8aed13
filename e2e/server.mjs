// Starts the production build for the end-to-end tests on a database of its own:
// a fresh PostgreSQL database (seeded with `npm run db:seed`) when TEST_DATABASE_URL
// or DATABASE_URL is set, otherwise an embedded PGlite in a temporary folder, which
// the server seeds by itself on first start.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
const env = {
  ...process.env,
  PORT: process.env.E2E_PORT ?? "3100",
  HOST: "127.0.0.1",
  NODE_ENV: "production",
  // All of the suite signs in from 127.0.0.1: count per account, not per address.
  LOGIN_MAX_FAILURES_PER_ADDRESS: "10000",
};
delete env.DATABASE_URL;

if (serverUrl) {
  const name = `np_e2e_${env.PORT}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  const seeded = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "db/seed-cli.ts"], { env, stdio: "inherit" });
  if (seeded.status !== 0) process.exit(seeded.status ?? 1);
} else {
  env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "np-e2e-"));
}

const server = spawn(process.execPath, ["build/index.js"], { env, stdio: "inherit" });
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  if (env.DATA_DIR) fs.rmSync(env.DATA_DIR, { recursive: true, force: true });
  process.exit(code ?? 0);
});

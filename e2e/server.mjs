// Starts the production build for the end-to-end tests on a database of its own:
// a fresh PostgreSQL database (seeded with `npm run db:seed`) when TEST_DATABASE_URL
// or DATABASE_URL is set, otherwise an embedded PGlite in a temporary folder, which
// the server seeds by itself on first start.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
const env = {
  ...process.env,
  PORT: process.env.E2E_PORT ?? "3100",
  HOST: "127.0.0.1",
  NODE_ENV: "production",
  // Required in production on PostgreSQL: the origin of links in mail (the tests' baseURL).
  APP_ORIGIN: `http://127.0.0.1:${process.env.E2E_PORT ?? "3100"}`,
  // All of the suite signs in from 127.0.0.1: count per account, not per address.
  LOGIN_MAX_FAILURES_PER_ADDRESS: "10000",
};
delete env.DATABASE_URL;

// A real SMTP server for the portal's mail: every message is written to the mail folder,
// where the tests read it (see mailTo in fixtures.ts).
const mailDir = path.join(os.tmpdir(), `np-e2e-mail-${env.PORT}`);
fs.rmSync(mailDir, { recursive: true, force: true });
fs.mkdirSync(mailDir, { recursive: true });
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, _session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      const file = path.join(mailDir, `${Date.now()}-${String(++received).padStart(5, "0")}.eml`);
      fs.writeFileSync(`${file}.tmp`, Buffer.concat(chunks));
      fs.renameSync(`${file}.tmp`, file);
      callback();
    });
  },
});
await new Promise((resolve) => smtp.listen(0, "127.0.0.1", resolve));
env.SMTP_URL = `smtp://127.0.0.1:${smtp.server.address().port}`;
env.MAIL_POLL_MS = "500";
env.JOBS_POLL_MS = "1000";
// A small upload limit, so the tests can go over it quickly.
env.UPLOAD_MAX_MB = "5";
// Stored files in a folder of this run's own, which the tests can look into (filesDir in
// fixtures.ts) to prove that a refused or aborted upload leaves nothing behind.
const filesDir = path.join(os.tmpdir(), `np-e2e-files-${env.PORT}`);
fs.rmSync(filesDir, { recursive: true, force: true });
fs.mkdirSync(filesDir, { recursive: true });
env.FILES_DIR = filesDir;

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
  smtp.close();
  if (env.DATA_DIR) fs.rmSync(env.DATA_DIR, { recursive: true, force: true });
  fs.rmSync(filesDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});

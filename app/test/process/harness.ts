/**
 * Helpers for the process tests: the production build (`node build/index.js`) started as
 * a child process on a database of its own, plain HTTP against it, a private PostgreSQL
 * server that a test may stop and start, and an SMTP server that records what it gets.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type ParsedMail, simpleParser } from "mailparser";
import { Secret, TOTP } from "otpauth";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { withDatabase } from "../../../db/client";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../../db/seed-data";

export { DEMO_PASSWORD };
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const run = promisify(execFile);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export { withDatabase };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `wanted` when nothing listens on it, else a free port (a developer's server may hold 3001). */
export async function portOr(wanted: number): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(wanted, "127.0.0.1", () => server.close(() => resolve(true)));
  });
  return free ? wanted : freePort();
}

/** A new, empty database on the server; `drop` removes it again. */
export async function createDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
    },
  };
}

/** The demo data (`npm run db:seed`), with its library files in `filesDir`. */
export async function seedDemo(databaseUrl: string, filesDir: string): Promise<void> {
  await run(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "db/seed-cli.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, FILES_DIR: filesDir },
  });
}

/** A personal access token for the person, written straight into the database. */
export async function createToken(databaseUrl: string, email: string): Promise<string> {
  const token = `np_${randomBytes(32).toString("base64url")}`;
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`insert into api_tokens (user_id, name, token_hash, prefix)
              select id, 'process test', ${createHash("sha256").update(token).digest("hex")}, ${token.slice(0, 9)}
              from users where lower(email) = ${email}`;
  } finally {
    await sql.end();
  }
  return token;
}

export interface LogLine {
  level?: string;
  msg?: string;
  [field: string]: unknown;
}

export interface App {
  readonly origin: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Every JSON log line so far (stdout and stderr). */
  readonly lines: LogLine[];
  /** Lines that were not JSON (a crash's stack trace). */
  readonly raw: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  errors(): LogLine[];
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Starts `node build/index.js` and resolves once /healthz answers 200. `wrap` is a command
 * line the server is started through (its last argument is followed by node's path and the
 * script), e.g. to give it a mount namespace of its own.
 */
export async function startApp(options: { port?: number; env: Record<string, string>; waitMs?: number; wrap?: string[] }): Promise<App> {
  const port = options.port ?? (await freePort());
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "np-proc-"));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: process.env.TZ,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    // Required in production on PostgreSQL: the origin of links in mail.
    APP_ORIGIN: `http://127.0.0.1:${port}`,
    DATA_DIR: scratch,
    ...options.env,
  };
  const [command, ...args] = [...(options.wrap ?? []), process.execPath, "build/index.js"];
  const child = spawn(command!, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const collect = (stream: NodeJS.ReadableStream) => {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      rest += chunk;
      const parts = rest.split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) {
        if (!line.trim()) continue;
        try {
          lines.push(JSON.parse(line) as LogLine);
        } catch {
          raw.push(line);
        }
      }
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // "close", not "exit": by then every line the process wrote has been read.
    child.once("close", (code, signal) => {
      running.delete(child);
      fs.rmSync(scratch, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  const origin = `http://127.0.0.1:${port}`;
  const app: App = {
    origin,
    port,
    process: child,
    lines,
    raw,
    exited,
    errors: () => lines.filter((l) => l.level === "error"),
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + (options.waitMs ?? 60_000);
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    const status = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return app;
    await sleep(150);
  }
  await app.stop("SIGKILL");
  throw new Error(`the server on ${origin} did not become healthy:\n${[...raw, ...lines.map((l) => JSON.stringify(l))].slice(-30).join("\n")}`);
}

export interface Answer {
  status: number;
  ms: number;
  text: string;
  headers: Headers;
}

/** One HTTP request that never waits longer than `timeoutMs`; status 0 on a network error or a timeout. */
export async function request(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(url, { redirect: "manual", ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 15_000) });
    const text = await response.text();
    return { status: response.status, ms: performance.now() - started, text, headers: response.headers };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, text: String(error), headers: new Headers() };
  }
}

/** A form post from the portal's own page (Origin as a browser sends it). */
export function postForm(app: App, pathname: string, fields: Record<string, string>, cookie?: string, timeoutMs?: number) {
  return request(`${app.origin}${pathname}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.origin, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
    timeoutMs,
  });
}

/** `name=value` of the session cookie a response sets, or null. */
export function sessionCookieOf(answer: Answer): string | null {
  for (const line of answer.headers.getSetCookie()) {
    const [pair] = line.split(";");
    if (pair?.startsWith("np_session=") && pair.length > "np_session=".length) return pair;
  }
  return null;
}

/** Signs in through /login (and /login/mfa with the demo authenticator) and returns the session cookie. */
export async function signIn(app: App, email: string, password = DEMO_PASSWORD): Promise<string> {
  const answer = await postForm(app, "/login", { email, password });
  const cookie = sessionCookieOf(answer);
  if (answer.status !== 302 || !cookie) throw new Error(`sign-in of ${email} on ${app.origin} answered ${answer.status}`);
  if (!answer.headers.get("location")?.startsWith("/login/mfa")) return cookie;
  const code = new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET), digits: 6, period: 30 }).generate();
  const step = await postForm(app, "/login/mfa", { code, redirectTo: "/" }, cookie);
  const full = sessionCookieOf(step) ?? cookie;
  if (step.status !== 302) throw new Error(`the MFA step of ${email} answered ${step.status}`);
  return full;
}

/** A PostgreSQL server of the test's own, which it may stop and start. */
export interface PrivatePostgres {
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

async function findPgBin(): Promise<string | null> {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  const fromConfig = await run("pg_config", ["--bindir"]).then(
    (r) => r.stdout.trim(),
    () => "",
  );
  if (fromConfig) candidates.push(fromConfig);
  return candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) ?? null;
}

/**
 * initdb and pg_ctl in a temporary folder, on a free port. PostgreSQL refuses to run as
 * root, so as root the server runs as the `postgres` user. Null (and a reason) when this
 * machine cannot do it.
 */
export async function startPrivatePostgres(): Promise<{ pg: PrivatePostgres | null; reason: string }> {
  const bin = await findPgBin();
  if (!bin) return { pg: null, reason: "initdb/pg_ctl not found (set PG_BINDIR)" };
  let owner: { uid: number; gid: number } | null = null;
  if (process.getuid?.() === 0) {
    const ids = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]).catch(() => null);
    if (!ids) return { pg: null, reason: "running as root and there is no postgres user to run PostgreSQL as" };
    owner = { uid: Number(ids[0].stdout.trim()), gid: Number(ids[1].stdout.trim()) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "np-pg-"));
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const asOwner = (command: string, args: string[]) =>
    owner ? run("runuser", ["-u", "postgres", "--", command, ...args], { cwd: dir }) : run(command, args, { cwd: dir });
  const port = await freePort();
  try {
    await asOwner(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { pg: null, reason: `initdb failed: ${String(error).slice(0, 300)}` };
  }
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB -c max_connections=40`;
  const pgCtl = (...args: string[]) => asOwner(path.join(bin, "pg_ctl"), ["-D", data, "-w", "-t", "30", ...args]);
  const pg: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      await pgCtl("-l", path.join(dir, "server.log"), "-o", settings, "start");
    },
    // Fast shutdown: what a restart does to the sessions the portal holds.
    stop: async () => {
      await pgCtl("-m", "fast", "stop");
    },
    destroy: async () => {
      await pgCtl("-m", "immediate", "stop").catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await pg.start();
  return { pg, reason: "" };
}

export interface RecordingSmtp {
  readonly url: string;
  readonly received: ParsedMail[];
  close(): Promise<void>;
}

export async function startSmtp(): Promise<RecordingSmtp> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as net.AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The PostgreSQL server the process tests make their databases on, or "" to skip them. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
}

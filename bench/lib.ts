/**
 * What the benchmark (bench/run.ts) and the load test (bench/load.ts) share: the build,
 * the generated database, and starting and signing in to the portal's production build.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { withDatabase } from "../db/client";
import { generate, type BenchFixture } from "./generate";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const APP_PORT = 3300;

export function say(line: string) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile (0 < q ≤ 1) of values sorted ascending. */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export { withDatabase };

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

export function ensureBuild() {
  const built = fs.statSync(path.join(ROOT, "build", "index.js"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...["app", "db", "remix.config.js", "package-lock.json"].map((p) => newestMtime(path.join(ROOT, p))));
  if (built >= sources) return;
  say("building the portal (remix build)");
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "remix"), ["build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("remix build failed");
}

export interface DataOptions {
  quick: boolean;
  scale: number;
  reuse: boolean;
}

export async function prepareDatabase(serverUrl: string, options: DataOptions): Promise<{ url: string; fixture: BenchFixture; generateMs: number }> {
  const name = options.quick ? "np_bench_quick" : `np_bench_${String(options.scale).replace(".", "_")}`;
  const url = withDatabase(serverUrl, name);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    if (options.reuse) {
      const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
      if (exists) {
        const db = postgres(url, { max: 1, onnotice: () => {} });
        try {
          const [row] = await db`select fixture from bench_meta`.catch(() => []);
          if (row) {
            say(`reusing database ${name}`);
            return { url, fixture: row.fixture as BenchFixture, generateMs: 0 };
          }
        } finally {
          await db.end();
        }
      }
    }
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  say(`generating ${options.quick ? "the quick data set" : `scale ${options.scale}`} into ${name}`);
  const started = Date.now();
  const fixture = await generate(url, { scale: options.scale, quick: options.quick, log: (line) => say(`  ${line}`) });
  const generateMs = Date.now() - started;
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await db`create table bench_meta (fixture jsonb not null)`;
    await db`insert into bench_meta ${db({ fixture: db.json(fixture as never) })}`;
  } finally {
    await db.end();
  }
  say(`generated in ${(generateMs / 1000).toFixed(1)} s: ${JSON.stringify(fixture.counts)}`);
  return { url, fixture, generateMs };
}

export interface Running {
  child: ChildProcess;
  stop(): Promise<void>;
  /** The last lines the process wrote (its log), for error messages. */
  output(): string;
}

const children = new Set<ChildProcess>();
// A benchmark that fails half-way must not leave a portal holding its port.
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

export function startProcess(args: string[], env: NodeJS.ProcessEnv, label: string): Running {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let stderr = "";
  const keep = (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("exit", (code, signal) => {
    if (code && code !== 0) console.error(`${label} exited with ${code ?? signal}:\n${stderr}`);
  });
  return {
    child,
    output: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 8000).unref();
      }),
  };
}

export function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
  });
}

export async function waitFor200(url: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const { status } = await get(url);
      if (status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} gave no 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function appEnv(databaseUrl: string, dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(APP_PORT),
    HOST: "127.0.0.1",
    // Required in production on PostgreSQL: the origin of links in mail.
    APP_ORIGIN: `http://127.0.0.1:${APP_PORT}`,
    LOG_REQUESTS: "false",
    EXPOSE_QUERY_COUNT: "true",
    UPLOAD_MAX_MB: "4096",
    ...extra,
    NODE_ENV: "production",
  };
}

export function startApp(databaseUrl: string, dataDir: string, extra: Record<string, string> = {}): Running {
  return startProcess(["build/index.js"], appEnv(databaseUrl, dataDir, extra), "portal");
}

/** Signs in through the real form endpoint and answers the session cookie. */
export async function signIn(email: string, password: string): Promise<string> {
  const body = new URLSearchParams({ email, password }).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      `http://127.0.0.1:${APP_PORT}/login`,
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${APP_PORT}`, "Content-Length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        const cookie = (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).find((c) => c?.startsWith("np_session="));
        if (res.statusCode !== 302 || !cookie) reject(new Error(`sign-in of ${email} failed: ${res.statusCode}`));
        else resolve(cookie);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}


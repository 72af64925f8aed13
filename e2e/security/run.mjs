#!/usr/bin/env node
// `npm run test:security`: real attack tools against the production build on loopback.
//
// 1. A fresh PostgreSQL database (seeded with db/seed-cli.ts), the production build (built
//    first when app/ is newer than build/index.js) on a free port of 127.0.0.1.
// 2. Signs in as polisen@example.org over HTTP (cookie) and gives them an API token.
// 3. sqlmap (Debian) against the search, the API and the forms, signed in.
// 4. wapiti (Debian) over the site, signed in.
// 5. Writes e2e/security/last-result.md; exits 1 on any finding that is not a verified false
//    positive listed in e2e/security/allowlist.json.
//
// Settings (environment): TEST_DATABASE_URL or DATABASE_URL (the PostgreSQL server to create
// the scan database on; default postgres://postgres@127.0.0.1:5432/postgres),
// SQLMAP_TARGET_SECONDS (time limit per sqlmap target, default 180), WAPITI_SCAN_SECONDS
// (crawl, default 150), WAPITI_ATTACK_SECONDS (per module, default 45), SECURITY_ONLY
// ("sqlmap" or "wapiti" to run only one tool).
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const HERE = path.join(ROOT, "e2e/security");
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "np-security-"));
const ONLY = process.env.SECURITY_ONLY ?? "";
const SQLMAP_SECONDS = Number(process.env.SQLMAP_TARGET_SECONDS ?? 180);
const WAPITI_SCAN_SECONDS = Number(process.env.WAPITI_SCAN_SECONDS ?? 150);
const WAPITI_ATTACK_SECONDS = Number(process.env.WAPITI_ATTACK_SECONDS ?? 45);
const started = Date.now();
const log = (...a) => console.log(`[security ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s]`, ...a);

function need(tool, hint) {
  const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" });
  if (found.status !== 0) {
    console.error(`${tool} was not found. Install it: ${hint}`);
    process.exit(2);
  }
}
if (ONLY !== "wapiti") need("sqlmap", "apt-get install -y sqlmap");
if (ONLY !== "sqlmap") need("wapiti", "apt-get install -y wapiti");

const wapitiPath = () => spawnSync("sh", ["-c", "command -v wapiti"], { encoding: "utf8" }).stdout.trim();
const version = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return `${r.stdout}${r.stderr}`.split("\n").map((l) => l.trim()).find((l) => /\d+\.\d+/.test(l) && !/WARNING/.test(l)) ?? "?";
};
const versions = {
  node: process.version,
  sqlmap: ONLY === "wapiti" ? "-" : version("sqlmap", ["--version"]),
  wapiti: ONLY === "sqlmap" ? "-" : spawnSync("dpkg-query", ["-W", "-f=${Version}", "wapiti"], { encoding: "utf8" }).stdout || "?",
};

// --- Build ------------------------------------------------------------------------------
function newest(dir) {
  let max = 0;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) max = Math.max(max, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return max;
}
const buildFile = path.join(ROOT, "build/index.js");
if (!fs.existsSync(buildFile) || newest(path.join(ROOT, "app")) > fs.statSync(buildFile).mtimeMs) {
  log("building (npx remix build)…");
  const b = spawnSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "inherit" });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

// --- Database and server ----------------------------------------------------------------
const port = await new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const ORIGIN = `http://127.0.0.1:${port}`;
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `np_security_${port}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${dbName} with (force)`);
await admin.unsafe(`create database ${dbName}`);
const dbUrl = new URL(serverUrl);
dbUrl.pathname = `/${dbName}`;
const filesDir = path.join(WORK, "files");
fs.mkdirSync(filesDir);
const env = {
  ...process.env,
  DATABASE_URL: dbUrl.toString(),
  PORT: String(port),
  HOST: "127.0.0.1",
  NODE_ENV: "production",
  // Required in production on PostgreSQL: the origin of links in mail.
  APP_ORIGIN: ORIGIN,
  FILES_DIR: filesDir,
  // sqlmap tries thousands of passwords on /login: the throttle would answer instead of the
  // code under test, so it is raised for the scan (the throttle has tests of its own).
  LOGIN_MAX_FAILURES_PER_ACCOUNT: "1000000",
  LOGIN_MAX_FAILURES_PER_ADDRESS: "1000000",
  LOG_REQUESTS: "false",
};
delete env.SMTP_URL;
log(`seeding ${dbName}…`);
const seeded = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "db/seed-cli.ts"], { cwd: ROOT, env, stdio: "inherit" });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

const serverLog = fs.openSync(path.join(WORK, "server.log"), "w");
const server = spawn(process.execPath, [path.join(HERE, "serve.mjs")], { cwd: ROOT, env, stdio: ["ignore", serverLog, serverLog] });
const children = new Set();
// If the server stops during the scan, every later answer would be "connection refused"
// and look clean: stop the tools and fail instead.
let serverGone = false;
let stopping = false;
server.on("exit", (code, signal) => {
  if (stopping) return;
  serverGone = true;
  console.error(`the server stopped during the scan (${signal ?? code})`);
  for (const c of children) c.kill("SIGTERM");
});
async function cleanup() {
  for (const c of children) c.kill("SIGTERM");
  stopping = true;
  server.kill("SIGTERM");
  await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
  await admin.end().catch(() => {});
}
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
process.on("SIGTERM", () => void cleanup().then(() => process.exit(143)));

for (let i = 0; ; i++) {
  const ok = await fetch(`${ORIGIN}/healthz`).then((r) => r.ok).catch(() => false);
  if (ok) break;
  if (i > 120) {
    console.error("the server did not start:\n" + fs.readFileSync(path.join(WORK, "server.log"), "utf8"));
    await cleanup();
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 500));
}
log(`server up at ${ORIGIN}`);

// --- Sign in, API token, fixtures -------------------------------------------------------
const EMAIL = "polisen@example.org";
const login = await fetch(`${ORIGIN}/login`, {
  method: "POST",
  headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ email: EMAIL, password: "demo-portal-2026" }),
  redirect: "manual",
});
const session = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).find((c) => c.startsWith("np_session="));
if (login.status !== 302 || !session) {
  console.error(`sign-in failed: ${login.status}`);
  await cleanup();
  process.exit(1);
}
const sql = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
const [user] = await sql`select id from users where email = ${EMAIL}`;
const token = `np_${randomBytes(32).toString("base64url")}`;
await sql`insert into api_tokens (user_id, name, token_hash, prefix) values (${user.id}, 'security scan', ${createHash("sha256").update(token).digest("hex")}, ${token.slice(0, 9)})`;
const [folder] = await sql`select f.id from folders f join networks n on n.id = f.network_id where n.slug = 'myndighetsnatverket' limit 1`.catch(() => [{ id: "" }]);
await sql.end();
const SLUG = "myndighetsnatverket";
const FOLDER = folder?.id ?? "";

const signedIn = await fetch(`${ORIGIN}/search?q=test`, { headers: { Cookie: session }, redirect: "manual" });
const api = await fetch(`${ORIGIN}/api/v1/networks/${SLUG}/documents`, { headers: { Authorization: `Bearer ${token}` } });
log(`signed in as ${EMAIL} (search: ${signedIn.status}, API with token: ${api.status})`);
if (signedIn.status !== 200 || api.status !== 200) {
  await cleanup();
  process.exit(1);
}

function run(cmd, args, seconds, logFile) {
  return new Promise((resolve) => {
    const out = fs.openSync(logFile, "w");
    const child = spawn(cmd, args, { cwd: WORK, stdio: ["ignore", out, out] });
    children.add(child);
    const t0 = Date.now();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    }, seconds * 1000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      children.delete(child);
      fs.closeSync(out);
      resolve({ code, timedOut, seconds: Math.round((Date.now() - t0) / 1000), output: fs.readFileSync(logFile, "utf8") });
    });
  });
}

const allowlist = JSON.parse(fs.readFileSync(path.join(HERE, "allowlist.json"), "utf8"));
const allowed = (tool, category, where) =>
  allowlist.find((a) => a.tool === tool && a.category === category && (!a.path || where.includes(a.path)));

const findings = []; // { tool, target, category, detail, allowed?: reason }
const targets = []; // { tool, target, seconds, note }

// --- sqlmap ------------------------------------------------------------------------------
const SQLMAP_TARGETS = [
  { name: "GET /search", url: `${ORIGIN}/search?q=handlingsplan&network=${SLUG}&organisation=00000000-0000-0000-0000-000000000000&kind=update&from=2020-01-01&to=2030-12-31`, params: "q,network,organisation,kind,from,to" },
  { name: "GET /api/v1/networks/:slug/documents (token)", url: `${ORIGIN}/api/v1/networks/${SLUG}/documents?q=plan&folder=${FOLDER}`, params: "q,folder", bearer: true },
  {
    name: "POST /api/v1/updates JSON (token)",
    url: `${ORIGIN}/api/v1/updates`,
    data: JSON.stringify({ network: SLUG, title: "Lägesrapport", body: "Text", kind: "progress" }),
    json: true,
    params: "network,title,body,kind",
    bearer: true,
  },
  { name: "POST /updates/new (form)", url: `${ORIGIN}/updates/new`, data: `title=L%C3%A4gesrapport&body=Text&kind=progress&networks=${SLUG}&assignment=`, params: "title,body,kind,networks,assignment" },
  { name: "POST /login (form)", url: `${ORIGIN}/login`, data: "email=throwaway%40example.org&password=not-the-password", params: "email,password", anonymous: true },
  { name: "POST /forgot-password (form)", url: `${ORIGIN}/forgot-password`, data: "email=throwaway%40example.org", params: "email", anonymous: true },
];

if (ONLY !== "wapiti") {
  for (const [i, t] of SQLMAP_TARGETS.entries()) {
    if (serverGone) break;
    const headers = [`Origin: ${ORIGIN}`];
    if (t.bearer) headers.push(`Authorization: Bearer ${token}`);
    if (t.json) headers.push("Content-Type: application/json");
    const args = [
      "-u", t.url,
      "--batch", "--flush-session", "--disable-coloring",
      `--output-dir=${path.join(WORK, "sqlmap")}`,
      "--dbms=PostgreSQL",
      "--level=2", "--risk=1", "--technique=BEUST", "--time-sec=2", "--timeout=15", "--retries=1",
      "-p", t.params,
      `--headers=${headers.join("\\n")}`,
      // Successful posts redirect to the new page: compare the answers themselves.
      "--ignore-redirects",
    ];
    if (t.data) args.push(`--data=${t.data}`);
    if (!t.bearer && !t.anonymous) args.push(`--cookie=${session}`);
    log(`sqlmap ${i + 1}/${SQLMAP_TARGETS.length}: ${t.name}`);
    const r = await run("sqlmap", args, SQLMAP_SECONDS, path.join(WORK, `sqlmap-${i + 1}.log`));
    const out = r.output;
    const hits = [
      ...out.matchAll(/^.*(?:identified the following injection point|is vulnerable|(?<!not )appears? to be [^\n]*injectable|(?<!not )(?:seems|is) to be injectable).*$/gim),
    ].map((m) => m[0].trim());
    const clean = /all tested parameters do not appear to be injectable/i.test(out);
    const heuristics = [...out.matchAll(/^.*might be injectable.*$/gim)].map((m) => m[0].trim());
    const errors = [...out.matchAll(/^.*\[(?:CRITICAL|ERROR)\].*$/gm)].map((m) => m[0].trim()).filter((l) => !/do not appear to be injectable/i.test(l));
    const requests = out.match(/(\d+) HTTP\(s\) requests/);
    const notInjectable = [...out.matchAll(/parameter '([^']+)' does not seem to be injectable/gi)].map((m) => m[1]);
    for (const h of hits) {
      const a = allowed("sqlmap", "injection", t.name);
      findings.push({ tool: "sqlmap", target: t.name, category: "injection", detail: h, allowed: a?.reason });
    }
    targets.push({
      tool: "sqlmap",
      target: t.name,
      seconds: r.seconds,
      note: [
        r.timedOut ? `stopped at the ${SQLMAP_SECONDS} s limit` : clean ? "all tested parameters do not appear to be injectable" : hits.length ? "INJECTABLE" : `exit ${r.code}`,
        heuristics.length ? `heuristic hints: ${heuristics.join(" | ")}` : "",
        !clean && errors.length ? `last message: ${errors.at(-1)}` : "",
        notInjectable.length ? `not injectable: ${notInjectable.join(", ")}` : "",
        requests ? `${requests[1]} requests` : "",
      ].filter(Boolean).join("; "),
    });
    log(`  → ${targets.at(-1).note} (${r.seconds} s)`);
  }
}

// --- wapiti ------------------------------------------------------------------------------
if (ONLY !== "sqlmap" && !serverGone) {
  const cookieFile = path.join(WORK, "cookies.json");
  const [name, value] = session.split("=");
  fs.writeFileSync(cookieFile, JSON.stringify({ "127.0.0.1": { "/": { [name]: { value, expires: null, secure: false, port: null, version: 0 } } } }));
  const report = path.join(WORK, "wapiti.json");
  const modules = "xss,permanentxss,sql,blindsql,exec,file,crlf,redirect,csrf";
  const args = [
    "-u", `${ORIGIN}/`,
    "--scope", "folder",
    "-c", cookieFile,
    "-H", `Origin: ${ORIGIN}`,
    // wapiti asks for Brotli, but Debian's python3-requests cannot decode it without the
    // brotli module: every page would look empty and the crawl would stop at the first.
    "-H", "Accept-Encoding: gzip, deflate",
    // The build's static JavaScript and CSS are not the application.
    "-x", `${ORIGIN}/build/*`,
    // Signing out or ending sessions would end the scan's own session.
    "-x", `${ORIGIN}/logout`,
    "-x", `${ORIGIN}/account/sessions`,
    "-x", `${ORIGIN}/language*`,
    "-m", modules,
    "-d", "3",
    "--max-links-per-page", "40",
    "--max-files-per-dir", "30",
    "--max-scan-time", String(WAPITI_SCAN_SECONDS),
    "--max-attack-time", String(WAPITI_ATTACK_SECONDS),
    "-t", "10",
    "--flush-session",
    "--store-session", path.join(WORK, "wapiti-session"),
    "--store-config", path.join(WORK, "wapiti-config"),
    "-f", "json",
    "-o", report,
    "-v", "1",
  ];
  log(`wapiti (${modules}; crawl ≤ ${WAPITI_SCAN_SECONDS} s, each module ≤ ${WAPITI_ATTACK_SECONDS} s)`);
  const limit = WAPITI_SCAN_SECONDS + 9 * WAPITI_ATTACK_SECONDS + 120;
  // The interpreter that Debian's wapiti is installed for (its shebang), not whatever python3 is first in PATH.
  const python = fs.readFileSync(wapitiPath(), "utf8").split("\n")[0].replace(/^#!\s*/, "").trim() || "/usr/bin/python3";
  const r = await run(python, [path.join(HERE, "wapiti-shim.py"), ...args], limit, path.join(WORK, "wapiti.log"));
  let note = r.timedOut ? `stopped at the ${limit} s limit` : `exit ${r.code}`;
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    const crawled = json.infos?.crawled_pages_nbr ?? json.infos?.crawled_pages?.length;
    note += `; ${crawled ?? "?"} pages crawled`;
    for (const kind of ["vulnerabilities", "anomalies"]) {
      for (const [category, list] of Object.entries(json[kind] ?? {})) {
        for (const v of list) {
          const where = `${v.method} ${v.path}${v.parameter ? ` (${v.parameter})` : ""}`;
          const a = allowed("wapiti", category, where);
          findings.push({ tool: "wapiti", target: where, category: `${kind === "anomalies" ? "anomaly: " : ""}${category}`, detail: v.info, allowed: a?.reason });
        }
      }
    }
  } else {
    note += "; no report written";
    findings.push({ tool: "wapiti", target: "-", category: "no report", detail: r.output.split("\n").slice(-15).join("\n") });
  }
  targets.push({ tool: "wapiti", target: `${ORIGIN}/ (signed in, scope folder)`, seconds: r.seconds, note });
  log(`  → ${note} (${r.seconds} s)`);
  if (process.env.SECURITY_KEEP) log(`wapiti log: ${path.join(WORK, "wapiti.log")}`);
}

await cleanup();
// Whatever the tools think, an input that made the server fail (500) is worth a look: count
// the server's own "unhandled error" lines, by path.
const failures = new Map();
for (const line of fs.readFileSync(path.join(WORK, "server.log"), "utf8").split("\n")) {
  if (!line.startsWith("{")) continue;
  try {
    const entry = JSON.parse(line);
    if (entry.level !== "error") continue;
    const key = `${entry.path ?? "?"}: ${String(entry.error ?? entry.msg).split("\n")[0].slice(0, 120)}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
  } catch {
    // not a log entry
  }
}
for (const [key, n] of failures) {
  const where = key.slice(0, key.indexOf(":"));
  findings.push({ tool: "server log", target: where, category: "server error", detail: `${n} × ${key}`, allowed: allowed("server log", "server error", where)?.reason });
}
if (serverGone) {
  console.error("the server stopped before the scan finished: no result written");
  process.exit(1);
}

// --- Report -------------------------------------------------------------------------------
const open = findings.filter((f) => !f.allowed);
const minutes = ((Date.now() - started) / 60000).toFixed(1);
const cell = (s) => String(s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ").slice(0, 300);
const md = [
  "# Security scan: last result",
  "",
  `Written by \`npm run test:security\` (e2e/security/run.mjs) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${minutes} min.`,
  "",
  `Tools: sqlmap ${versions.sqlmap}, wapiti ${versions.wapiti}, Node ${versions.node}. Target: the production build on ${ORIGIN.replace(/:\d+$/, ":<free port>")}, a fresh seeded PostgreSQL database, signed in as ${EMAIL} (cookie; API with a personal token).`,
  "",
  `**${open.length === 0 ? "No open findings" : `${open.length} open finding(s)`}** (${findings.length - open.length} verified false positive(s) from allowlist.json).`,
  "",
  "## Targets",
  "",
  "| Tool | Target | Seconds | Result |",
  "| --- | --- | ---: | --- |",
  ...targets.map((t) => `| ${t.tool} | ${cell(t.target)} | ${t.seconds} | ${cell(t.note)} |`),
  "",
  "## Findings",
  "",
  ...(findings.length === 0
    ? ["None."]
    : ["| Tool | Where | Category | Detail | Status |", "| --- | --- | --- | --- | --- |", ...findings.map((f) => `| ${f.tool} | ${cell(f.target)} | ${cell(f.category)} | ${cell(f.detail)} | ${f.allowed ? `false positive: ${cell(f.allowed)}` : "**open**"} |`)]),
  "",
];
fs.writeFileSync(path.join(HERE, "last-result.md"), md.join("\n"));
log(`wrote e2e/security/last-result.md: ${open.length} open finding(s)`);
if (!process.env.SECURITY_KEEP) fs.rmSync(WORK, { recursive: true, force: true });
else log(`logs kept in ${WORK}`);
process.exit(open.length === 0 ? 0 : 1);

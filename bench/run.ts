/**
 * `npm run bench`: the portal's production build on PostgreSQL, side by side with a bare
 * node:http + postgres.js baseline running the same SQL (bench/baseline.ts), at national
 * scale. Writes bench/results/latest.json, latest.md and ratios.svg.
 *
 *   npm run bench -- [--quick] [--scale N] [--reuse] [--no-upload] [--no-pages] [--only PAGE,…]
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
 * the benchmark makes its own database on it (np_bench_quick or np_bench_<scale>) and
 * never touches another. --reuse keeps an already generated database of the same size.
 * --only measures the named pages alone, by key (home, network, feed, folder100, folder10k, deep,
 * document, meeting, search, post; e.g. `--only search` at --scale 10 for search at
 * 1,000,000 documents). A run at another scale than 1, or a partial one (--only,
 * --no-pages, --no-upload), writes bench/results/scale-<N>[-partial].json and .md
 * instead of latest.* (--quick still writes latest.*).
 */
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { planKey, type Plan, type PlannedQuery } from "./baseline";
import type { BenchFixture } from "./generate";
import { APP_PORT, ensureBuild, median, percentile, prepareDatabase, round, ROOT, say, signIn, startApp, startProcess, waitFor200, type Running } from "./lib";
import { writeReports, type BenchResults, type PageResult, type UploadResult } from "./report";

const BASELINE_PORT = 3301;
const FLOOR_PORT = 3302;
/** The title of every update the POST page makes; they are removed before and after the pages. */
const POST_TITLE = "Mätinlägg";
const CONNECTIONS = 50;

interface Options {
  quick: boolean;
  scale: number;
  reuse: boolean;
  upload: boolean;
  pages: boolean;
  only: string[] | null;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { quick: false, scale: 1, reuse: false, upload: true, pages: true, only: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") options.quick = true;
    else if (arg === "--reuse") options.reuse = true;
    else if (arg === "--no-upload") options.upload = false;
    else if (arg === "--no-pages") options.pages = false;
    else if (arg === "--scale") options.scale = Number(argv[++i]);
    else if (arg === "--only") options.only = (argv[++i] ?? "").split(",").map((n) => n.trim()).filter(Boolean);
    else throw new Error(`unknown option ${arg}; see the header of bench/run.ts`);
  }
  if (!(options.scale > 0)) throw new Error("--scale must be a positive number");
  return options;
}

const options = parseArgs(process.argv.slice(2));
const timing = options.quick
  ? { warmup: 1, run: 1.2, uploadSizes: [256, 512] }
  : { warmup: 3, run: 6, uploadSizes: [1024, 2048] };

// ---------------------------------------------------------------- build and database

/** An API token for the member, stored the way the account page stores one (SHA-256). */
async function makeApiToken(url: string, email: string): Promise<string> {
  const token = `np_${randomBytes(32).toString("base64url")}`;
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [user] = await db`select id from users where lower(email) = ${email.toLowerCase()}`;
    if (!user) throw new Error(`no such person ${email}`);
    await db`insert into api_tokens (user_id, name, token_hash, prefix)
             values (${user.id}, 'bench', ${createHash("sha256").update(token).digest("hex")}, ${token.slice(0, 9)})`;
  } finally {
    await db.end();
  }
  return token;
}

// ---------------------------------------------------------------- processes

// ---------------------------------------------------------------- the pages

interface PageSpec {
  /** A short name for --only. */
  key: string;
  name: string;
  method: "GET" | "POST";
  /** One URL, or several taken in turn (search rotates its terms). */
  urls: string[];
  /** For POST: the form body. */
  body?: () => string;
  expectStatus: number;
}

function pageSpecs(f: BenchFixture): PageSpec[] {
  const lib = `/networks/${f.networkSlug}/library`;
  let n = 0;
  return [
    { key: "home", name: "home", method: "GET", urls: ["/"], expectStatus: 200 },
    { key: "network", name: "network", method: "GET", urls: [`/networks/${f.networkSlug}`], expectStatus: 200 },
    { key: "feed", name: "updates feed", method: "GET", urls: [`/networks/${f.networkSlug}/updates`], expectStatus: 200 },
    { key: "folder100", name: "folder, 100 documents", method: "GET", urls: [`${lib}?folder=${f.smallFolderId}`], expectStatus: 200 },
    { key: "folder10k", name: "folder, 10,000 documents", method: "GET", urls: [`${lib}?folder=${f.bigFolderId}`], expectStatus: 200 },
    {
      key: "deep", name: "folder, 10,000 documents, deep page",
      method: "GET",
      urls: [`${lib}?${new URLSearchParams({ folder: f.bigFolderId, after: f.deepCursor }).toString()}`],
      expectStatus: 200,
    },
    { key: "document", name: "document", method: "GET", urls: [`/documents/${f.documentId}`], expectStatus: 200 },
    { key: "meeting", name: "meeting with minutes", method: "GET", urls: [`/meetings/${f.meetingId}/minutes`], expectStatus: 200 },
    {
      key: "search", name: "search",
      method: "GET",
      urls: f.searchTerms.map((term) => `/search?${new URLSearchParams({ q: term }).toString()}`),
      expectStatus: 200,
    },
    {
      key: "post", name: "create update (POST)",
      method: "POST",
      urls: ["/updates/new"],
      body: () =>
        new URLSearchParams({
          networks: f.networkSlug,
          kind: "progress",
          title: `${POST_TITLE} ${++n}`,
          body: "Arbetet med **handlingsplanen** fortsätter enligt plan. Utbildningsinsatserna för socialtjänsten är genomförda i tre län.",
        }).toString(),
      expectStatus: 302,
    },
  ];
}

// ---------------------------------------------------------------- capture and plan

/** Runs every page once on a portal that records its statements, and turns them into the baseline's plan. */
async function capturePlan(specs: PageSpec[], databaseUrl: string, dataDir: string, fixture: BenchFixture): Promise<Plan> {
  const captureFile = path.join(dataDir, "capture.jsonl");
  fs.rmSync(captureFile, { force: true });
  const app = startApp(databaseUrl, dataDir, { QUERY_CAPTURE_FILE: captureFile });
  try {
    await waitFor200(`http://127.0.0.1:${APP_PORT}/healthz`, 30_000);
    const cookie = await signIn(fixture.member.email, fixture.password);
    // Warm the pages once first, so that what is captured is the steady state (a first
    // visit may mark things read or touch the session).
    for (const round of ["warm", "capture"]) {
      if (round === "capture") fs.rmSync(captureFile, { force: true });
      for (const spec of specs) {
        for (const url of spec.urls) await request(spec, url, cookie);
      }
    }
  } finally {
    await app.stop();
  }
  const plan: Plan = {};
  for (const line of fs.readFileSync(captureFile, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as { method: "GET" | "POST"; url: string; status: number; location?: string; queries: PlannedQuery[] };
    const spec = specs.find((s) => s.method === entry.method && s.urls.includes(entry.url));
    if (!spec) continue;
    if (entry.status !== spec.expectStatus) throw new Error(`${entry.method} ${entry.url} answered ${entry.status}, expected ${spec.expectStatus}`);
    const createdId = entry.location?.match(/[0-9a-f-]{36}/)?.[0];
    plan[planKey(entry.method, entry.url)] = { ...entry, createdId };
  }
  return plan;
}

function request(spec: PageSpec, url: string, cookie: string): Promise<{ status: number; queries: number }> {
  return new Promise((resolve, reject) => {
    const body = spec.body?.();
    const req = http.request(
      `http://127.0.0.1:${APP_PORT}${url}`,
      {
        method: spec.method,
        headers: {
          Cookie: cookie,
          ...(body ? { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${APP_PORT}`, "Content-Length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, queries: Number(res.headers["x-query-count"] ?? NaN) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------- load

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

async function cannon(port: number, spec: PageSpec, cookie: string, seconds: number, rate?: number): Promise<Measure> {
  let turn = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method: spec.method,
        headers: {
          cookie,
          ...(spec.body ? { "content-type": "application/x-www-form-urlencoded", origin: `http://127.0.0.1:${port}` } : {}),
        },
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          path: spec.urls[turn++ % spec.urls.length]!,
          ...(spec.body ? { body: spec.body() } : {}),
        }),
      },
    ],
  });
  const statuses = (result.statusCodeStats ?? {}) as Record<string, { count: number }>;
  const unexpected = Object.entries(statuses)
    .filter(([code]) => Number(code) !== spec.expectStatus)
    .reduce((sum, [, v]) => sum + v.count, 0);
  return {
    rps: result.requests.total / (result.duration || seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + unexpected,
    requests: result.requests.total,
  };
}

/** Warm-up, then three runs; the median of each figure. */
async function measure(port: number, spec: PageSpec, cookie: string, rate?: number): Promise<Measure> {
  if (!rate) await cannon(port, spec, cookie, timing.warmup);
  const runs: Measure[] = [];
  for (let i = 0; i < 3; i++) runs.push(await cannon(port, spec, cookie, timing.run, rate));
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    requests: runs.reduce((s, r) => s + r.requests, 0),
  };
}

// ---------------------------------------------------------------- uploads

function peakRssSampler(pid: number): { stop(): number; baseline: number } {
  const read = () => {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  };
  const baseline = read();
  let peak = baseline;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, read());
    } catch {
      // the process is gone
    }
  }, 25);
  return {
    baseline,
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** dd writing the same number of bytes to the storage's disk, flushed (conv=fdatasync). */
function ddRate(dir: string, mib: number): number {
  const file = path.join(dir, "dd.bin");
  const started = performance.now();
  const result = spawnSync("dd", ["if=/dev/zero", `of=${file}`, "bs=1M", `count=${mib}`, "conv=fdatasync"], { encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  fs.rmSync(file, { force: true });
  if (result.status !== 0) throw new Error(`dd failed: ${result.stderr}`);
  return mib / seconds;
}

/** Streams `mib` MiB of text through the API as a new document; nothing is held whole on either side. */
async function uploadThroughApi(token: string, slug: string, mib: number): Promise<{ seconds: number; sha256: string; answer: { sha256?: string; size?: number } }> {
  const boundary = `bench${randomBytes(8).toString("hex")}`;
  const line = "Nationellt kompetensteam mot hedersrelaterat våld och förtryck: handlingsplan, samverkan och uppföljning.\n";
  const chunk = Buffer.from(line.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(line)))).subarray(0, 1024 * 1024);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nMätfil ${mib} MiB\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="classification"\r\n\r\ninternal\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="matfil-${mib}.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const hash = createHash("sha256");
  const started = performance.now();
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`http://127.0.0.1:${APP_PORT}/api/v1/networks/${slug}/documents`, {
      method: "POST",
      // A new connection: the previous upload's may have been closed by the server while
      // dd ran (its keep-alive timeout is 5 s), and writing into it fails with EPIPE.
      agent: false,
      headers: {
        Authorization: `Bearer ${token}`,
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        "Content-Length": head.length + mib * chunk.length + tail.length,
      },
    });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // A server that answers before it has read everything (an error) closes the
    // connection: the write fails, but its answer says why.
    req.on("error", (error) => setTimeout(() => answered || reject(new Error(`upload of ${mib} MiB: ${error.message} after ${sent} MiB`)), 2000));
    let sent = 0;
    const pump = () => {
      req.write(head);
      const next = () => {
        while (sent < mib) {
          sent++;
          hash.update(chunk);
          if (!req.write(chunk)) return void req.once("drain", next);
        }
        req.end(tail);
      };
      next();
    };
    pump();
  });
  const seconds = (performance.now() - started) / 1000;
  if (answer.status !== 201) throw new Error(`upload of ${mib} MiB answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  return { seconds, sha256: hash.digest("hex"), answer: JSON.parse(answer.body) as { sha256?: string; size?: number } };
}

// ---------------------------------------------------------------- main

async function main() {
  const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const started = Date.now();
  ensureBuild();
  const { url, fixture, generateMs } = await prepareDatabase(serverUrl, options);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "np-bench-"));
  const specs = pageSpecs(fixture);
  // What an earlier run's POST page made would change the feed, the home page and search.
  await removeBenchUpdates(url);

  say("capturing each page's SQL for the baseline");
  const plan = await capturePlan(specs, url, dataDir, fixture);
  const planFile = path.join(dataDir, "plan.json");
  fs.writeFileSync(planFile, JSON.stringify(plan));

  // Cold start: a new process, migrations checked, until the sign-in page answers 200.
  const coldStarts: number[] = [];
  let app: Running | undefined;
  for (let i = 0; i < 3; i++) {
    await app?.stop();
    app = startApp(url, dataDir);
    coldStarts.push(await waitFor200(`http://127.0.0.1:${APP_PORT}/login`, 30_000));
  }
  say(`cold start to first 200: ${coldStarts.map((ms) => ms.toFixed(0)).join(", ")} ms`);

  const baseline = startProcess(["--import", "tsx", "bench/baseline.ts", planFile, String(BASELINE_PORT), url], { ...process.env, NODE_ENV: "production" }, "baseline");
  await waitFor200Baseline(plan, BASELINE_PORT);
  // The stack floor: Remix and React with the baseline's SQL and nothing of the portal (bench/floor.ts).
  const floor = startProcess(["--import", "tsx", "bench/floor.ts", planFile, String(FLOOR_PORT), url], { ...process.env, NODE_ENV: "production" }, "stack floor");
  await waitFor200Baseline(plan, FLOOR_PORT);

  const cookie = await signIn(fixture.member.email, fixture.password);
  const pages: PageResult[] = [];
  let searchAlone: { p50_ms: number; p99_ms: number; requests: number } | undefined;
  try {
    const unknown = (options.only ?? []).filter((n) => !specs.some((spec) => spec.key === n || spec.name === n));
    if (unknown.length) throw new Error(`--only: no page named ${unknown.join(", ")} (pages: ${specs.map((spec) => spec.key).join(", ")})`);
    for (const spec of options.pages ? specs.filter((spec) => !options.only || options.only.includes(spec.key) || options.only.includes(spec.name)) : []) {
      const probe = await request(spec, spec.urls[0]!, cookie);
      const ours = await measure(APP_PORT, spec, cookie);
      const theirs = await measure(BASELINE_PORT, spec, cookie);
      const bare = await measure(FLOOR_PORT, spec, cookie);
      const rate = Math.max(1, Math.floor(theirs.rps / 2));
      const oursFixed = await measure(APP_PORT, spec, cookie, rate);
      const theirsFixed = await measure(BASELINE_PORT, spec, cookie, rate);
      const result: PageResult = {
        name: spec.name,
        url: spec.urls[0]!,
        rps: round(ours.rps),
        p50_ms: oursFixed.p50,
        p99_ms: oursFixed.p99,
        baseline_rps: round(theirs.rps),
        baseline_p50_ms: theirsFixed.p50,
        baseline_p99_ms: theirsFixed.p99,
        fixed_rate: rate,
        ratio_rps: round(ours.rps / theirs.rps, 3),
        floor_rps: round(bare.rps),
        floor_ratio_rps: round(bare.rps / theirs.rps, 3),
        ratio_p99: round(oursFixed.p99 / Math.max(theirsFixed.p99, 1), 3),
        queries: probe.queries,
        errors: ours.errors + oursFixed.errors,
        baseline_errors: theirs.errors + theirsFixed.errors + bare.errors,
        requests: ours.requests + oursFixed.requests,
      };
      pages.push(result);
      say(
        `${spec.name}: ${result.rps} req/s (baseline ${result.baseline_rps}, ×${result.ratio_rps}; stack floor ${result.floor_rps}, ×${result.floor_ratio_rps}); at ${rate} req/s p50 ${result.p50_ms} ms p99 ${result.p99_ms} ms (baseline p99 ${result.baseline_p99_ms} ms, ×${result.ratio_p99}); ${result.queries} queries; ${result.errors} errors`,
      );
      // Search's own latency, with nothing else running: every term in turn, five times over.
        if (spec.key === "search") {
        const latencies: number[] = [];
        for (let round = 0; round < 5; round++) {
          for (const url of spec.urls) {
            const started = performance.now();
            const { status } = await request(spec, url, cookie);
            if (status !== 200) throw new Error(`search ${url} answered ${status}`);
            latencies.push(performance.now() - started);
          }
        }
        latencies.sort((a, b) => a - b);
        searchAlone = { p50_ms: round(median(latencies), 1), p99_ms: round(percentile(latencies, 0.99), 1), requests: latencies.length };
        say(`search one at a time: p50 ${searchAlone.p50_ms} ms, p99 ${searchAlone.p99_ms} ms over ${latencies.length} searches`);
      }
    }
  } finally {
    await baseline.stop();
    await floor.stop();
    await removeBenchUpdates(url);
  }

  const uploads: UploadResult[] = [];
  if (options.upload) {
    // A fresh process, so that its memory shows what an upload costs and not what the
    // page runs left on the heap.
    await app!.stop();
    app = startApp(url, dataDir);
    await waitFor200(`http://127.0.0.1:${APP_PORT}/healthz`, 30_000);
    const token = await makeApiToken(url, fixture.member.email);
    for (const mib of timing.uploadSizes) {
      const dd = ddRate(dataDir, mib);
      const sampler = peakRssSampler(app!.child.pid!);
      const { seconds, sha256, answer } = await uploadThroughApi(token, fixture.networkSlug, mib).catch((error: unknown) => {
        throw new Error(`${String(error)}\nthe portal's last lines:\n${app!.output()}`);
      });
      const peak = sampler.stop();
      const mbS = mib / seconds;
      const upload: UploadResult = {
        bytes: mib * 1024 * 1024,
        mb_s: round(mbS, 1),
        dd_mb_s: round(dd, 1),
        ratio: round(mbS / dd, 3),
        peak_rss_mb: round(peak, 1),
        rss_before_mb: round(sampler.baseline, 1),
        sha256_matches: answer.sha256 === sha256,
      };
      uploads.push(upload);
      say(`upload ${mib} MiB: ${upload.mb_s} MiB/s (dd ${upload.dd_mb_s} MiB/s, ×${upload.ratio}); RSS ${upload.rss_before_mb} → peak ${upload.peak_rss_mb} MB; checksum ${upload.sha256_matches ? "matches" : "DIFFERS"}`);
    }
  }
  await app!.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const search = pages.find((p) => p.name === "search") ?? { p50_ms: NaN, p99_ms: NaN, fixed_rate: 0 };
  const results: BenchResults = {
    generated_at: new Date().toISOString(),
    mode: options.quick ? "quick" : `scale ${options.scale}`,
    machine: {
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? "unknown",
      memory_gb: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      postgres: await serverVersion(url),
      os: `${os.type()} ${os.release()}`,
    },
    data: fixture.counts,
    generate_s: round(generateMs / 1000, 1),
    settings: { connections: CONNECTIONS, warmup_s: timing.warmup, run_s: timing.run, runs: 3 },
    pages,
    search: {
      docs: fixture.counts.documents,
      terms: fixture.searchTerms.length,
      p50_ms: search.p50_ms,
      p99_ms: search.p99_ms,
      rate: search.fixed_rate,
      ...(searchAlone ? { one_at_a_time: searchAlone } : {}),
    },
    upload: uploads,
    cold_start_ms: round(median(coldStarts), 0),
    cold_starts_ms: coldStarts.map((ms) => round(ms, 0)),
    total_s: round((Date.now() - started) / 1000, 0),
  };
  const partial = options.only !== null || !options.pages || !options.upload;
  const name = options.quick || (options.scale === 1 && !partial) ? "latest" : `scale-${options.scale}${partial ? "-partial" : ""}`;
  const written = writeReports(results, path.join(ROOT, "bench", "results"), name);
  say(`wrote ${written.join(", ")}`);
  const failed = results.pages.filter((p) => p.errors > 0);
  if (failed.length) {
    console.error(`errors in: ${failed.map((p) => p.name).join(", ")}`);
    process.exitCode = 1;
  }
}

/** Removes the updates the POST page made (and their networks, reads, notifications), so that a reused database stays as generated. */
async function removeBenchUpdates(url: string) {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // The portal never deletes an update (it marks it deleted), so post_reads has no index
    // on post_id alone; without one, each cascading delete would scan every read.
    await db`create index if not exists bench_post_reads_post on post_reads (post_id)`;
    const removed = await db`delete from posts where title like ${POST_TITLE + " %"}`;
    await db`drop index bench_post_reads_post`;
    if (removed.count > 0) {
      await db`vacuum analyze posts, post_networks, post_reads, notifications`;
      say(`removed ${removed.count} updates made by the POST page`);
    }
  } finally {
    await db.end();
  }
}

async function serverVersion(url: string): Promise<string> {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await db`show server_version`;
    return String(row?.server_version ?? "unknown");
  } finally {
    await db.end();
  }
}

/** Waits for a server that answers from the plan (the baseline, the stack floor). */
async function waitFor200Baseline(plan: Plan, port: number) {
  const first = Object.values(plan).find((p) => p.method === "GET");
  if (!first) throw new Error("the plan has no pages");
  await waitFor200(`http://127.0.0.1:${port}${first.url}`, 30_000);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

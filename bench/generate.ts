/**
 * Benchmark data: fills an EMPTY PostgreSQL database (after running the production
 * migrations on it) with a large, deterministic, realistic data set for `npm run bench`.
 *
 *   tsx bench/generate.ts [--scale N] [--quick] [--seed N] [--now ISO-TIME] [--database-url URL]
 *
 * prints the fixture (ids and accounts the benchmark uses) as JSON on stdout and progress
 * and timings on stderr. DATABASE_URL is the default database.
 *
 * Scale 1: 60 organisations, 5,000 people, 10 networks, 100,000 documents of about 2 kB
 * of Swedish text each, 20,000 meetings and 200,000 updates; `--scale N` multiplies every
 * count (1,000,000 documents at 10). `--quick`: 12,000 documents, 2,000 meetings,
 * 20,000 updates and 500 people. In every size the benchmark network has one folder with
 * exactly 10,000 and one with exactly 100 live documents that its member sees.
 *
 * The rows are the ones the app writes (see app/models and db/seed*.ts): documents with
 * their versions (extracted text in both, as the upload path stores it), access lists of
 * restricted documents, updates with post_networks rows and the sanitised HTML the app
 * renders, the author's read mark, comments, meetings with invitees, agendas, minutes and
 * action items, assignments, memberships and roles, and the audit events the app writes
 * for all of that (in each lane's time order, so their ids are not globally sorted by
 * time; the log is read by `at`). Every person's password
 * is `password` (argon2id, hashed once); coordinators and the platform admin have MFA with
 * `totpSecret`, as in the demo seed, because the app requires MFA of them.
 * Not generated: the files themselves (storage keys point at nothing, so downloads fail),
 * mail, jobs.
 *
 * Speed: rows are generated in batches and streamed with COPY (text format), a batch
 * being generated while PostgreSQL ingests the previous one; documents, updates and
 * meetings stream on three connections at once. Indexes stay as the migrations make
 * them — the generated tsvector columns and their GIN indexes are what inserting costs.
 * At the end VACUUM (ANALYZE), so the benchmark neither pays for first-read hint bits
 * nor races autovacuum. PostgreSQL's CPU is the bound: about 1 ms per document (most of
 * it the GIN insert), 0.4 ms per update. Measured on the 2-core development machine
 * (busy with other work): quick 28 CPU-s (~45 s wall), scale 1 230 CPU-s (~6 min wall;
 * about 2 min on an idle machine), scale 10 2,800 CPU-s, 15 GB.
 *
 * Deterministic: ids, names, texts and choices come from a seeded PRNG (bench/text.ts)
 * per entity, so the same seed gives the same data. Timestamps are relative to `now`
 * (default: the start of the current UTC day), spread over the last two years.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { hashPassword } from "../app/auth/password.server";
import { renderMarkdown } from "../app/lib/markdown.server";
import { createConnection } from "../db/client";
import { DEMO_TOTP_SECRET, organisations as seedOrganisations } from "../db/seed-data";
import {
  ascii,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  MINISTRIES,
  NOUNS,
  PLACES,
  RARE_WORDS,
  Rng,
  STEMMING_TERMS,
  Writer,
} from "./text";

export interface BenchFixture {
  scale: number;
  quick: boolean;
  seed: number;
  counts: { organisations: number; people: number; networks: number; documents: number; meetings: number; updates: number };
  /** Every generated person's password. */
  password: string;
  /** A contact (not coordinator, not org admin) of a member organisation of `networkSlug` that posts updates there. */
  member: { email: string; sessionToken: string };
  /**
   * The coordinator of `networkSlug`. The app requires MFA of coordinators (a coordinator
   * without it is sent to /account/mfa from every page), so it has TOTP with `totpSecret`;
   * `sessionToken` is a signed-in session (cookie `np_session` on http://localhost) for
   * benchmarks that do not want to sign in.
   */
  coordinator: { email: string; totpSecret: string; sessionToken: string };
  networkSlug: string;
  /** Exactly 10,000 live documents, all open or internal (visible to member and coordinator). */
  bigFolderId: string;
  /** Exactly 100 live documents, all open or internal. */
  smallFolderId: string;
  /** The `after` value of bigFolder's page that starts at its 9,001st document (title, id order). */
  deepCursor: string;
  /** A document in bigFolder with 3 versions. */
  documentId: string;
  /** A past meeting of networkSlug with published minutes, an agenda and action items. */
  meetingId: string;
  /** An update in networkSlug (by member's organisation, with comments). */
  updateId: string;
  /** Swedish words in document text: common, medium, rare, and inflections found only by stemming. */
  searchTerms: string[];
  /** The same terms by kind: in nearly every document, in some, in a few dozen per 100,000, and found only by stemming. */
  searchTermGroups: { common: string[]; medium: string[]; rare: string[]; stemming: string[] };
  /** Seconds per phase. */
  timings: Record<string, number>;
}

export interface GenerateOptions {
  scale: number;
  quick: boolean;
  seed?: number;
  /** Timestamps are relative to this instant (default: the start of the current UTC day). */
  now?: Date;
  log?: (line: string) => void;
}

export const BENCH_PASSWORD = "bench-portal-2026";
export const BENCH_NETWORK_SLUG = "myndighetsnatverket-bench";
const TOTP_SECRET = DEMO_TOTP_SECRET;
const BIG_FOLDER_SIZE = 10_000;
const SMALL_FOLDER_SIZE = 100;
const SPECIAL_DOCUMENTS = BIG_FOLDER_SIZE + SMALL_FOLDER_SIZE;
const DAY = 86_400_000;
const SPAN_DAYS = 730;

// Entity streams of the PRNG: each entity i of a kind has its own generator (seed, kind, i).
const S = {
  org: 1,
  person: 2,
  network: 3,
  folder: 4,
  document: 5,
  post: 6,
  meeting: 7,
  assignment: 8,
  misc: 9,
  version: 10,
} as const;

// ---------------------------------------------------------------------------------------
// COPY in text format
// ---------------------------------------------------------------------------------------

type Value = string | number | boolean | null | undefined | Date;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const NEEDS_ESCAPE = /[\\\t\n\r]/;

function field(v: Value): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "string") return NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
  if (typeof v === "boolean") return v ? "t" : "f";
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** Rows of one table for one COPY. */
class Rows {
  private lines: string[] = [];
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}
  add(...values: Value[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.table}: ${values.length} values for ${this.columns.length} columns`);
    let line = field(values[0]);
    for (let i = 1; i < values.length; i++) line += "\t" + field(values[i]);
    this.lines.push(line);
  }
  get size(): number {
    return this.lines.length;
  }
  take(): string {
    const data = this.lines.length > 0 ? this.lines.join("\n") + "\n" : "";
    this.lines = [];
    return data;
  }
}

type Sql = postgres.Sql;

/**
 * COPY `rows` into their table. postgres.js resolves nothing and rejects nothing when
 * PostgreSQL refuses a row after the last chunk was sent (the stream simply never
 * finishes), so the query's internal reject is wrapped to surface that error.
 */
async function copy(sql: Sql | postgres.ReservedSql, rows: Rows): Promise<number> {
  const n = rows.size;
  if (n === 0) return 0;
  const data = rows.take();
  const query = sql`copy ${sql(rows.table)} (${sql(rows.columns as string[])}) from stdin`;
  let fail: (error: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const internal = query as unknown as { reject?: (error: unknown) => void };
  if (typeof internal.reject === "function") {
    const reject = internal.reject;
    internal.reject = (error: unknown) => {
      fail(error);
      reject(error);
    };
  }
  const stream = await query.writable();
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  stream.end(data);
  try {
    await Promise.race([finished, failed]);
  } catch (error) {
    throw new Error(`COPY into ${rows.table} failed: ${(error as Error).message}`, { cause: error });
  }
  return n;
}

/**
 * Runs `batches` on one reserved connection: each batch's rows (parents before children)
 * are copied in order, and the next batch is generated while PostgreSQL ingests this one.
 */
async function stream(sql: Sql, batches: Iterable<Rows[]>, onBatch?: () => void): Promise<{ seconds: number; backendCpu: number | null }> {
  const started = performance.now();
  const connection = await sql.reserve();
  try {
    const [backend] = await connection<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const cpuBefore = backendCpuSeconds(backend!.pid);
    let inFlight: Promise<void> = Promise.resolve();
    for (const batch of batches) {
      await inFlight;
      onBatch?.();
      inFlight = (async () => {
        for (const rows of batch) await copy(connection, rows);
      })();
      // Let the COPY start before the next batch is generated.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await inFlight;
    const cpuAfter = backendCpuSeconds(backend!.pid);
    return { seconds: (performance.now() - started) / 1000, backendCpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
  } finally {
    connection.release();
  }
}

/** CPU seconds a local PostgreSQL backend has used (Linux), to tell our cost from a busy machine's. */
function backendCpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The audit log as the app writes it (app/models/audit.server.ts), from the benchmark's made-up client. */
class AuditRows extends Rows {
  constructor() {
    super("audit_events", ["at", "actor_user_id", "actor_organisation_id", "action", "target_type", "target_id", "ip", "user_agent", "details"]);
  }
  event(at: Date, actor: { id: string; organisationId: string }, action: string, targetType: string, targetId: string, details: Record<string, unknown>): void {
    this.add(at, actor.id, actor.organisationId, action, targetType, targetId, "192.0.2.10", "Mozilla/5.0 (X11; Linux x86_64) bench", JSON.stringify(details));
  }
}

// ---------------------------------------------------------------------------------------
// The model of the small tables (kept in memory; at most tens of thousands of rows)
// ---------------------------------------------------------------------------------------

type OrgKind = "authority" | "county_board" | "ngo" | "municipality" | "region" | "other";

interface Org {
  index: number;
  id: string;
  key: string;
  name: string;
  shortName: string;
  kind: OrgKind;
  orgNumber: string | null;
  website: string | null;
  people: number[];
  assignments: string[];
}

interface Person {
  index: number;
  id: string;
  org: number;
  name: string;
  email: string;
  status: "active" | "invited" | "deactivated";
  isOrgAdmin: boolean;
  isPlatformAdmin: boolean;
  mfa: boolean;
  createdAt: Date;
}

type NetworkKind = "authority_network" | "ngo_network" | "county_network" | "resource_centre" | "working_group" | "steering_group";

interface Network {
  index: number;
  id: string;
  slug: string;
  name: string;
  kind: NetworkKind;
  description: string;
  parent: number | null;
  orgs: number[];
  coordinators: number[];
  members: number[];
  /** Active people who may post and upload there. */
  posters: number[];
  /** Everyone who sees it (posters, coordinators, parent coordinators). */
  audience: number[];
  folders: string[];
  weight: number;
}

const GENERATED_ORG_TEMPLATES: ((place: string) => { name: string; short: string; kind: OrgKind })[] = [
  (p) => ({ name: `${p} kommun`, short: p, kind: "municipality" }),
  (p) => ({ name: `Kvinnojouren i ${p}`, short: `Kvinnojouren ${p}`, kind: "ngo" }),
  (p) => ({ name: `Region ${p}`, short: `Region ${p}`, kind: "region" }),
  (p) => ({ name: `Tjejjouren ${p}`, short: `Tjejjouren ${p}`, kind: "ngo" }),
  (p) => ({ name: `Socialförvaltningen i ${p}`, short: `Soc ${p}`, kind: "municipality" }),
  (p) => ({ name: `Föreningen Trygg uppväxt ${p}`, short: `Trygg uppväxt ${p}`, kind: "ngo" }),
  (p) => ({ name: `Stiftelsen Frihet ${p}`, short: `Frihet ${p}`, kind: "ngo" }),
  (p) => ({ name: `Samordningsförbundet ${p}`, short: `SOFS ${p}`, kind: "other" }),
];

const FOLDER_NAMES = [
  "Handlingsplaner", "Mötesunderlag", "Protokoll", "Rapporter", "Utbildningsmaterial", "Regeringsuppdrag",
  "Lägesbilder", "Remissvar", "Statistik", "Mallar", "Kommunikation", "Forskning och kunskapsstöd",
  "Samverkansavtal", "Metodstöd", "Arkiv", "Presentationer", "Enkäter", "Omvärldsbevakning",
];
const SUBFOLDER_NAMES = ["2023", "2024", "2025", "2026", "Utkast", "Beslutade", "Underlag", "Bilagor", "Äldre versioner"];
const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

const FILE_TYPES = [
  { ext: "pdf", mime: "application/pdf", weight: 55, factor: [6, 30] as const, base: 24_000 },
  { ext: "docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", weight: 28, factor: [2, 6] as const, base: 11_000 },
  { ext: "txt", mime: "text/plain; charset=utf-8", weight: 5, factor: [1, 1] as const, base: 0 },
  { ext: "md", mime: "text/markdown; charset=utf-8", weight: 4, factor: [1, 1] as const, base: 0 },
  { ext: "pptx", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", weight: 8, factor: [20, 80] as const, base: 60_000 },
];
const FILE_WEIGHT = FILE_TYPES.reduce((s, f) => s + f.weight, 0);

function pickWeighted<T extends { weight: number }>(rng: Rng, items: readonly T[], total: number): T {
  let x = rng.next() * total;
  for (const item of items) {
    x -= item.weight;
    if (x < 0) return item;
  }
  return items[items.length - 1]!;
}

/** The rendered HTML of update bodies as written by Writer.markdown (paragraphs, "- " lists, bold). */
function renderSimpleMarkdown(source: string): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const inline = (s: string) => escape(s).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");
  let html = "";
  for (const block of source.split("\n\n")) {
    if (block.startsWith("- ")) {
      html += "<ul>\n" + block.split("\n").map((line) => `<li>${inline(line.slice(2))}</li>\n`).join("") + "</ul>\n";
    } else {
      html += `<p>${inline(block).replace(/\n/g, "<br />\n")}</p>\n`;
    }
  }
  return html;
}

// ---------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------

function countsFor(scale: number, quick: boolean) {
  const base = quick
    ? { organisations: 60, people: 500, networks: 10, documents: 12_000, meetings: 2_000, updates: 20_000 }
    : { organisations: 60, people: 5_000, networks: 10, documents: 100_000, meetings: 20_000, updates: 200_000 };
  const times = (n: number, min: number) => Math.max(min, Math.round(n * scale));
  return {
    organisations: times(base.organisations, 60),
    people: times(base.people, 300),
    networks: times(base.networks, 10),
    // The two special folders plus at least a thousand others.
    documents: times(base.documents, SPECIAL_DOCUMENTS + 1_000),
    meetings: times(base.meetings, 100),
    updates: times(base.updates, 1_000),
  };
}

// ---------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------

export async function generate(databaseUrl: string, options: GenerateOptions): Promise<BenchFixture> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 20_260_601;
  const scale = options.scale;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number, not ${scale}`);
  const quick = options.quick;
  const counts = countsFor(scale, quick);
  const now = options.now ?? new Date(Math.floor(Date.now() / DAY) * DAY);
  const start = new Date(now.getTime() - SPAN_DAYS * DAY);
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  let tPhase = t0;
  const phase = (name: string, detail = "") => {
    const t = performance.now();
    timings[name] = Math.round(t - tPhase) / 1000;
    log(`${name}: ${timings[name]} s${detail ? ` (${detail})` : ""}`);
    tPhase = t;
  };
  const rngFor = (stream: number, i: number, sub = 0) => new Rng(seed, stream, i, sub);
  /** An instant between `start` and `now`, increasing with i/n (so rows arrive in time order). */
  const timeAt = (i: number, n: number, rng: Rng) =>
    new Date(start.getTime() + Math.floor(((i + rng.next()) / n) * (SPAN_DAYS * DAY - DAY)));

  log(`generating ${JSON.stringify(counts)} (scale ${scale}${quick ? ", quick" : ""}, seed ${seed})`);

  // Migrations, on an empty database.
  const connection = createConnection({ databaseUrl, poolMax: 1 });
  try {
    await connection.migrate();
  } finally {
    await connection.close();
  }
  const sql = postgres(databaseUrl, {
    max: 4,
    onnotice: () => {},
    connection: { application_name: "bench-generate", synchronous_commit: "off" },
  });
  try {
    const [existing] = await sql<{ n: number }[]>`select (select count(*) from organisations)::int + (select count(*) from users)::int as n`;
    if ((existing?.n ?? 0) > 0) throw new Error("bench/generate expects an empty database (run it on a freshly created one)");
    phase("migrate");

    const passwordHash = await hashPassword(BENCH_PASSWORD);
    phase("hash password");

    // ---- organisations -----------------------------------------------------------------
    const orgs: Org[] = [];
    const orgNames = new Set<string>();
    let generatedName = 0;
    for (let i = 0; i < counts.organisations; i++) {
      const rng = rngFor(S.org, i);
      let o: { key: string; name: string; short: string; kind: OrgKind; orgNumber: string | null; website: string | null };
      const fromSeed = seedOrganisations[i];
      if (fromSeed) {
        o = { key: fromSeed.key, name: fromSeed.name, short: fromSeed.shortName, kind: fromSeed.kind, orgNumber: fromSeed.orgNumber ?? null, website: fromSeed.website ?? null };
      } else {
        // The next made-up name not taken (by a seed organisation such as "Mora kommun" either).
        let made: { name: string; short: string; kind: OrgKind };
        do {
          const j = generatedName++;
          const template = GENERATED_ORG_TEMPLATES[j % GENERATED_ORG_TEMPLATES.length]!;
          const round = Math.floor(j / (GENERATED_ORG_TEMPLATES.length * PLACES.length));
          const base = template(PLACES[Math.floor(j / GENERATED_ORG_TEMPLATES.length) % PLACES.length]!);
          const suffix = round > 0 ? ` ${round + 1}` : "";
          made = { name: base.name + suffix, short: base.short + suffix, kind: base.kind };
        } while (orgNames.has(made.name));
        o = {
          key: ascii(made.name),
          name: made.name,
          short: made.short,
          kind: made.kind,
          orgNumber: rng.chance(0.5) ? `${rng.int(212000, 252999)}-${String(rng.int(0, 9999)).padStart(4, "0")}` : null,
          website: rng.chance(0.7) ? `https://www.${ascii(made.short)}.example.se` : null,
        };
      }
      if (orgNames.has(o.name)) throw new Error(`duplicate organisation name ${o.name}`);
      orgNames.add(o.name);
      orgs.push({ index: i, id: rng.uuid(), key: o.key, name: o.name, shortName: o.short, kind: o.kind, orgNumber: o.orgNumber, website: o.website, people: [], assignments: [] });
    }
    const orgByKey = new Map(orgs.map((o) => [o.key, o]));
    const homeOrg = orgByKey.get("lst-ostergotland")!;
    const memberOrg = orgByKey.get("polisen")!;

    // ---- people ------------------------------------------------------------------------
    const orgWeights = orgs.map((o) => (o.kind === "authority" ? 3 : o.kind === "county_board" ? 2 : 1));
    const orgWeightTotal = orgWeights.reduce((a, b) => a + b, 0);
    const people: Person[] = [];
    const SPECIAL_PEOPLE = 3; // 0 platform admin, 1 coordinator of the benchmark network, 2 the member
    for (let i = 0; i < counts.people; i++) {
      const rng = rngFor(S.person, i);
      let org: number;
      if (i === 0 || i === 1) org = homeOrg.index;
      else if (i === 2) org = memberOrg.index;
      else if (i < SPECIAL_PEOPLE + 2 * orgs.length) org = (i - SPECIAL_PEOPLE) % orgs.length;
      else {
        let x = rng.next() * orgWeightTotal;
        org = 0;
        while (org < orgs.length - 1 && (x -= orgWeights[org]!) >= 0) org++;
      }
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const special = i < SPECIAL_PEOPLE;
      const email =
        i === 0 ? "admin@bench.example.org" : i === 1 ? "samordnare@bench.example.org" : i === 2 ? "medlem@bench.example.org" : `${ascii(first)}.${ascii(last)}.${i}@${ascii(orgs[org]!.shortName)}.example.se`;
      const roll = rng.next();
      const status = special || roll >= 0.04 ? "active" : roll < 0.02 ? "invited" : "deactivated";
      const person: Person = {
        index: i,
        id: rng.uuid(),
        org,
        name: i === 0 ? "Plattformsadministratör Bench" : `${first} ${last}`,
        email,
        status,
        // The first round-robin contact of each organisation administers it.
        isOrgAdmin: i >= SPECIAL_PEOPLE && i < SPECIAL_PEOPLE + orgs.length,
        isPlatformAdmin: i === 0,
        mfa: i === 0,
        createdAt: new Date(start.getTime() - rng.int(30, 400) * DAY),
      };
      people.push(person);
      orgs[org]!.people.push(i);
    }
    const active = (p: number) => people[p]!.status === "active";
    const memberIndex = 2;
    const coordinatorIndex = 1;
    const actor = (p: number) => ({ id: people[p]!.id, organisationId: orgs[people[p]!.org]!.id });

    // ---- networks ----------------------------------------------------------------------
    const networks: Network[] = [];
    const byKind = (kinds: OrgKind[]) => orgs.filter((o) => kinds.includes(o.kind)).map((o) => o.index);
    const authorities = byKind(["authority", "other"]).filter((i) => i < seedOrganisations.length);
    const countyBoards = byKind(["county_board"]);
    const ngosAndLocal = byKind(["ngo", "municipality", "region", "other"]).filter((i) => !authorities.includes(i));
    const pickCoordinator = (rng: Rng, orgIndexes: number[]) => {
      const candidates = orgIndexes.flatMap((o) => orgs[o]!.people).filter((p) => active(p) && p >= SPECIAL_PEOPLE);
      return candidates.length > 0 ? rng.pick(candidates) : undefined;
    };
    for (let k = 0; k < counts.networks; k++) {
      const rng = rngFor(S.network, k);
      const round = Math.floor(k / 10);
      const tag = round > 0 ? ` ${round + 1}` : "";
      const slugTag = round > 0 ? `-${round + 1}` : "";
      const pattern = k % 10;
      const parentOf = (p: number) => (round === 0 && p === 0 ? 0 : round * 10 + p);
      let n: Omit<Network, "index" | "id" | "posters" | "audience" | "folders" | "weight">;
      if (k === 0) {
        n = {
          slug: BENCH_NETWORK_SLUG,
          name: "Myndighetsnätverket (benchmark)",
          kind: "authority_network",
          description:
            "Statliga myndigheter med regeringsuppdrag om hedersrelaterat våld och förtryck, barnäktenskap, tvångsäktenskap och könsstympning. Här delar myndigheterna information och erfarenheter och samordnar sina insatser.",
          parent: null,
          orgs: [...authorities, ...["lst-stockholm", "lst-vastra-gotaland", "lst-skane", "lst-ostergotland"].map((key) => orgByKey.get(key)!.index)],
          coordinators: [coordinatorIndex],
          members: [],
        };
      } else {
        const county = rng.pick(countyBoards);
        const local = rng.sample(ngosAndLocal, rng.int(4, 9));
        const patterns: (() => typeof n)[] = [
          () => ({ slug: `myndighetsnatverket-tema${slugTag}`, name: `Myndighetsnätverket om barnäktenskap${tag}`, kind: "authority_network", description: "Myndigheter som samordnar arbetet mot barnäktenskap och tvångsäktenskap.", parent: null, orgs: [...rng.sample(authorities, rng.int(8, 15)), county], coordinators: [], members: [] }),
          () => ({ slug: `ideella-organisationer${slugTag}`, name: `Nätverket för ideella organisationer${tag}`, kind: "ngo_network", description: "Ideella organisationer som stödjer personer utsatta för hedersrelaterat våld och förtryck.", parent: null, orgs: [...ngosAndLocal.filter((o) => orgs[o]!.kind === "ngo"), homeOrg.index], coordinators: [coordinatorIndex], members: [] }),
          () => ({ slug: `lansstyrelsernas-natverk${slugTag}`, name: `Länsstyrelsernas nätverk${tag}`, kind: "county_network", description: "Länsstyrelsernas samordnare mot mäns våld mot kvinnor och hedersrelaterat våld och förtryck.", parent: null, orgs: countyBoards, coordinators: [], members: [] }),
          () => ({ slug: `resurscentrum-${ascii(orgs[county]!.shortName)}${slugTag}`, name: `Regionalt resurscentrum ${orgs[county]!.shortName.replace("Lst ", "")}${tag}`, kind: "resource_centre", description: "Ett regionalt resurscentrum mot hedersrelaterat våld och förtryck, lett av länsstyrelsen.", parent: null, orgs: [county, ...local], coordinators: [], members: [] }),
          () => ({ slug: `arbetsgrupp-stod${slugTag}`, name: `Arbetsgrupp: stöd till barn och vuxna${tag}`, kind: "working_group", description: "Tar fram hur resurscentrat ger stöd, skydd och rådgivning.", parent: parentOf(3), orgs: [], coordinators: [], members: [] }),
          () => ({ slug: `styrgrupp${slugTag}`, name: `Styrgrupp${tag}`, kind: "steering_group", description: "Chefer och strateger som beslutar om resurscentrats inriktning.", parent: parentOf(3), orgs: [], coordinators: [], members: [] }),
          () => ({ slug: `resurscentrum-syd${slugTag}`, name: `Resurscentrum Syd${tag}`, kind: "resource_centre", description: "Kommuner, region och myndigheter i södra Sverige bygger upp ett gemensamt stöd.", parent: null, orgs: [county, ...local], coordinators: [], members: [] }),
          () => ({ slug: `arbetsgrupp-utbildning${slugTag}`, name: `Arbetsgrupp: utbildning${tag}`, kind: "working_group", description: "Planerar nätverkets gemensamma utbildningsinsatser.", parent: parentOf(0), orgs: [], coordinators: [], members: [] }),
          () => ({ slug: `natverket-mot-konsstympning${slugTag}`, name: `Nätverket mot könsstympning${tag}`, kind: "authority_network", description: "Myndigheter och regioner som arbetar mot könsstympning av flickor och kvinnor.", parent: null, orgs: [...rng.sample(authorities, rng.int(6, 12)), ...rng.sample(ngosAndLocal, 3)], coordinators: [], members: [] }),
          () => ({ slug: `arbetsgrupp-metod${slugTag}`, name: `Arbetsgrupp: metodstöd${tag}`, kind: "working_group", description: "Sammanställer metodstöd och vägledningar.", parent: parentOf(8), orgs: [], coordinators: [], members: [] }),
        ];
        n = patterns[pattern]!();
        n.orgs = [...new Set(n.orgs)];
        if (n.parent !== null) {
          // Groups: the parent's coordinators lead them; named members from the parent's organisations.
          const parent = networks[n.parent]!;
          n.coordinators = [...parent.coordinators];
          const pool = parent.orgs.flatMap((o) => orgs[o]!.people).filter((p) => active(p) && p >= SPECIAL_PEOPLE);
          n.members = rng.sample(pool, rng.int(4, 12));
        } else if (n.coordinators.length === 0) {
          const lead = n.orgs.filter((o) => orgs[o]!.kind === "county_board").slice(0, 1).concat(n.orgs.slice(0, 1));
          n.coordinators = [pickCoordinator(rng, lead) ?? pickCoordinator(rng, n.orgs)!];
        }
      }
      networks.push({ ...n, index: k, id: rng.uuid(), posters: [], audience: [], folders: [], weight: k === 0 ? 4 : n.parent === null ? 2 : 0.5 });
    }
    for (const n of networks) {
      const inOrgs = n.orgs.flatMap((o) => orgs[o]!.people).filter(active);
      n.posters = [...new Set([...inOrgs, ...n.members])];
      const parentCoordinators = n.parent !== null ? networks[n.parent]!.coordinators : [];
      n.audience = [...new Set([...n.posters, ...n.coordinators, ...parentCoordinators])];
      for (const c of n.coordinators) people[c]!.mfa = true;
    }
    const networkWeightTotal = networks.reduce((s, n) => s + n.weight, 0);
    const pickNetwork = (rng: Rng) => pickWeighted(rng, networks, networkWeightTotal);
    /** Networks each organisation belongs to, for updates to several networks. */
    const orgNetworks = orgs.map(() => [] as number[]);
    for (const n of networks) for (const o of n.orgs) orgNetworks[o]!.push(n.index);
    const seesNetwork = (p: number, n: Network) =>
      n.orgs.includes(people[p]!.org) || n.members.includes(p) || n.coordinators.includes(p) || (n.parent !== null && networks[n.parent]!.coordinators.includes(p));
    const memberSees = new Set(networks.filter((n) => seesNetwork(memberIndex, n)).map((n) => n.index));
    const coordinatorSees = new Set(networks.filter((n) => seesNetwork(coordinatorIndex, n)).map((n) => n.index));
    const bench = networks[0]!;
    if (!bench.orgs.includes(memberOrg.index) || bench.coordinators.includes(memberIndex)) throw new Error("the member must belong to the benchmark network");

    // ---- assignments (government assignments of agencies and county boards) -------------
    const assignments = new Rows("assignments", ["id", "organisation_id", "title", "reference", "issuer", "start_date", "report_due_date", "status", "description", "link", "created_by", "created_at", "updated_at"]);
    let assignmentCount = 0;
    for (const o of orgs) {
      if (o.kind !== "authority" && o.kind !== "county_board") continue;
      const rng = rngFor(S.assignment, o.index);
      const w = new Writer(rng, [o.shortName]);
      for (let a = rng.int(0, 3); a > 0; a--) {
        const id = rng.uuid();
        const startDate = new Date(start.getTime() - rng.int(0, 700) * DAY);
        const due = new Date(startDate.getTime() + rng.int(300, 1400) * DAY);
        const status = due < now ? (rng.chance(0.6) ? "closed" : "reported") : rng.chance(0.1) ? "reported" : "ongoing";
        const ministry = rng.pick(MINISTRIES);
        const creator = o.people.find(active) ?? null;
        assignments.add(
          id,
          o.id,
          `Uppdrag att ${w.verbInf()} ${w.noun(1)} mot ${w.harm()}`,
          `${ministry.charAt(0)}${startDate.getUTCFullYear()}/${String(rng.int(100, 3999)).padStart(5, "0")}`,
          ministry,
          startDate.toISOString().slice(0, 10),
          due.toISOString().slice(0, 10),
          status,
          w.paragraph(1, 2),
          "https://www.regeringen.se/regeringsuppdrag/",
          creator === null ? null : people[creator]!.id,
          startDate,
          startDate,
        );
        o.assignments.push(id);
        assignmentCount++;
      }
    }

    // ---- copy the small tables --------------------------------------------------------
    const orgRows = new Rows("organisations", ["id", "name", "short_name", "kind", "org_number", "website", "require_mfa", "created_at"]);
    for (const o of orgs) orgRows.add(o.id, o.name, o.shortName, o.kind, o.orgNumber, o.website, false, new Date(start.getTime() - 500 * DAY));
    const userRows = new Rows("users", [
      "id", "organisation_id", "name", "title", "email", "phone", "locale", "status", "password_hash", "is_platform_admin", "is_org_admin",
      "mfa_secret", "mfa_enabled_at", "deactivated_at", "digest", "created_at", "updated_at",
    ]);
    const invitationRows = new Rows("invitations", ["id", "user_id", "organisation_id", "invited_by", "token_hash", "created_at", "expires_at"]);
    for (const p of people) {
      const rng = rngFor(S.person, p.index, 1);
      const title =
        p.index === 0 ? "Systemförvaltare" : p.index === 1 ? "Samordnare, Nationellt centrum mot hedersrelaterat våld och förtryck" : p.index === 2 ? "Utredare" : rng.pick(JOB_TITLES);
      const invited = p.status === "invited";
      userRows.add(
        p.id, orgs[p.org]!.id, p.name, title, p.email, `070-174 06 ${String(5 + (p.index % 95)).padStart(2, "0")}`,
        rng.chance(0.05) && p.index >= SPECIAL_PEOPLE ? "en" : "sv", p.status, invited ? null : passwordHash, p.isPlatformAdmin, p.isOrgAdmin,
        p.mfa ? TOTP_SECRET : null, p.mfa ? p.createdAt : null, p.status === "deactivated" ? new Date(now.getTime() - rng.int(1, 300) * DAY) : null,
        rng.pick(["weekly", "weekly", "weekly", "daily", "off"] as const), p.createdAt, p.createdAt,
      );
      if (invited) {
        const admin = orgs[p.org]!.people.find((q) => people[q]!.isOrgAdmin && q !== p.index) ?? 0;
        const created = new Date(now.getTime() - rng.int(1, 20) * DAY);
        invitationRows.add(rng.uuid(), p.id, orgs[p.org]!.id, people[admin]!.id, rng.hex(32), created, new Date(created.getTime() + 7 * DAY));
      }
    }
    const networkRows = new Rows("networks", ["id", "kind", "name", "slug", "description", "parent_id", "created_at"]);
    const networkOrgRows = new Rows("network_organisations", ["network_id", "organisation_id", "added_at"]);
    const networkPeopleRows = new Rows("network_people", ["network_id", "user_id", "role", "added_at"]);
    const networkCreated = new Date(start.getTime() - 60 * DAY);
    for (const n of networks) {
      networkRows.add(n.id, n.kind, n.name, n.slug, n.description, n.parent === null ? null : networks[n.parent]!.id, networkCreated);
      for (const o of n.orgs) networkOrgRows.add(n.id, orgs[o]!.id, networkCreated);
      for (const c of n.coordinators) networkPeopleRows.add(n.id, people[c]!.id, "coordinator", networkCreated);
      for (const m of n.members) networkPeopleRows.add(n.id, people[m]!.id, "member", networkCreated);
    }

    // Folders: a dozen or so per network, some with subfolders; the two special ones in the benchmark network.
    const folderRows = new Rows("folders", ["id", "network_id", "parent_id", "name", "organisation_id", "created_by", "created_at"]);
    let bigFolderId = "";
    let smallFolderId = "";
    let folderCount = 0;
    for (const n of networks) {
      const rng = rngFor(S.folder, n.index);
      const creator = n.coordinators[0] ?? n.posters[0]!;
      const addFolder = (name: string, parent: string | null) => {
        const id = rng.uuid();
        folderRows.add(id, n.id, parent, name, orgs[people[creator]!.org]!.id, people[creator]!.id, new Date(networkCreated.getTime() + rng.int(0, 50) * DAY));
        folderCount++;
        return id;
      };
      for (const name of rng.sample(FOLDER_NAMES, rng.int(6, 12))) {
        const id = addFolder(name, null);
        n.folders.push(id);
        for (const sub of rng.sample(SUBFOLDER_NAMES, rng.chance(0.5) ? rng.int(1, 4) : 0)) n.folders.push(addFolder(sub, id));
      }
      if (n.index === 0) {
        bigFolderId = addFolder("Lägesrapporter – arkiv", null);
        const meetings = addFolder("Inför nästa nätverksmöte", null);
        n.folders.push(meetings);
        smallFolderId = addFolder("Aktuellt underlag", meetings);
      }
    }

    await copy(sql, orgRows);
    await copy(sql, userRows);
    await copy(sql, invitationRows);
    await copy(sql, networkRows);
    await copy(sql, networkOrgRows);
    await copy(sql, networkPeopleRows);
    await copy(sql, folderRows);
    await copy(sql, assignments);
    phase("small tables", `${orgs.length} organisations, ${people.length} people, ${networks.length} networks, ${folderCount} folders, ${assignmentCount} assignments`);

    // ---- search terms -----------------------------------------------------------------
    // Forced words: each is written into about one document in 2,000 (and into several
    // in any size), so rare terms and the stems of the stemming terms always occur.
    const tail = [2200, 2500, 2800, NOUNS.length - 1].map((r) => NOUNS[r]!).filter((n) => !n.singularOnly).map((n) => n.forms[0]);
    const forced = [...RARE_WORDS, ...tail, ...STEMMING_TERMS.map(([, base]) => base)];
    const common = [0, 1, 3, 5, 8].map((r) => NOUNS[r]!.forms[0]);
    const medium: string[] = [];
    for (let k = 0; medium.length < 25 && k < 200; k++) {
      const rank = Math.round(12 * Math.pow(1800 / 12, k / 30));
      const noun = NOUNS[rank];
      if (!noun || noun.singularOnly) continue;
      const word = noun.forms[0];
      if (!medium.includes(word) && !common.includes(word) && !forced.includes(word)) medium.push(word);
    }
    // At least three documents per forced word even in the smallest run.
    const forcedEvery = Math.max(1, Math.min(2000, Math.floor((counts.documents - SPECIAL_DOCUMENTS) / 3)));
    const searchTerms = [...common, ...medium, ...tail, ...RARE_WORDS, ...STEMMING_TERMS.map(([inflected]) => inflected)];

    // ---- documents --------------------------------------------------------------------
    const D = counts.documents;
    /** The k-th special document (big folder first, then small) sits at an evenly spread position. */
    const specialPosition = (k: number) => Math.ceil(((k + 1) * D) / SPECIAL_DOCUMENTS) - 1;
    const specialIndex = (i: number) => {
      const k = Math.floor((i * SPECIAL_DOCUMENTS) / D);
      return specialPosition(k) === i ? k : -1;
    };
    const documentId = (i: number) => rngFor(S.document, i).uuid();
    const orgShortNames = orgs.map((o) => o.shortName);
    const documentColumns = [
      "id", "network_id", "folder_id", "title", "description", "organisation_id", "registration_number", "classification",
      "secrecy_reference", "current_version", "content_text", "revision", "created_by", "created_at", "updated_at", "deleted_at", "deleted_by",
    ];
    const versionColumns = [
      "id", "document_id", "number", "storage_key", "file_name", "mime_type", "size", "sha256", "scan", "extracted_text", "restored_from", "uploaded_by", "created_at",
    ];
    const threeVersionDocument = specialPosition(0);
    let documentsDone = 0;
    let versionsDone = 0;
    let restrictedDone = 0;

    function* documentBatches(): Generator<Rows[]> {
      const batchSize = 1_000;
      for (let from = 0; from < D; from += batchSize) {
        const docs = new Rows("documents", documentColumns);
        const versions = new Rows("document_versions", versionColumns);
        const access = new Rows("document_access", ["document_id", "organisation_id"]);
        const audit = new AuditRows();
        // Ordinary (not special) documents before `from`: the specials before it are floor(from * S / D).
        let ordinal = from - Math.floor((from * SPECIAL_DOCUMENTS) / D);
        for (let i = from; i < Math.min(D, from + batchSize); i++) {
          const rng = rngFor(S.document, i);
          const id = rng.uuid();
          const k = specialIndex(i);
          const special = k >= 0;
          const network = special ? bench : pickNetwork(rng);
          const author = rng.pick(network.posters);
          const owner = orgs[people[author]!.org]!;
          let folder: string | null;
          if (special) folder = k < BIG_FOLDER_SIZE ? bigFolderId : smallFolderId;
          else folder = rng.chance(0.12) || network.folders.length === 0 ? null : rng.pick(network.folders);
          const classification = special ? (rng.chance(0.5) ? "open" : "internal") : rng.next() < 0.45 ? "open" : rng.next() < 0.85 ? "internal" : "restricted";
          const createdAt = timeAt(i, D, rng);
          const w = new Writer(rng, orgShortNames);
          const extra: string[] = [];
          if (!special) {
            for (let f = 0; f < forced.length; f++) if ((ordinal + f * 131) % forcedEvery === 0) extra.push(forced[f]!);
            ordinal++;
          }
          const text = w.text(rng.int(1700, 2400), extra);
          const year = createdAt.getUTCFullYear();
          const title = documentTitle(rng, w, owner.shortName, year, createdAt);
          const registration = rng.chance(0.35) ? registrationNumber(rng, owner, year) : "";
          const description = rng.chance(0.4) ? w.sentence() : "";
          const versionsCount = i === threeVersionDocument ? 3 : rng.next() < 0.9 ? 1 : rng.next() < 0.7 ? 2 : 3;
          const restored = versionsCount === 3 && i !== threeVersionDocument && rng.chance(0.3);
          // Older versions: other text (a restored third version repeats the first).
          const versionTexts: string[] = [];
          for (let v = 1; v < versionsCount; v++) versionTexts.push(new Writer(rngFor(S.version, i, v), orgShortNames).text(rng.int(1500, 2400)));
          const currentText = restored ? versionTexts[0]! : text;
          versionTexts.push(currentText);
          const versionTimes: Date[] = [createdAt];
          for (let v = 1; v < versionsCount; v++) {
            const next = new Date(versionTimes[v - 1]!.getTime() + rng.int(1, 60) * DAY);
            versionTimes.push(next < now ? next : new Date(versionTimes[v - 1]!.getTime() + 60_000));
          }
          const updatedAt = versionTimes[versionsCount - 1]!;
          const deleted = !special && rng.chance(0.005);
          // Trashed within the last 30 days (the trash keeps them that long), after the last version.
          const deletedAt = deleted ? new Date(Math.max(updatedAt.getTime(), now.getTime() - 29 * DAY) + Math.floor(rng.next() * Math.min(29 * DAY, now.getTime() - updatedAt.getTime()))) : null;
          // Some of the benchmark network's trashed documents lie in the big folder (not live, not counted).
          if (deleted && network === bench && rng.chance(0.3)) folder = bigFolderId;
          docs.add(
            id, network.id, folder, title, description, owner.id, registration, classification,
            classification === "restricted" ? rng.pick(["OSL 26 kap. 1 §", "OSL 35 kap. 1 §", "OSL 18 kap. 1 §"]) : "",
            versionsCount, currentText, rng.chance(0.1) ? 2 : 1, people[author]!.id, createdAt, updatedAt,
            deletedAt, deleted ? people[author]!.id : null,
          );
          const fileType = pickWeighted(rng, FILE_TYPES, FILE_WEIGHT);
          const fileBase = ascii(title).slice(0, 60) || "dokument";
          const firstVersion = { key: "", sha: "", size: 0 };
          for (let v = 1; v <= versionsCount; v++) {
            const isRestore = restored && v === 3;
            const key = isRestore ? firstVersion.key : `objects/${hexPrefix(rng)}/${rng.uuid()}`;
            const bytes = Buffer.byteLength(versionTexts[v - 1]!);
            const size = isRestore ? firstVersion.size : fileType.base + bytes * rng.int(fileType.factor[0], fileType.factor[1]);
            const sha = isRestore ? firstVersion.sha : rng.hex(32);
            if (v === 1) Object.assign(firstVersion, { key, sha, size });
            const uploader = v === 1 ? author : rng.chance(0.7) ? author : rng.pick(network.posters);
            versions.add(
              rng.uuid(), id, v, key, `${fileBase}${v > 1 && !isRestore ? `-v${v}` : ""}.${fileType.ext}`, fileType.mime, size, sha,
              rng.chance(0.5) ? "clean" : "not_scanned", versionTexts[v - 1]!, isRestore ? 1 : null, people[uploader]!.id, versionTimes[v - 1]!,
            );
            if (v === 1) audit.event(createdAt, actor(author), "document.created", "document", id, { network: network.slug, classification, sha256: sha, size });
            else if (isRestore) audit.event(versionTimes[v - 1]!, actor(uploader), "document.version_restored", "document", id, { from: 1, version: v });
            else audit.event(versionTimes[v - 1]!, actor(uploader), "document.version_added", "document", id, { version: v, sha256: sha });
          }
          if (deletedAt) audit.event(deletedAt, actor(author), "document.trashed", "document", id, { title });
          versionsDone += versionsCount;
          if (classification === "restricted") {
            const others = network.orgs.filter((o) => o !== owner.index);
            for (const o of rng.sample(others, rng.int(1, 3))) access.add(id, orgs[o]!.id);
            restrictedDone++;
          }
        }
        documentsDone += docs.size;
        yield [docs, versions, access, audit];
      }
    }

    // ---- updates and announcements --------------------------------------------------
    const U = counts.updates;
    const updateIndex = Math.floor(U * 0.97);
    const updateAuthor = memberOrg.people.find((p) => active(p) && p !== memberIndex && !people[p]!.isOrgAdmin) ?? memberOrg.people.find((p) => p !== memberIndex)!;
    const postId = (i: number) => rngFor(S.post, i).uuid();
    const pinnedPerNetwork = new Map<number, number>();
    const kinds = ["progress", "progress", "progress", "progress", "progress", "lesson_learned", "lesson_learned", "question", "question", "report_submitted"] as const;
    const markdownChecks = { left: 300 };
    let commentsDone = 0;
    let readsDone = 0;
    const readCutoff = new Date(now.getTime() - 14 * DAY);
    const linkRows = new Rows("document_links", ["id", "document_id", "post_id", "meeting_id", "created_by", "created_at"]);
    const notificationRows = new Rows("notifications", ["id", "user_id", "kind", "post_id", "meeting_id", "actor_id", "created_at", "read_at"]);

    function* postBatches(): Generator<Rows[]> {
      const batchSize = 2_000;
      for (let from = 0; from < U; from += batchSize) {
        const posts = new Rows("posts", [
          "id", "type", "kind", "organisation_id", "author_id", "assignment_id", "title", "body", "body_html", "pinned", "important", "version",
          "created_at", "updated_at", "deleted_at", "deleted_by",
        ]);
        const postNetworks = new Rows("post_networks", ["post_id", "network_id", "created_at"]);
        const revisions = new Rows("post_revisions", ["id", "post_id", "version", "title", "body", "edited_by", "edited_at"]);
        const comments = new Rows("comments", ["id", "post_id", "parent_id", "author_id", "body", "created_at"]);
        const reads = new Rows("post_reads", ["user_id", "post_id", "read_at"]);
        const audit = new AuditRows();
        for (let i = from; i < Math.min(U, from + batchSize); i++) {
          const rng = rngFor(S.post, i);
          const id = rng.uuid();
          const forcedUpdate = i === updateIndex;
          const announcement = !forcedUpdate && rng.chance(0.03);
          let network = forcedUpdate ? bench : pickNetwork(rng);
          let author: number;
          if (announcement) {
            author = network.coordinators[0] ?? rng.pick(network.posters);
          } else {
            author = forcedUpdate ? updateAuthor : rng.pick(network.posters);
          }
          const authorOrg = orgs[people[author]!.org]!;
          const targets = [network];
          if (!announcement && !forcedUpdate && rng.chance(0.15)) {
            const more = orgNetworks[authorOrg.index]!.filter((n) => n !== network.index);
            if (more.length > 0) targets.push(networks[rng.pick(more)]!);
          }
          network = targets[0]!;
          const createdAt = timeAt(i, U, rng);
          const w = new Writer(rng, orgShortNames);
          const body = w.markdown(300, 800);
          const title = announcement ? announcementTitle(rng, w) : updateTitle(rng, w, authorOrg.shortName);
          const html = renderSimpleMarkdown(body);
          if (markdownChecks.left > 0) {
            markdownChecks.left--;
            const expected = renderMarkdown(body);
            if (expected !== html) throw new Error(`update HTML differs from the app's renderMarkdown:\n${expected}\n---\n${html}`);
          }
          const kind = announcement ? null : forcedUpdate ? "progress" : rng.pick(kinds);
          const assignment = !announcement && authorOrg.assignments.length > 0 && rng.chance(0.35) ? rng.pick(authorOrg.assignments) : null;
          let pinned = false;
          if (announcement && createdAt.getTime() > now.getTime() - 90 * DAY && (pinnedPerNetwork.get(network.index) ?? 0) < 2) {
            pinned = true;
            pinnedPerNetwork.set(network.index, (pinnedPerNetwork.get(network.index) ?? 0) + 1);
          }
          const edited = rng.chance(0.03);
          const updatedAt = edited ? new Date(Math.min(now.getTime() - 1000, createdAt.getTime() + rng.int(1, 72) * 3_600_000)) : createdAt;
          const deleted = !forcedUpdate && rng.chance(0.003);
          const important = announcement && rng.chance(0.2);
          posts.add(
            id, announcement ? "announcement" : "update", kind, authorOrg.id, people[author]!.id, assignment, title, body, html, pinned,
            important, edited ? 2 : 1, createdAt, updatedAt, deleted ? updatedAt : null, deleted ? people[author]!.id : null,
          );
          if (announcement) audit.event(createdAt, actor(author), "announcement.created", "post", id, { network: network.slug, important });
          else audit.event(createdAt, actor(author), "update.created", "post", id, { networks: targets.map((t) => t.slug).join(",") });
          if (edited) audit.event(updatedAt, actor(author), "post.edited", "post", id, { version: 2 });
          if (deleted) audit.event(updatedAt, actor(author), "post.deleted", "post", id, { title });
          for (const t of targets) postNetworks.add(id, t.id, createdAt);
          if (edited) revisions.add(rng.uuid(), id, 1, title, body.split("\n\n").slice(0, -1).join("\n\n") || body, people[author]!.id, updatedAt);
          // What the app writes: the author has read their own post; the benchmark's two people have read most older ones.
          reads.add(people[author]!.id, id, createdAt);
          for (const [reader, sees] of [[memberIndex, memberSees], [coordinatorIndex, coordinatorSees]] as const) {
            if (reader !== author && targets.some((t) => sees.has(t.index)) && createdAt < readCutoff && rng.chance(0.8)) {
              reads.add(people[reader]!.id, id, new Date(createdAt.getTime() + rng.int(1, 96) * 3_600_000));
            }
            if (announcement && reader !== author && targets.some((t) => sees.has(t.index)) && createdAt.getTime() > now.getTime() - 60 * DAY) {
              notificationRows.add(rng.uuid(), people[reader]!.id, "announcement", id, null, people[author]!.id, createdAt, createdAt < readCutoff ? updatedAt : null);
            }
          }
          // Comments: some posts get a short conversation (the forced update always does).
          if (forcedUpdate || rng.chance(0.08)) {
            let first: string | null = null;
            const n = forcedUpdate ? 4 : rng.int(1, 4);
            for (let c = 0; c < n; c++) {
              const cid = rng.uuid();
              const commenter = forcedUpdate && c === 1 ? memberIndex : rng.pick(network.posters);
              let at = new Date(createdAt.getTime() + (c + 1) * rng.int(1, 30) * 3_600_000);
              // A conversation under a post from the last day has not finished yet: earlier, in order.
              if (at >= now) at = new Date(createdAt.getTime() + ((c + 1) / (n + 1)) * (now.getTime() - createdAt.getTime()));
              const reply = first !== null && rng.chance(0.3);
              comments.add(cid, id, reply ? first : null, people[commenter]!.id, w.sentence(), at);
              audit.event(at, actor(commenter), "comment.created", "post", id, { comment: cid });
              if (first === null) first = cid;
            }
            commentsDone += n;
          }
          if ((forcedUpdate || (network === bench && rng.chance(0.02))) && !deleted) {
            const doc = forcedUpdate ? threeVersionDocument : specialPosition(rng.int(0, BIG_FOLDER_SIZE - 1));
            linkRows.add(rng.uuid(), documentId(doc), id, null, people[author]!.id, createdAt);
          }
        }
        readsDone += reads.size;
        yield [posts, postNetworks, revisions, comments, reads, audit];
      }
    }

    // ---- meetings ----------------------------------------------------------------------
    const M = counts.meetings;
    const pastCount = Math.floor(M * 0.95);
    const meetingIndex = Math.floor(pastCount * 0.97);
    const meetingIdOf = (i: number) => rngFor(S.meeting, i).uuid();
    let inviteesDone = 0;
    let minutesDone = 0;
    let actionItemsDone = 0;

    function* meetingBatches(): Generator<Rows[]> {
      const batchSize = 500;
      for (let from = 0; from < M; from += batchSize) {
        const meetingRows = new Rows("meetings", [
          "id", "network_id", "title", "description", "place", "online_link", "duration_minutes", "status", "starts_at", "ends_at", "poll_deadline",
          "scheduled_at", "ics_sequence", "note_taker_id", "created_by", "created_at", "updated_at",
        ]);
        const invitees = new Rows("meeting_invitees", ["meeting_id", "user_id", "rsvp", "rsvp_at", "invited_at"]);
        const options = new Rows("meeting_time_options", ["id", "meeting_id", "starts_at", "ends_at"]);
        const votes = new Rows("meeting_votes", ["option_id", "user_id", "answer", "updated_at"]);
        const agenda = new Rows("agenda_items", ["id", "meeting_id", "position", "title", "presenter_organisation_id", "presenter_user_id", "start_offset_minutes", "duration_minutes"]);
        const minutes = new Rows("meeting_minutes", ["meeting_id", "body", "version", "status", "published_at", "updated_by", "updated_at"]);
        const audit = new AuditRows();
        const actions = new Rows("action_items", ["id", "meeting_id", "network_id", "title", "organisation_id", "assignee_id", "due_date", "status", "created_at"]);
        for (let i = from; i < Math.min(M, from + batchSize); i++) {
          const rng = rngFor(S.meeting, i);
          const id = rng.uuid();
          const forced = i === meetingIndex;
          const network = forced ? bench : pickNetwork(rng);
          const coordinator = network.coordinators[0] ?? network.posters[0]!;
          const w = new Writer(rng, orgShortNames);
          const past = i < pastCount;
          const polling = !past && !forced && rng.chance(0.25);
          const cancelled = !forced && !polling && rng.chance(0.01);
          const duration = 15 * rng.int(4, 16);
          // Past meetings spread over two years in index order; upcoming ones over the next 90 days.
          const day = past ? start.getTime() + Math.floor(((i + rng.next()) / pastCount) * (SPAN_DAYS - 2)) * DAY : now.getTime() + rng.int(1, 90) * DAY;
          const startsAt = new Date(Math.floor(day / DAY) * DAY + rng.int(14, 26) * 30 * 60_000 - 2 * 3_600_000);
          const endsAt = new Date(startsAt.getTime() + duration * 60_000);
          const createdAt = new Date(Math.min(startsAt.getTime(), now.getTime()) - rng.int(7, 45) * DAY);
          const place = rng.chance(0.35) ? "Digitalt" : `${rng.pick(orgShortNames)}, ${rng.pick(PLACES)}`;
          const invitedPeople = polling ? [] : rng.sample(network.audience, rng.int(15, 45));
          if (!polling && !invitedPeople.includes(coordinator)) invitedPeople.push(coordinator);
          if (!polling && memberSees.has(network.index) && !invitedPeople.includes(memberIndex) && (forced || rng.chance(0.5))) invitedPeople.push(memberIndex);
          const noteTaker = past && !cancelled && rng.chance(0.3) ? rng.pick(invitedPeople) : null;
          meetingRows.add(
            id, network.id, meetingTitle(rng, w, startsAt), w.paragraph(1, 3), place,
            place === "Digitalt" || rng.chance(0.4) ? `https://meet.example.se/${network.slug}/${i}` : "", duration,
            polling ? "polling" : cancelled ? "cancelled" : "scheduled", polling ? null : startsAt, polling ? null : endsAt,
            polling ? new Date(now.getTime() + rng.int(2, 14) * DAY) : null, polling ? null : createdAt, polling ? 0 : cancelled ? 1 + rng.int(0, 1) : rng.int(0, 1),
            noteTaker === null ? null : people[noteTaker]!.id, people[coordinator]!.id, createdAt, cancelled ? new Date(Math.min(now.getTime(), startsAt.getTime()) - DAY) : createdAt,
          );
          audit.event(createdAt, actor(coordinator), "meeting.created", "meeting", id, { network: network.slug, mode: polling ? "poll" : "fixed" });
          for (const p of invitedPeople) {
            const roll = rng.next();
            const answered = past ? roll < 0.8 : roll < 0.55;
            const rsvp = !answered ? null : rng.next() < 0.7 ? "attend" : rng.next() < 0.5 ? "maybe" : "decline";
            invitees.add(id, people[p]!.id, rsvp, rsvp === null ? null : new Date(createdAt.getTime() + rng.int(1, 6) * DAY), createdAt);
          }
          inviteesDone += invitedPeople.length;
          if (polling) {
            const voters = rng.sample(network.audience, rng.int(3, 15));
            for (let o = rng.int(2, 5); o > 0; o--) {
              const optionId = rng.uuid();
              const optionStart = new Date(startsAt.getTime() + o * rng.int(1, 4) * DAY);
              options.add(optionId, id, optionStart, new Date(optionStart.getTime() + duration * 60_000));
              for (const v of voters) if (rng.chance(0.8)) votes.add(optionId, people[v]!.id, rng.pick(["yes", "yes", "if_need_be", "no"] as const), createdAt);
            }
          }
          const hasMinutes = forced || (past && !cancelled && rng.chance(0.5));
          if (forced || hasMinutes || rng.chance(0.4)) {
            let offset = 0;
            const items = rng.int(3, 8);
            for (let a = 1; a <= items; a++) {
              const presenter = rng.chance(0.6) ? rng.pick(invitedPeople.length > 0 ? invitedPeople : network.posters) : null;
              const byOrg = presenter !== null && rng.chance(0.4);
              const length = rng.int(1, 4) * 10;
              agenda.add(
                rng.uuid(), id, a, agendaTitle(rng, w, a, items), byOrg ? orgs[people[presenter]!.org]!.id : null,
                presenter !== null && !byOrg ? people[presenter]!.id : null, offset < duration ? offset : null, rng.chance(0.5) ? length : null,
              );
              offset += length;
            }
          }
          if (hasMinutes) {
            const published = forced || rng.chance(0.85);
            const publishedAt = new Date(Math.min(now.getTime() - 3_600_000, endsAt.getTime() + rng.int(1, 7) * DAY));
            const body = minutesBody(rng, w, invitedPeople.length);
            const version = rng.int(1, 4);
            minutes.add(id, body, version, published ? "published" : "draft", published ? publishedAt : null, people[noteTaker ?? coordinator]!.id, publishedAt);
            if (published) audit.event(publishedAt, actor(noteTaker ?? coordinator), "minutes.published", "meeting", id, { version });
            minutesDone++;
            if (published && (forced || rng.chance(0.6))) {
              for (let a = forced ? 4 : rng.int(1, 5); a > 0; a--) {
                // The benchmark's two people sit in many meetings; they get a share of the items, not one in thirty.
                let assignee = forced && a === 1 ? memberIndex : rng.pick(invitedPeople);
                if (!(forced && a === 1) && (assignee === memberIndex || assignee === coordinatorIndex) && rng.chance(0.9)) assignee = rng.pick(invitedPeople);
                const due = new Date(startsAt.getTime() + rng.int(14, 60) * DAY);
                const done = forced && a === 1 ? false : due.getTime() < now.getTime() - 7 * DAY ? rng.chance(0.8) : rng.chance(0.2);
                actions.add(rng.uuid(), id, network.id, `${w.titleNoun()}: ${w.verbInf()} ${w.noun(1)}`, orgs[people[assignee]!.org]!.id, people[assignee]!.id, due.toISOString().slice(0, 10), done ? "done" : "open", publishedAt);
                actionItemsDone++;
              }
            }
          }
          if (forced) linkRows.add(rng.uuid(), documentId(threeVersionDocument), null, id, people[coordinator]!.id, createdAt);
        }
        yield [meetingRows, invitees, options, votes, agenda, minutes, actions, audit];
      }
    }

    // ---- stream the three at once ----------------------------------------------------
    let lastReport = performance.now();
    const progress = () => {
      const t = performance.now();
      if (t - lastReport < 5_000) return;
      lastReport = t;
      log(`  … ${documentsDone}/${D} documents, ${readsDone} reads, ${inviteesDone} invitees (${Math.round((t - tPhase) / 1000)} s)`);
    };
    const lanes = await Promise.all([stream(sql, documentBatches(), progress), stream(sql, postBatches(), progress), stream(sql, meetingBatches(), progress)]);
    log(
      `  documents / updates / meetings: ${lanes.map((l) => `${l.seconds.toFixed(1)} s${l.backendCpu === null ? "" : ` (PostgreSQL CPU ${l.backendCpu.toFixed(1)} s)`}`).join(" / ")}; generator CPU ${(process.cpuUsage().user / 1e6).toFixed(1)} s so far`,
    );
    await copy(sql, linkRows);
    await copy(sql, notificationRows);
    phase(
      "documents, updates, meetings",
      `${D} documents, ${versionsDone} versions, ${restrictedDone} restricted, ${U} posts, ${commentsDone} comments, ${readsDone} reads, ${M} meetings, ${inviteesDone} invitees, ${minutesDone} minutes, ${actionItemsDone} action items`,
    );


    // ---- sessions for the benchmark's two people ------------------------------------
    const session = async (p: number) => {
      const sid = randomBytes(15).toString("base64url");
      const secret = randomBytes(30).toString("base64url");
      const at = new Date();
      await sql`insert into sessions (id, secret_hash, user_id, created_at, last_active_at, ip, user_agent, mfa_pending)
        values (${sid}, ${createHash("sha256").update(secret).digest("hex")}, ${people[p]!.id}, ${at}, ${at}, '127.0.0.1', 'bench', false)`;
      return `${sid}.${secret}`;
    };
    const memberSession = await session(memberIndex);
    const coordinatorSession = await session(coordinatorIndex);

    // ---- fixture ids, checked ------------------------------------------------------------
    const [deep] = await sql<{ title: string; id: string }[]>`
      select title, id from documents where network_id = ${bench.id} and folder_id = ${bigFolderId} and deleted_at is null
      order by title, id offset ${BIG_FOLDER_SIZE - 1_000 - 1} limit 1`;
    if (!deep) throw new Error("big folder has fewer documents than expected");
    const deepCursor = Buffer.from(JSON.stringify([deep.title, deep.id])).toString("base64url");

    await sql`vacuum (analyze)`;
    phase("vacuum analyze");

    const fixture: BenchFixture = {
      scale,
      quick,
      seed,
      counts: { organisations: orgs.length, people: people.length, networks: networks.length, documents: D, meetings: M, updates: U },
      password: BENCH_PASSWORD,
      member: { email: people[memberIndex]!.email, sessionToken: memberSession },
      coordinator: { email: people[coordinatorIndex]!.email, totpSecret: TOTP_SECRET, sessionToken: coordinatorSession },
      networkSlug: bench.slug,
      bigFolderId,
      smallFolderId,
      deepCursor,
      documentId: documentId(threeVersionDocument),
      meetingId: meetingIdOf(meetingIndex),
      updateId: postId(updateIndex),
      searchTerms,
      searchTermGroups: { common, medium, rare: [...tail, ...RARE_WORDS], stemming: STEMMING_TERMS.map(([inflected]) => inflected) },
      timings,
    };
    await check(sql, fixture, bench.id, memberOrg.id);
    phase("checks");
    timings.total = Math.round(performance.now() - t0) / 1000;
    return fixture;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Asserts what the fixture promises, with the app's visibility rule for the member. */
async function check(sql: Sql, f: BenchFixture, networkId: string, memberOrganisationId: string): Promise<void> {
  const live = (folder: string) => sql<{ n: number; visible: number }[]>`
    select count(*)::int as n, count(*) filter (where classification in ('open', 'internal'))::int as visible
    from documents where network_id = ${networkId} and folder_id = ${folder} and deleted_at is null`;
  const [[big], [small]] = await Promise.all([live(f.bigFolderId), live(f.smallFolderId)]);
  if (big?.n !== BIG_FOLDER_SIZE || big.visible !== BIG_FOLDER_SIZE) throw new Error(`big folder: ${JSON.stringify(big)}`);
  if (small?.n !== SMALL_FOLDER_SIZE || small.visible !== SMALL_FOLDER_SIZE) throw new Error(`small folder: ${JSON.stringify(small)}`);
  const [doc] = await sql<{ versions: number; current: number; folder: string }[]>`
    select (select count(*) from document_versions v where v.document_id = d.id)::int as versions, d.current_version as current, d.folder_id as folder
    from documents d where d.id = ${f.documentId}`;
  if (doc?.versions !== 3 || doc.current !== 3 || doc.folder !== f.bigFolderId) throw new Error(`document: ${JSON.stringify(doc)}`);
  const [meeting] = await sql<{ minutes: string; agenda: number; actions: number; invited: boolean; network: string }[]>`
    select mm.status as minutes, (select count(*) from agenda_items a where a.meeting_id = m.id)::int as agenda,
      (select count(*) from action_items a where a.meeting_id = m.id)::int as actions,
      exists (select 1 from meeting_invitees i join users u on u.id = i.user_id where i.meeting_id = m.id and u.email = ${f.member.email}) as invited,
      m.network_id as network
    from meetings m join meeting_minutes mm on mm.meeting_id = m.id where m.id = ${f.meetingId}`;
  if (meeting?.minutes !== "published" || meeting.agenda < 1 || meeting.actions < 1 || !meeting.invited || meeting.network !== networkId) throw new Error(`meeting: ${JSON.stringify(meeting)}`);
  const [update] = await sql<{ n: number; own: boolean }[]>`
    select count(*)::int as n, bool_and(p.organisation_id = ${memberOrganisationId}) as own
    from posts p join post_networks pn on pn.post_id = p.id where p.id = ${f.updateId} and pn.network_id = ${networkId} and p.deleted_at is null`;
  if (update?.n !== 1 || !update.own) throw new Error(`update: ${JSON.stringify(update)}`);
  const [user] = await sql<{ admin: boolean; coordinates: boolean; posts: number }[]>`
    select u.is_org_admin as admin, exists (select 1 from network_people np where np.user_id = u.id and np.role = 'coordinator') as coordinates,
      (select count(*) from posts p join post_networks pn on pn.post_id = p.id where p.organisation_id = u.organisation_id and pn.network_id = ${networkId})::int as posts
    from users u where u.email = ${f.member.email}`;
  if (!user || user.admin || user.coordinates || user.posts < 1) throw new Error(`member: ${JSON.stringify(user)}`);
  // Every term must find documents through the search index, the stemming terms among them.
  const missing: string[] = [];
  for (const term of f.searchTerms) {
    const [hit] = await sql<{ found: boolean }[]>`select exists (select 1 from documents where search @@ plainto_tsquery('swedish', ${term})) as found`;
    if (!hit?.found) missing.push(term);
  }
  if (missing.length > 0) throw new Error(`search terms without documents: ${missing.join(", ")}`);
}

// ---------------------------------------------------------------------------------------
// Titles and bodies
// ---------------------------------------------------------------------------------------

function hexPrefix(rng: Rng): string {
  return rng.u32().toString(16).padStart(8, "0").slice(0, 2);
}

function documentTitle(rng: Rng, w: Writer, org: string, year: number, at: Date): string {
  switch (rng.int(0, 9)) {
    case 0:
      return `Handlingsplan mot hedersrelaterat våld och förtryck ${year}–${year + 2}`;
    case 1:
      return `Lägesrapport ${MONTHS[at.getUTCMonth()]} ${year}: ${w.noun(0)}`;
    case 2:
      return `Rapport: ${w.adjective()} ${w.noun(0)} för ${w.group()}`;
    case 3:
      return `Minnesanteckningar ${at.toISOString().slice(0, 10)}`;
    case 4:
      return `Remissvar – ${w.noun(0)} (${org})`;
    case 5:
      return `Utbildningsmaterial om ${w.harm()}`;
    case 6:
      return `${w.titleNoun()} – ${org} ${year}`;
    case 7:
      return `Vägledning: ${w.noun(1)} vid ${w.harm()}`;
    case 8:
      return `Redovisning av regeringsuppdrag ${year}`;
    default:
      return `${w.titleNoun()} och ${w.noun(0)}`;
  }
}

function registrationNumber(rng: Rng, owner: Org, year: number): string {
  switch (rng.int(0, 2)) {
    case 0:
      return `${ascii(owner.shortName).slice(0, 6).toUpperCase()} ${year}-${String(rng.int(1, 999)).padStart(3, "0")}`;
    case 1:
      return `A${rng.int(100, 999)}.${rng.int(100, 999)}/${year}`;
    default:
      return `${rng.pick(["S", "Ju", "U", "A"])}${year}/${String(rng.int(1, 9999)).padStart(5, "0")}`;
  }
}

function updateTitle(rng: Rng, w: Writer, org: string): string {
  switch (rng.int(0, 5)) {
    case 0:
      return `Nytt ${w.noun(0)} för ${w.group()}`;
    case 1:
      return `Erfarenheter från ${w.noun(1)}`;
    case 2:
      return `Vilka ${w.noun(2)} använder ni?`;
    case 3:
      return `${org}: ${w.titleNoun()} klar`;
    case 4:
      return `Lägesrapport om ${w.noun(1)}`;
    default:
      return `${w.titleNoun()} – ${w.adjective()} ${w.noun(0)}`;
  }
}

function announcementTitle(rng: Rng, w: Writer): string {
  return rng.pick([
    `Kallelse till nätverksmöte om ${w.noun(0)}`,
    `Webbinarium om ${w.harm()}`,
    `Nytt material: ${w.noun(0)}`,
    `Påminnelse: svara på enkäten om ${w.noun(1)}`,
  ]);
}

function meetingTitle(rng: Rng, w: Writer, at: Date): string {
  switch (rng.int(0, 6)) {
    case 0:
      return `Nätverksmöte ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
    case 1:
      return `Nätverksmöte om ${w.harm()}`;
    case 2:
      return `Arbetsmöte: ${w.noun(0)}`;
    case 3:
      return `Workshop om ${w.noun(0)}`;
    case 4:
      return "Styrgruppsmöte";
    case 5:
      return `Erfarenhetsutbyte: ${w.noun(0)}`;
    default:
      return `Planeringsmöte inför ${at.getUTCFullYear() + 1}`;
  }
}

function agendaTitle(rng: Rng, w: Writer, position: number, of: number): string {
  if (position === 1) return "Välkommen och presentation";
  if (position === of) return "Övriga frågor och nästa möte";
  return rng.pick([`Lägesbild: ${w.noun(0)}`, `${w.titleNoun()} – information`, `Erfarenheter av ${w.noun(1)}`, `Beslut om ${w.noun(1)}`]);
}

function minutesBody(rng: Rng, w: Writer, present: number): string {
  const lines = ["# Protokoll", "", `**Närvarande:** ${present} personer från nätverkets organisationer.`, ""];
  const items = rng.int(3, 6);
  for (let i = 1; i <= items; i++) {
    lines.push(`## ${i}. ${w.titleNoun()}`, w.paragraph(1, 4), "");
  }
  lines.push("## Beslut");
  for (let i = rng.int(2, 4); i > 0; i--) lines.push(`- ${w.titleNoun()} ska ${w.verbInf()} ${w.noun(1)}.`);
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------

function parseArgs(argv: string[]) {
  const args = { scale: 1, quick: false, seed: undefined as number | undefined, now: undefined as Date | undefined, databaseUrl: process.env.DATABASE_URL ?? "" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--quick") args.quick = true;
    else if (a.startsWith("--scale")) args.scale = Number(value());
    else if (a.startsWith("--seed")) args.seed = Number(value());
    else if (a.startsWith("--now")) args.now = new Date(value());
    else if (a.startsWith("--database-url")) args.databaseUrl = value();
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.databaseUrl) throw new Error("give --database-url or set DATABASE_URL");
  return args;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const fixture = await generate(args.databaseUrl, {
    scale: args.scale,
    quick: args.quick,
    seed: args.seed,
    now: args.now,
    log: (line) => process.stderr.write(`[generate] ${line}\n`),
  });
  process.stderr.write(`[generate] done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.stdout.write(JSON.stringify(fixture, null, 2) + "\n");
}

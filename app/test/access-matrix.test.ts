/**
 * Proves the access rules hold for every loader and action: the route list is read from
 * app/routes the way Remix reads it, every route module is imported, and each of its
 * loader and action must have an entry in access-matrix.ts. Each entry's cells (case ×
 * id kind × role) call the function directly with a real Request — a session cookie made
 * the way sign-in makes it — and compare the status with the table. Refused requests and
 * bad input must leave the database exactly as it was.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AppLoadContext } from "@remix-run/node";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import remixConfig from "../../remix.config.js";
import { db, rowsOf } from "~/lib/db.server";
import { createSession } from "~/auth/session.server";
import { sql } from "drizzle-orm";
import { buildWorld, MARKS, ROLES, type Role, type World } from "./access-fixtures";
import { type Case, type Cell, type Expected, KINDS, type Kind, L, matrix, type Payload, same } from "./access-matrix";
import { guard } from "~/lib/unavailable.server";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

type Handler = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown;
interface RouteModule {
  loader?: Handler;
  action?: Handler;
}
interface Route {
  id: string;
  /** The URL pattern, e.g. "/networks/:slug/library". */
  pattern: string;
  module: RouteModule;
}

/** The app's routes as Remix builds them: root plus the flat routes of app/routes. */
async function discoverRoutes(): Promise<Route[]> {
  const manifest = flatRoutes(appDir, remixConfig.ignoredRouteFiles ?? []);
  const fullPath = (id: string | undefined): string => {
    if (!id || id === "root") return "";
    const r = manifest[id]!;
    return [fullPath(r.parentId), r.path].filter(Boolean).join("/");
  };
  const entries = [{ id: "root", file: "root.tsx", pattern: "/" }].concat(
    Object.values(manifest).map((r) => ({ id: r.id, file: r.file, pattern: `/${fullPath(r.id)}` })),
  );
  return Promise.all(entries.map(async (e) => ({ id: e.id, pattern: e.pattern, module: (await import(/* @vite-ignore */ path.join(appDir, e.file))) as RouteModule })));
}

function urlOf(pattern: string, params: Record<string, string>, search: Record<string, string>): string {
  const filled = pattern
    .split("/")
    .map((seg) => (seg === "*" ? (params["*"] ?? "") : seg.startsWith(":") ? encodeURIComponent(params[seg.slice(1)] ?? "") : seg))
    .join("/");
  const query = new URLSearchParams(search).toString();
  return `http://localhost${filled || "/"}${query ? `?${query}` : ""}`;
}

// ---------------------------------------------------------------------------------------
// What a loader or action answered
// ---------------------------------------------------------------------------------------

interface Answer {
  status: number;
  location?: string;
  /** The whole answer as text (a body, or the returned data): what the person would get. */
  text: string;
}

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

async function answerOf(value: unknown, thrown: boolean): Promise<Answer> {
  if (value instanceof Response) {
    const text = value.body ? await value.text() : "";
    return { status: value.status, location: value.headers.get("Location") ?? undefined, text };
  }
  if (isDataWithInit(value)) return { status: value.init?.status ?? 200, text: JSON.stringify(value.data ?? null) };
  if (thrown) return { status: 500, text: value instanceof Error ? `${value.message}\n${value.stack?.split("\n").slice(1, 4).join("\n")}` : String(value) };
  return { status: 200, text: JSON.stringify(value ?? null) };
}

const isLoginRedirect = (a: Answer) => a.status === 302 && /^\/login(\?|$)/.test(a.location ?? "");

function matches(expected: Expected, a: Answer): boolean {
  if (expected === L) return isLoginRedirect(a);
  const status = typeof expected === "number" ? expected : expected.status;
  if (a.status !== status) return false;
  // A redirect that is not to the sign-in page is a different answer from one that is.
  return status !== 302 || !isLoginRedirect(a);
}

const show = (e: Expected) => (e === L ? "302 → /login" : typeof e === "number" ? String(e) : `${e.status} (unchanged)`);
const showAnswer = (a: Answer) => (a.status >= 300 && a.status < 400 ? `${a.status} → ${(a.location ?? "").split("?")[0]}` : String(a.status));

/** Must the database be unchanged after this cell? */
function mustNotChange(expected: Expected, role: Role): boolean {
  if (typeof expected === "object") return true;
  if (expected === L) return role === "anonymous";
  return expected >= 400;
}

/** A 4xx answer to bad input must say what is wrong: a message, an error key, a field error. */
function saysWhy(a: Answer): boolean {
  if (!a.text || a.text === "null") return false;
  if (!a.text.startsWith("{") && !a.text.startsWith("[")) return a.text.trim().length > 0;
  return /"(error|message|formErrors|fieldErrors|key)"\s*:\s*("[^"]+"|\{"|\["?[^\]])/.test(a.text);
}

// ---------------------------------------------------------------------------------------
// The database before and after
// ---------------------------------------------------------------------------------------

/**
 * Every row written from now on is logged by a trigger on each table of the test database
 * (installed after the fixtures, so seeding pays nothing). An update that leaves the row
 * as it was — or only touches a session's or token's last-use time — is no write.
 */
async function watchWrites(): Promise<void> {
  const tables = await rowsOf<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  await db.execute(sql`create table access_matrix_writes (id bigserial primary key, table_name text not null)`);
  await db.execute(
    sql.raw(`create function access_matrix_log() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and (to_jsonb(new) - 'last_active_at' - 'last_used_at') = (to_jsonb(old) - 'last_active_at' - 'last_used_at') then
        return null;
      end if;
      insert into access_matrix_writes (table_name) values (tg_table_name);
      return null;
    end $$`),
  );
  for (const { name } of tables) {
    await db.execute(sql.raw(`create trigger access_matrix_log after insert or update or delete on "${name}" for each row execute function access_matrix_log()`));
  }
}

async function lastWrite(): Promise<number> {
  const [row] = await rowsOf<{ id: string | number | null }>(sql`select max(id) as id from access_matrix_writes`);
  return Number(row?.id ?? 0);
}

async function writtenSince(mark: number, ignore: string[] = []): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(sql`select distinct table_name as name from access_matrix_writes where id > ${mark} order by 1`);
  return rows.map((r) => r.name).filter((t) => !ignore.includes(t));
}

// ---------------------------------------------------------------------------------------
// Running the cells
// ---------------------------------------------------------------------------------------

interface Failure {
  route: string;
  method: string;
  case: string;
  role: Role;
  kind: Kind;
  expected: string;
  actual: string;
  detail: string;
}

let world: World;
let routes: Route[];

beforeAll(async () => {
  routes = await discoverRoutes();
  world = await buildWorld();
  await watchWrites();
}, 120_000);

afterAll(async () => {
  await world?.cleanup();
});

/**
 * Runs one cell. `poison`, when given, changes the payload first, and the action then runs
 * wrapped as the server build wraps it (app/lib/unavailable.server.ts).
 */
async function runCell(
  route: Route,
  method: "loader" | "action",
  c: Case,
  kind: Kind,
  role: Role,
  expected: Expected,
  poison?: (payload: Payload) => Payload,
): Promise<Failure | null> {
  const user = role === "anonymous" ? undefined : world.users[role];
  const cell: Cell = { w: world, kind, role, user, extra: {} };
  cell.extra = (await c.prepare?.(cell)) ?? {};
  let token = role === "anonymous" ? null : world.tokens[role];
  if (c.freshSession && user) token = (await createSession(user.id, { ip: "127.0.0.1" })).token;

  const params = c.params?.(cell) ?? {};
  const original = method === "action" ? await (c.body?.(cell) ?? { body: new URLSearchParams() }) : undefined;
  const payload = original && poison ? poison(original) : original;
  const headers = new Headers({ "User-Agent": "access-matrix", ...c.headers, ...payload?.headers });
  if (token) headers.set("Cookie", `np_session=${token}`);
  const request = new Request(urlOf(route.pattern, params, c.search?.(cell) ?? {}), {
    method: method === "action" ? "POST" : "GET",
    headers,
    body: payload?.body,
  });
  const context = { ip: "127.0.0.1", requestId: "access-matrix" } as AppLoadContext;

  const check = mustNotChange(expected, role) || c.badInput;
  const mark = check ? await lastWrite() : null;
  let answer: Answer;
  const handler = poison ? (guard(route.module[method] as never, route.id) as Handler) : route.module[method]!;
  try {
    answer = await answerOf(await handler({ request, params, context }), false);
  } catch (thrown) {
    answer = await answerOf(thrown, true);
  }
  const problems: string[] = [];
  if (!matches(expected, answer)) problems.push(answer.text ? `answer: ${answer.text.replace(/\s+/g, " ").slice(0, 160)}` : "");
  // Nothing of what the role may not see, in any answer.
  const lower = answer.text.toLowerCase();
  for (const [mark, allowed] of Object.entries(MARKS)) {
    if (!allowed.includes(role) && lower.includes(mark.toLowerCase())) problems.push(`the answer shows "${mark}", which ${role} may not see`);
  }
  // And, where the case says so, what the role may see is there (so the check above is not idle).
  for (const [mark, roles] of Object.entries(c.shows?.[kind] ?? {})) {
    if (roles.includes(role) && !lower.includes(mark.toLowerCase())) problems.push(`the answer lacks "${mark}"`);
  }
  if (mark !== null && mustNotChange(expected, role)) {
    const changed = await writtenSince(mark, c.mayWrite);
    if (changed.length > 0) problems.push(`changed: ${changed.join(", ")}`);
  }
  if ((c.badInput || poison) && answer.status >= 400 && answer.status < 500 && !saysWhy(answer)) problems.push(`no readable error in: ${answer.text || "(empty)"}`);
  if (problems.length === 0) return null;
  return {
    route: route.id,
    method,
    case: c.name || "–",
    role,
    kind,
    expected: show(expected),
    actual: showAnswer(answer),
    detail: problems.filter(Boolean).join("; "),
  };
}

function table(failures: Failure[]): string {
  const head = ["route", "method", "case", "role", "id kind", "expected", "actual", "detail"];
  const rows = failures.map((f) => [f.route, f.method, f.case, f.role, f.kind, f.expected, f.actual, f.detail]);
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (r: string[]) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]!))).join(" | ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("-+-"), ...rows.map(line)].join("\n");
}

describe("access matrix", () => {
  it("has an entry for every loader and action of the route list, and no entry without one", () => {
    const exported = routes.flatMap((r) => (["loader", "action"] as const).filter((m) => typeof r.module[m] === "function").map((m) => `${r.id} ${m}`));
    const missing = exported.filter((key) => !(key in matrix));
    const stale = Object.keys(matrix).filter((key) => !exported.includes(key));
    expect(missing, `these loaders/actions have no entry in app/test/access-matrix.ts:\n  ${missing.join("\n  ")}\n`).toEqual([]);
    expect(stale, `these entries in app/test/access-matrix.ts match no exported loader/action:\n  ${stale.join("\n  ")}\n`).toEqual([]);
    for (const [key, cases] of Object.entries(matrix)) {
      expect(cases.length, `${key} has no cases`).toBeGreaterThan(0);
      for (const c of cases) {
        const kinds = Object.keys(c.expect);
        expect(kinds.length, `${key} "${c.name}" expects nothing`).toBeGreaterThan(0);
        for (const k of kinds) expect(KINDS as readonly string[], `${key} "${c.name}": unknown id kind ${k}`).toContain(k);
        if (key.endsWith(" loader")) expect(c.body, `${key} "${c.name}": a loader takes no body`).toBeUndefined();
      }
    }
  });

  it("answers every role, for every kind of id, as the matrix says", async () => {
    const started = Date.now();
    const failures: Failure[] = [];
    let cells = 0;
    const byId = new Map(routes.map((r) => [r.id, r]));
    for (const [key, cases] of Object.entries(matrix)) {
      const [id, method] = key.split(" ") as [string, "loader" | "action"];
      const route = byId.get(id);
      if (!route?.module[method]) continue; // reported by the test above
      for (const c of cases) {
        for (const [kind, row] of Object.entries(c.expect) as [Kind, readonly Expected[]][]) {
          for (const [i, role] of ROLES.entries()) {
            cells++;
            const failure = await runCell(route, method, c, kind, role, row[i]!);
            if (failure) failures.push(failure);
          }
        }
      }
    }
    const entries = Object.keys(matrix).length;
    console.info(`access matrix: ${routes.length} routes, ${entries} entries, ${cells} cells in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(failures.length, `${failures.length} of ${cells} cells differ from the matrix:\n\n${table(failures)}\n`).toBe(0);
  }, 300_000);

  it("refuses a NUL character in any text field of any action with a readable 4xx, never a 500, and changes nothing", async () => {
    // PostgreSQL cannot store NUL in text; wapiti found forms that answered 500 for it.
    const NUL = "\u0000";
    const poisoned = (payload: Payload, field: string): Payload => {
      const { body } = payload;
      if (body instanceof URLSearchParams) {
        const next = new URLSearchParams();
        for (const [k, v] of body) next.append(k, k === field ? `${v}${NUL}x` : v);
        return { ...payload, body: next };
      }
      if (body instanceof FormData) {
        const next = new FormData();
        for (const [k, v] of body) next.append(k, k === field && typeof v === "string" ? `${v}${NUL}x` : v);
        return { ...payload, body: next };
      }
      const value = JSON.parse(String(body)) as Record<string, unknown>;
      return { ...payload, body: JSON.stringify({ ...value, [field]: `${String(value[field])}${NUL}x` }) };
    };
    const textFields = (payload: Payload): string[] => {
      const { body } = payload;
      if (body instanceof URLSearchParams) return [...new Set(body.keys())];
      if (body instanceof FormData) return [...new Set([...body].filter(([, v]) => typeof v === "string").map(([k]) => k))];
      const value = JSON.parse(String(body)) as Record<string, unknown>;
      return Object.keys(value).filter((k) => typeof value[k] === "string");
    };
    const succeeds = (e: Expected) => typeof e === "number" && e < 400 && e !== 304;
    const failures: Failure[] = [];
    let tried = 0;
    const byId = new Map(routes.map((r) => [r.id, r]));
    for (const [key, cases] of Object.entries(matrix)) {
      const [id, method] = key.split(" ") as [string, "loader" | "action"];
      const route = byId.get(id);
      if (method !== "action" || !route?.module.action) continue;
      for (const c of cases) {
        if (c.badInput || !c.body) continue;
        // The first role and id kind for which the case succeeds: the fields reach the database.
        const found = (Object.entries(c.expect) as [Kind, readonly Expected[]][])
          .flatMap(([kind, row]) => row.map((e, i) => ({ kind, role: ROLES[i]!, e })))
          .find((x) => succeeds(x.e));
        if (!found) continue;
        const user = found.role === "anonymous" ? undefined : world.users[found.role];
        const sample = await c.body({ w: world, kind: found.kind, role: found.role, user, extra: (await c.prepare?.({ w: world, kind: found.kind, role: found.role, user, extra: {} })) ?? {} });
        for (const field of textFields(sample)) {
          tried++;
          // The expectation: refused, readably, with nothing changed — or, if the action
          // takes the field as something other than stored text, anything but a 500.
          const failure = await runCell(route, method, c, found.kind, found.role, same(400), (p) => poisoned(p, field));
          if (failure && (failure.actual.startsWith("5") || /changed:|no readable error/.test(failure.detail))) failures.push({ ...failure, case: `${failure.case} [${field}]` });
        }
      }
    }
    console.info(`NUL characters: ${tried} fields tried`);
    expect(tried).toBeGreaterThan(50);
    expect(failures.length, `${failures.length} of ${tried} fields with a NUL character answered badly:\n\n${table(failures)}\n`).toBe(0);
  }, 300_000);
});

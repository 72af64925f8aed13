/**
 * The benchmark's two reference servers, the baseline (bare node:http) and the stack
 * floor (Remix and React with nothing of the portal), answer each planned page with its
 * rows, make what a planned POST makes, and refuse what is not in the plan. A reference
 * that answered something cheaper than the page (a 404, an empty body) would make every
 * ratio in the report a lie.
 */
import type http from "node:http";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startBaseline, type Plan } from "./baseline";
import { startFloor } from "./floor";

const serverUrl = inject("serverUrl");

const plan: Plan = {
  "GET /": {
    method: "GET", url: "/", status: 200,
    queries: [{ group: 0, sql: "select title, made_at from bench_things order by title", params: [] }],
  },
  "GET /things?kind=b": {
    method: "GET", url: "/things?kind=b", status: 200,
    queries: [
      { group: 0, sql: "select title from bench_things where kind = $1", params: ["b"] },
      { group: 1, sql: "select count(*)::int as n from bench_things", params: [] },
    ],
  },
  "POST /things/new": {
    method: "POST", url: "/things/new", status: 302,
    createdId: "00000000-0000-4000-8000-000000000000",
    location: "/things/00000000-0000-4000-8000-000000000000",
    queries: [
      { group: 0, sql: "insert into bench_things (title, kind) values ($1, $2) returning id", params: ["Ny <sak>", "c"] },
      { group: 1, sql: "update bench_things set title = title || ' ✓' where id = $1", params: ["00000000-0000-4000-8000-000000000000"] },
    ],
  },
};

describe.skipIf(!serverUrl)("the benchmark's reference servers (PostgreSQL)", () => {
  let sql: postgres.Sql;
  const servers: Record<string, { server: http.Server; base: string }> = {};

  beforeAll(async () => {
    sql = postgres(process.env.DATABASE_URL!, { max: 4, onnotice: () => {} });
    await sql`create table bench_things (id uuid primary key default gen_random_uuid(), title text not null, kind text not null, made_at timestamptz not null default '2026-11-23T10:00:00Z')`;
    await sql`insert into bench_things (title, kind) values ('Alfa & co', 'a'), ('Beta', 'b'), ('Gamma', 'b')`;
    for (const [name, start] of [["baseline", startBaseline], ["stack floor", startFloor]] as const) {
      const server = await start(plan, 0, sql);
      servers[name] = { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    }
  });

  afterAll(async () => {
    for (const { server } of Object.values(servers)) await new Promise((resolve) => server.close(resolve));
    await sql?.end();
  });

  for (const name of ["baseline", "stack floor"]) {
    it(`${name}: each planned page answers 200 with its rows, escaped`, async () => {
      const home = await fetch(`${servers[name]!.base}/`);
      expect(home.status).toBe(200);
      const body = await home.text();
      expect(body).toContain("Alfa &amp; co · 2026-11-23T10:00:00.000Z");
      expect(body).toContain("<li>Gamma");
      const things = await (await fetch(`${servers[name]!.base}/things?kind=b`)).text();
      expect(things).toContain("<li>Beta</li>");
      expect(things).not.toContain("Alfa");
      const [count] = await sql`select count(*)::int as n from bench_things`;
      expect(things).toContain(`<li>${count!.n}</li>`);
    });

    it(`${name}: a planned POST makes a new row and redirects to it, in one transaction`, async () => {
      const answer = await fetch(`${servers[name]!.base}/things/new`, { method: "POST", body: "x=1", headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
      expect(answer.status).toBe(302);
      const id = answer.headers.get("location")?.match(/^\/things\/([0-9a-f-]{36})$/)?.[1];
      expect(id).toBeDefined();
      expect(id).not.toBe(plan["POST /things/new"]!.createdId);
      const [row] = await sql`select title from bench_things where id = ${id!}`;
      expect(row?.title).toBe("Ny <sak> ✓");
    });

    it(`${name}: a URL outside the plan is refused`, async () => {
      const answer = await fetch(`${servers[name]!.base}/documents/1`);
      expect(answer.status).toBe(404);
      await answer.text();
    });
  }

  it("the stack floor renders through Remix: the rows also go out in the single-fetch hand-off", async () => {
    const body = await (await fetch(`${servers["stack floor"]!.base}/things?kind=b`)).text();
    expect(body).toContain("window.__remixContext");
    expect(body).toMatch(/streamController\.enqueue\(.*Gamma/s);
  });
});

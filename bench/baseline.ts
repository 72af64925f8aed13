/**
 * The benchmark's physical baseline: a bare node:http server with postgres.js that runs,
 * for each page, exactly the SQL the portal ran for it (captured by the portal's query
 * counter, db/query-counter.ts, in the same groups: statements the portal sent together
 * are sent together here) and answers the rows as HTML from a template string. No
 * framework, no React, no session handling beyond the captured session query: what a
 * page costs here is what its database work and its bytes cost.
 *
 *   node --import tsx bench/baseline.ts <plan.json> <port> <database-url>
 */
import http from "node:http";
import fs from "node:fs";
import postgres from "postgres";

export interface PlannedQuery {
  group: number;
  sql: string;
  params: unknown[];
}

export interface PlannedPage {
  method: "GET" | "POST";
  url: string;
  status: number;
  /** For a POST that redirects to what it made: the id in the portal's Location header. */
  createdId?: string;
  location?: string;
  queries: PlannedQuery[];
}

export type Plan = Record<string, PlannedPage>;

export function planKey(method: string, url: string): string {
  return `${method} ${url}`;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** A cell as the page shows it (the stack floor, bench/floor.ts, shows the same text). */
export function cellText(value: unknown): string {
  return value instanceof Date ? value.toISOString() : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value ?? "");
}
function esc(value: unknown): string {
  return cellText(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(title: string, results: Record<string, unknown>[][]): string {
  let html = `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)} · Nätverksportalen</title></head><body><main><h1>${esc(title)}</h1>`;
  for (const rows of results) {
    html += "<ul>";
    for (const row of rows) html += `<li>${Object.values(row).map(esc).join(" · ")}</li>`;
    html += "</ul>";
  }
  return `${html}</main></body></html>`;
}

function groupsOf(queries: PlannedQuery[]): PlannedQuery[][] {
  const groups = new Map<number, PlannedQuery[]>();
  for (const q of queries) groups.set(q.group, [...(groups.get(q.group) ?? []), q]);
  return [...groups.values()];
}

type Sql = postgres.Sql | postgres.TransactionSql;

/** Runs the page's statements group by group; a POST's new id replaces the captured one. */
export async function replay(sql: Sql, page: PlannedPage): Promise<{ results: Record<string, unknown>[][]; createdId?: string }> {
  const results: Record<string, unknown>[][] = [];
  let createdId: string | undefined;
  const swap = (params: unknown[]) =>
    page.createdId && createdId ? params.map((p) => (p === page.createdId ? createdId : p)) : params;
  for (const group of groupsOf(page.queries)) {
    // Named statements, as the portal uses them (db/client.ts, DATABASE_PREPARED_STATEMENTS).
    const answers = await Promise.all(group.map((q) => sql.unsafe(q.sql, swap(q.params) as postgres.ParameterOrJSON<never>[], { prepare: true })));
    for (const [i, rows] of answers.entries()) {
      // The first INSERT … RETURNING "id" of a POST made the thing it redirects to.
      if (page.createdId && !createdId && /^insert/i.test(group[i]!.sql) && rows[0] && "id" in rows[0]) createdId = String(rows[0].id);
      results.push([...rows] as Record<string, unknown>[]);
    }
  }
  return { results, createdId };
}

export function startBaseline(plan: Plan, port: number, sql: postgres.Sql): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const page = plan[planKey(req.method ?? "GET", req.url ?? "/")];
    if (!page) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not in the plan");
      return;
    }
    const answer = async () => {
      // A POST's statements belong together, as they did in the portal's transaction.
      if (page.method === "POST") {
        for await (const chunk of req) void chunk;
        const { createdId } = (await sql.begin((tx) => replay(tx, page))) as { createdId?: string };
        const location = page.location && page.createdId && createdId ? page.location.replace(page.createdId, createdId) : page.location;
        res.writeHead(page.status, { Location: location ?? "/", "Cache-Control": "no-store" }).end();
        return;
      }
      const { results } = await replay(sql, page);
      const body = render(page.url, results);
      res.writeHead(page.status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    };
    answer().catch((error: unknown) => {
      console.error(String(error));
      if (!res.headersSent) res.writeHead(500).end("error");
    });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

// Run as its own process by bench/run.ts, so that it has a core's worth of event loop
// to itself, as the portal does.
if (process.argv[1]?.endsWith("baseline.ts")) {
  const [planFile, port, databaseUrl] = process.argv.slice(2);
  if (!planFile || !port || !databaseUrl) throw new Error("usage: baseline.ts <plan.json> <port> <database-url>");
  const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as Plan;
  await startBaseline(plan, Number(port), postgres(databaseUrl, { max: 10, onnotice: () => {} }));
  console.log(`baseline listening on ${port}`);
}

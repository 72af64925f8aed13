/**
 * `npm run test:load`: 200 people signed in at once, each on their own connection,
 * going round the main pages for 60 s against the production build on PostgreSQL.
 * Passes only with zero errors and when every page a person got was rendered for that
 * person (the header's "Inloggad som <name>, <organisation>", or its English, is theirs): a response
 * meant for one session never reaches another.
 *
 *   npm run test:load -- [--sessions 200] [--seconds 60] [--reuse]
 *
 * Uses the benchmark's quick data set (bench/generate.ts) in its own database on the
 * server named by DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { APP_PORT, ensureBuild, median, percentile, prepareDatabase, round, ROOT, say, signIn, startApp, waitFor200 } from "./lib";

interface Person {
  email: string;
  name: string;
  organisation: string;
  cookie: string;
}

const args = process.argv.slice(2);
const valueOf = (flag: string, fallback: number) => {
  const i = args.indexOf(flag);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SESSIONS = valueOf("--sessions", 200);
const SECONDS = valueOf("--seconds", 60);
const REUSE = args.includes("--reuse");

const agent = new http.Agent({ keepAlive: true, maxSockets: SESSIONS + 10 });

function fetchPage(pathname: string, cookie: string): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port: APP_PORT, path: pathname, agent, headers: { Cookie: cookie } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timed out after 30 s")));
    req.on("error", reject);
  });
}

/** The header line the portal renders for a signed-in person (in their language), HTML-escaped as React does. */
function signedInAs(p: Person): string[] {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  return [escape(`Inloggad som ${p.name}, ${p.organisation}`), escape(`Signed in as ${p.name}, ${p.organisation}`)];
}

async function main() {
  const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  ensureBuild();
  const { url, fixture } = await prepareDatabase(serverUrl, { quick: true, scale: 1, reuse: REUSE });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "np-load-"));

  // People who sign in with a password alone (no second factor required), in the
  // benchmark network's organisations.
  const db = postgres(url, { max: 1, onnotice: () => {} });
  const rows = await db<{ email: string; name: string; organisation: string }[]>`
    select u.email, u.name, o.name as organisation
    from users u join organisations o on o.id = u.organisation_id
    where u.status = 'active' and u.password_hash is not null and u.mfa_secret is null
      and not o.require_mfa and not u.is_platform_admin and not u.is_org_admin
      and not exists (select 1 from network_people np where np.user_id = u.id and np.role = 'coordinator')
      and exists (select 1 from network_organisations no join networks n on n.id = no.network_id
                  where no.organisation_id = o.id and n.slug = ${fixture.networkSlug})
    order by u.email limit ${SESSIONS}`;
  await db.end();
  if (rows.length < SESSIONS) throw new Error(`only ${rows.length} people can take part; ${SESSIONS} needed`);

  const app = startApp(url, dataDir);
  try {
    await waitFor200(`http://127.0.0.1:${APP_PORT}/healthz`, 30_000);
    say(`signing in ${SESSIONS} people`);
    const people: Person[] = [];
    for (let i = 0; i < rows.length; i += 8) {
      const batch = rows.slice(i, i + 8);
      people.push(...(await Promise.all(batch.map(async (r) => ({ ...r, cookie: await signIn(r.email, fixture.password) })))));
    }
    const pages = ["/", `/networks/${fixture.networkSlug}`, `/networks/${fixture.networkSlug}/updates`, `/networks/${fixture.networkSlug}/library`, "/notifications", "/account", `/search?q=${encodeURIComponent(fixture.searchTerms[0] ?? "handlingsplan")}`];

    say(`${SESSIONS} sessions on ${pages.length} pages for ${SECONDS} s`);
    const until = performance.now() + SECONDS * 1000;
    const latencies: number[] = [];
    const problems: string[] = [];
    let requests = 0;
    let crossed = 0;
    await Promise.all(
      people.map(async (person, i) => {
        let turn = i;
        while (performance.now() < until) {
          const page = pages[turn++ % pages.length]!;
          try {
            const { status, body, ms } = await fetchPage(page, person.cookie);
            requests++;
            latencies.push(ms);
            if (status !== 200) problems.push(`${person.email} ${page}: ${status}`);
            else if (!signedInAs(person).some((line) => body.includes(line))) {
              crossed++;
              problems.push(`${person.email} ${page}: the page was not rendered for them`);
            }
          } catch (error) {
            problems.push(`${person.email} ${page}: ${String(error)}`);
          }
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const result = {
      sessions: SESSIONS,
      seconds: SECONDS,
      requests,
      rps: round(requests / SECONDS),
      p50_ms: round(median(latencies)),
      p99_ms: round(percentile(latencies, 0.99)),
      errors: problems.length,
      crossed_sessions: crossed,
    };
    say(JSON.stringify(result));
    fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "bench", "results", "load.json"), `${JSON.stringify({ ...result, at: new Date().toISOString() }, null, 2)}\n`);
    if (problems.length) {
      console.error(problems.slice(0, 20).join("\n"));
      process.exitCode = 1;
    }
  } finally {
    agent.destroy();
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

/**
 * Two instances of the production build on one PostgreSQL database (ports 3001 and 3002
 * unless something else holds them), both started at the same moment on an empty
 * database, with requests alternating between them:
 *
 * - the migrations are applied once, and neither instance logs an error;
 * - a sign-in on one works on the other, and a sign-out on one ends it on both;
 * - failed sign-ins are throttled at LOGIN_MAX_FAILURES_PER_ACCOUNT counted across both;
 * - a due job runs once although both poll for jobs, and its mail is sent once although
 *   both send mail;
 * - two people saving the same minutes or the same document details, one on each
 *   instance: one wins, the other gets 409 with their own text still in the form.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../../db/client";
import {
  type App,
  createDatabase,
  DEMO_PASSWORD,
  portOr,
  postForm,
  request,
  type RecordingSmtp,
  seedDemo,
  signIn,
  sleep,
  startApp,
  startSmtp,
  testServerUrl,
} from "./harness";

const serverUrl = testServerUrl();
const MEMBER = "polisen@example.org";
const COLLEAGUE = "mats.lindberg@example.org"; // the same organisation as MEMBER
const COORDINATOR = "samordnare@example.org";
const THROTTLED = "raddabarnen@example.org";
const MAX_FAILURES = 5; // LOGIN_MAX_FAILURES_PER_ACCOUNT's default

function report(what: string, fields: Record<string, unknown>) {
  console.info(`[instances] ${what}: ${JSON.stringify(fields)}`);
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What a React-rendered form field or text holds: the HTML-escaped text. */
function html(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

describe.skipIf(!serverUrl)("two instances on one PostgreSQL", () => {
  let database: { url: string; drop: () => Promise<void> };
  let sql: postgres.Sql;
  let filesDir = "";
  let smtp: RecordingSmtp;
  let a: App;
  let b: App;
  let startMs = 0;

  beforeAll(async () => {
    database = await createDatabase(serverUrl, "np_instances");
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "np-instances-files-"));
    smtp = await startSmtp();
    const env = {
      DATABASE_URL: database.url,
      FILES_DIR: filesDir,
      SMTP_URL: smtp.url,
      JOBS_POLL_MS: "250",
      MAIL_POLL_MS: "250",
    };
    const [portA, portB] = [await portOr(3001), await portOr(3002)];
    const started = performance.now();
    // The same moment, on an empty database: both race to migrate.
    [a, b] = await Promise.all([startApp({ port: portA, env }), startApp({ port: portB, env })]);
    startMs = Math.round(performance.now() - started);
    // The people, networks, meetings and library of the demo, for the tests below (it
    // migrates too, and finds nothing left to do).
    await seedDemo(database.url, filesDir);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await smtp?.close();
    await sql?.end();
    await database?.drop();
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it("apply the migrations once when both start at the same moment on an empty database", async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    const [applied] = await sql<{ n: number; distinct: number }[]>`
      select count(*)::int as n, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations`;
    expect(applied).toEqual({ n: journal.entries.length, distinct: journal.entries.length });
    for (const app of [a, b]) {
      expect(app.lines.some((l) => l.msg === "database ready")).toBe(true);
      expect(app.errors()).toEqual([]);
      expect(app.raw).toEqual([]);
    }
    // Both scheduled the next morning's digest plan; it is there once.
    const [plans] = await sql<{ n: number }[]>`select count(*)::int as n from jobs where kind = 'digest.plan'`;
    expect(plans!.n).toBe(1);
    report("start", { ports: [a.port, b.port], both_healthy_ms: startMs, migrations: applied!.n });
  });

  it("serve requests alternately: a sign-in on one works on the other, and a sign-out on one ends it on both", async () => {
    const cookie = await signIn(a, MEMBER);
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? b : a;
      const answer = await request(`${app.origin}/account`, { headers: { Cookie: cookie } });
      answers.push(answer.status);
      expect(answer.text).toContain(MEMBER);
    }
    expect(answers).toEqual([200, 200, 200, 200, 200, 200]);

    const out = await postForm(b, "/logout", {}, cookie);
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login");
    for (const app of [a, b]) {
      const after = await request(`${app.origin}/account`, { headers: { Cookie: cookie } });
      expect(after.status).toBe(302);
      expect(after.headers.get("location")).toMatch(/^\/login/);
    }
  });

  it(`throttle an account after ${MAX_FAILURES} failed sign-ins counted across both`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILURES; i++) {
      const app = i % 2 === 0 ? a : b;
      statuses.push((await postForm(app, "/login", { email: THROTTLED, password: `fel lösenord ${i}` })).status);
    }
    // Counted per instance, neither would have reached the limit (3 and 2).
    expect(statuses).toEqual([...Array<number>(MAX_FAILURES - 1).fill(400), 429]);
    // Even the right password is refused for now, on either instance.
    for (const app of [b, a]) {
      const right = await postForm(app, "/login", { email: THROTTLED, password: DEMO_PASSWORD });
      expect(right.status).toBe(429);
      expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const [counter] = await sql<{ failures: number }[]>`select failures from throttle_counters where key = ${`login:account:${THROTTLED}`}`;
    expect(counter!.failures).toBe(MAX_FAILURES);
  });

  it("run a due job once with both polling, and send its mail once with both sending", async () => {
    // Everything the seed queued has gone out first.
    await waitFor("the outbox to empty", async () => {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from mail_outbox where status = 'pending'`;
      return row!.n === 0;
    });
    await sleep(600);
    const before = smtp.received.length;

    // Everyone invited to the scheduled meetings will attend, and both reminders are due now.
    const meetings = await sql<{ id: string; title: string; ics_sequence: number }[]>`
      select id, title, ics_sequence from meetings where status = 'scheduled' and starts_at is not null`;
    expect(meetings.length).toBeGreaterThanOrEqual(2);
    await sql`update meeting_invitees set rsvp = 'attend' where meeting_id in ${sql(meetings.map((m) => m.id))}`;
    const expected = await sql<{ email: string; title: string }[]>`
      select u.email, m.title from meeting_invitees i
      join users u on u.id = i.user_id join meetings m on m.id = i.meeting_id
      where i.meeting_id in ${sql(meetings.map((m) => m.id))} and u.status = 'active'
      order by u.email, m.title`;
    expect(expected.length).toBeGreaterThan(10);
    const queuedAt = performance.now();
    await sql`insert into jobs ${sql(
      meetings.map((m) => ({
        kind: "meeting.reminder",
        key: `process-test:reminder:${m.id}`,
        run_at: new Date(),
        payload: sql.json({ meetingId: m.id, sequence: m.ics_sequence, origin: a.origin }),
      })),
    )}`;

    await waitFor("every reminder to arrive", async () => smtp.received.length - before >= expected.length, 30_000);
    const deliveredMs = Math.round(performance.now() - queuedAt);
    // Time enough for each instance to poll for jobs and for mail eight more times.
    await sleep(2000);
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(expected.length);
    const got = mails.map((m) => `${m.to && !Array.isArray(m.to) ? m.to.text : ""} | ${m.subject ?? ""}`);
    expect(new Set(got).size).toBe(got.length);
    for (const { email, title } of expected) expect(got.filter((g) => g.startsWith(`${email} |`) && g.includes(title)), `${email} ${title}`).toHaveLength(1);

    const jobs = await sql<{ status: string; attempts: number }[]>`select status, attempts from jobs where key like 'process-test:reminder:%'`;
    expect(jobs).toEqual(meetings.map(() => ({ status: "done", attempts: 1 })));
    const [outbox] = await sql<{ pending: number; resent: number }[]>`
      select count(*) filter (where status <> 'sent')::int as pending, count(*) filter (where attempts > 1)::int as resent from mail_outbox`;
    expect(outbox).toEqual({ pending: 0, resent: 0 });
    for (const app of [a, b]) expect(app.errors()).toEqual([]);
    report("job and mail once", { jobs: meetings.length, mails: mails.length, all_delivered_ms: deliveredMs });
  });

  it("give one of two people saving the same minutes or document details on different instances a 409 that keeps their text", async () => {
    const [member] = await sql<{ id: string }[]>`select id from users where email = ${MEMBER}`;
    const [meeting] = await sql<{ id: string }[]>`
      select m.id from meetings m join networks n on n.id = m.network_id
      where n.slug = 'myndighetsnatverket' and m.status = 'scheduled' order by m.starts_at desc limit 1`;
    await sql`update meetings set note_taker_id = ${member!.id} where id = ${meeting!.id}`;
    const noteTaker = await signIn(a, MEMBER);
    const coordinator = await signIn(b, COORDINATOR);

    // Both opened the empty minutes (version 0); the note-taker saves first, on one instance…
    const theirs = "Polisens anteckningar från mötet.";
    const yours = "Samordnarens egna anteckningar, som inte får försvinna.";
    const first = await postForm(a, `/meetings/${meeting!.id}/minutes`, { intent: "save", body: theirs, version: "0" }, noteTaker);
    expect(first.status).toBe(200);
    // …and the coordinator's save, on the other, conflicts: 409, with both texts on the page.
    const second = await postForm(b, `/meetings/${meeting!.id}/minutes`, { intent: "save", body: yours, version: "0" }, coordinator);
    expect(second.status).toBe(409);
    // (Booleans, so a failure does not print the whole page.)
    expect(second.text.includes(html(yours)), "the coordinator's own text is on the page").toBe(true);
    expect(second.text.includes(html(theirs)), "the note-taker's saved text is on the page").toBe(true);
    const [minutes] = await sql<{ body: string; version: number }[]>`select body, version from meeting_minutes where meeting_id = ${meeting!.id}`;
    expect(minutes).toEqual({ body: theirs, version: 1 });

    // Document details: two people of the owning organisation, one on each instance.
    const [document] = await sql<{ id: string; revision: number; classification: string; description: string }[]>`
      select d.id, d.revision, d.classification, d.description from documents d join organisations o on o.id = d.organisation_id
      join users u on u.organisation_id = o.id where u.email = ${MEMBER} and d.deleted_at is null limit 1`;
    const colleague = await signIn(b, COLLEAGUE);
    const member2 = await signIn(a, MEMBER);
    const edit = (title: string, description: string) => ({
      intent: "edit",
      revision: String(document!.revision),
      title,
      description,
      registrationNumber: "",
      classification: document!.classification,
      secrecyReference: "",
    });
    const won = await postForm(a, `/documents/${document!.id}`, edit("Handlingsplanen enligt Polisen", document!.description), member2);
    expect(won.status).toBe(200);
    const lost = await postForm(b, `/documents/${document!.id}`, edit("Handlingsplanen enligt Mats", "Mats beskrivning av planen"), colleague);
    expect(lost.status).toBe(409);
    // The form still holds what was typed (also without JavaScript: this is the page as
    // the server renders it); the notice names the other person's title.
    expect(/<input[^>]*id="doc-title"[^>]*value="([^"]*)"/.exec(lost.text)?.[1]).toBe("Handlingsplanen enligt Mats");
    expect(/<textarea[^>]*id="doc-description"[^>]*>([^<]*)<\/textarea>/.exec(lost.text)?.[1]).toBe("Mats beskrivning av planen");
    expect(/role="alert"[^>]*>(.*?)<\/div>/.exec(lost.text)?.[1]).toContain("Handlingsplanen enligt Polisen");
    const [saved] = await sql<{ title: string; revision: number }[]>`select title, revision from documents where id = ${document!.id}`;
    expect(saved).toEqual({ title: "Handlingsplanen enligt Polisen", revision: document!.revision + 1 });
  });
});

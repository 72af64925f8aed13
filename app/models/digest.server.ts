/**
 * Mail digests: one mail per person, daily or weekly (their choice), with what is new in
 * their networks. Two durable jobs: every morning at 07:00 Stockholm time "digest.plan"
 * queues one "digest.send" per person who is due, and the next morning's plan. Each
 * "digest.send" composes the mail from what that person may see, puts it in the outbox
 * and moves the person's covered-until mark, all in the job's transaction, so a digest is
 * neither lost nor sent twice, whichever instance runs it.
 */
import { and, asc, desc, eq, gt, lte, ne, sql } from "drizzle-orm";
import { documents, jobs, meetingMinutes, meetings, networks, organisations, postNetworks, posts, users } from "../../db/schema/index";
import { actorOf, type Actor } from "~/auth/policy";
import { isLocale, type Locale } from "~/i18n/config";
import { serverT } from "~/i18n/server";
import { db } from "~/lib/db.server";
import { formatDateTime } from "~/lib/format";
import { registerJob, scheduleJob, type Tx } from "~/lib/jobs.server";
import { enqueueMail } from "~/lib/mail.server";
import { appOrigin } from "~/lib/origin.server";
import { parseStockholm } from "~/lib/time";
import { documentVisibleTo } from "./library.server";
import { networkVisibleTo } from "./networks.server";
import { postVisibleTo } from "./posts.server";

const DAY_MS = 86_400_000;
const MAX_LISTED = 25;
export const DIGEST_HOUR = "07:00";

/** "2026-11-23" for the instant, on the Stockholm calendar. */
export function stockholmDate(instant: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The next digest morning at or after the instant. */
export function nextDigestRun(now: Date): { day: string; runAt: Date } {
  const today = stockholmDate(now);
  const at = parseStockholm(`${today} ${DIGEST_HOUR}`)!;
  if (at >= now) return { day: today, runAt: at };
  const tomorrow = addDays(today, 1);
  return { day: tomorrow, runAt: parseStockholm(`${tomorrow} ${DIGEST_HOUR}`)! };
}

/** Makes sure the next morning's plan is queued (called at start; the key makes it idempotent). */
export async function ensureDigestSchedule(now = new Date()): Promise<void> {
  const { day, runAt } = nextDigestRun(now);
  await scheduleJob(db, { kind: "digest.plan", key: `digest.plan:${day}`, runAt, payload: { day } });
}

registerJob("digest.plan", async (tx, payload, now) => {
  const day = String(payload.day);
  const monday = new Date(`${day}T12:00:00Z`).getUTCDay() === 1;
  const due = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.status, "active"), monday ? ne(users.digest, "off") : eq(users.digest, "daily")));
  const until = now.toISOString();
  for (let i = 0; i < due.length; i += 500) {
    await tx
      .insert(jobs)
      .values(
        due.slice(i, i + 500).map((u) => ({
          kind: "digest.send",
          key: `digest.send:${u.id}:${day}`,
          runAt: now,
          payload: { userId: u.id, until },
        })),
      )
      .onConflictDoNothing({ target: jobs.key });
  }
  const next = addDays(day, 1);
  await scheduleJob(tx, { kind: "digest.plan", key: `digest.plan:${next}`, runAt: parseStockholm(`${next} ${DIGEST_HOUR}`)!, payload: { day: next } });
});

registerJob("digest.send", async (tx, payload) => {
  await sendDigest(tx, String(payload.userId), new Date(String(payload.until)), appOrigin());
});

/** A person asks for their digest now (from the account page): queued as a job like the others. */
export async function requestDigestNow(actor: Actor, now = new Date()): Promise<void> {
  await scheduleJob(db, {
    kind: "digest.send",
    key: `digest.send:${actor.userId}:now:${now.getTime()}`,
    runAt: now,
    payload: { userId: actor.userId, until: now.toISOString() },
  });
}

export interface DigestContent {
  posts: { id: string; type: "update" | "announcement"; title: string; organisation: string; network: string; createdAt: Date }[];
  postCount: number;
  meetings: { id: string; title: string; network: string; startsAt: Date | null }[];
  minutes: { meetingId: string; title: string; network: string }[];
  documents: { id: string; title: string; network: string }[];
}

/** What is new for the actor in (from, until], limited to what the actor may see. */
export async function digestContent(tx: Tx, actor: Actor, from: Date, until: Date): Promise<DigestContent> {
  const postWhere = and(
    sql`${posts.deletedAt} is null`,
    gt(posts.createdAt, from),
    lte(posts.createdAt, until),
    ne(posts.authorId, actor.userId),
    postVisibleTo(actor),
  );
  const firstNetwork = sql<string>`(select min(${networks.name}) from ${postNetworks} fpn join ${networks} on ${networks.id} = fpn.network_id
                where fpn.post_id = ${posts.id} and ${networkVisibleTo(actor)})`;
  const [listed, [count], scheduled, published] = await Promise.all([
    tx
      .select({ id: posts.id, type: posts.type, title: posts.title, organisation: organisations.name, network: firstNetwork, createdAt: posts.createdAt })
      .from(posts)
      .innerJoin(organisations, eq(organisations.id, posts.organisationId))
      .where(postWhere)
      // Announcements first, then the newest.
      .orderBy(asc(posts.type), desc(posts.createdAt))
      .limit(MAX_LISTED),
    tx.select({ n: sql<number>`count(*)::int` }).from(posts).where(postWhere),
    tx
      .select({ id: meetings.id, title: meetings.title, network: networks.name, startsAt: meetings.startsAt })
      .from(meetings)
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(and(eq(meetings.status, "scheduled"), gt(meetings.scheduledAt, from), lte(meetings.scheduledAt, until), networkVisibleTo(actor)))
      .orderBy(asc(meetings.startsAt))
      .limit(MAX_LISTED),
    tx
      .select({ meetingId: meetings.id, title: meetings.title, network: networks.name })
      .from(meetingMinutes)
      .innerJoin(meetings, eq(meetings.id, meetingMinutes.meetingId))
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(
        and(
          eq(meetingMinutes.status, "published"),
          gt(meetingMinutes.publishedAt, from),
          lte(meetingMinutes.publishedAt, until),
          networkVisibleTo(actor),
        ),
      )
      .limit(MAX_LISTED),
  ]);
  // New documents: created in the period, and visible to the person (restricted ones only when shared with them).
  const newDocuments = await tx
    .select({ id: documents.id, title: documents.title, network: networks.name })
    .from(documents)
    .innerJoin(networks, eq(networks.id, documents.networkId))
    .where(and(gt(documents.createdAt, from), lte(documents.createdAt, until), ne(documents.createdBy, actor.userId), documentVisibleTo(actor)))
    .orderBy(desc(documents.createdAt))
    .limit(MAX_LISTED);
  return { posts: listed, postCount: count?.n ?? 0, meetings: scheduled, minutes: published, documents: newDocuments };
}

export function digestMail(content: DigestContent, locale: Locale, frequency: "daily" | "weekly", origin: string) {
  const t = serverT(locale);
  const lines: string[] = [t("digest.intro", { context: frequency }), ""];
  const announcements = content.posts.filter((p) => p.type === "announcement");
  const updates = content.posts.filter((p) => p.type === "update");
  const section = (heading: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(heading, "-".repeat(heading.length), ...items, "");
  };
  section(
    t("digest.announcements"),
    announcements.map((p) => `• ${p.title} (${p.network})\n  ${origin}/updates/${p.id}`),
  );
  section(
    t("digest.updates"),
    updates.map((p) => `• ${p.title} – ${p.organisation} (${p.network})\n  ${origin}/updates/${p.id}`),
  );
  if (content.postCount > content.posts.length) lines.push(t("digest.more", { count: content.postCount - content.posts.length }), "");
  section(
    t("digest.meetings"),
    content.meetings.map((m) => `• ${m.title} (${m.network})${m.startsAt ? `, ${formatDateTime(m.startsAt, locale)}` : ""}\n  ${origin}/meetings/${m.id}`),
  );
  section(
    t("digest.documents"),
    content.documents.map((d) => `• ${d.title} (${d.network})\n  ${origin}/documents/${d.id}`),
  );
  section(
    t("digest.minutes"),
    content.minutes.map((m) => `• ${m.title} (${m.network})\n  ${origin}/meetings/${m.meetingId}/minutes`),
  );
  lines.push("—", t("digest.footer", { link: `${origin}/account` }));
  const total = content.postCount + content.meetings.length + content.minutes.length + content.documents.length;
  return { subject: t("digest.subject", { context: frequency, count: total }), text: lines.join("\n") };
}

/**
 * Composes and queues one person's digest for the period since their last one. Nothing new
 * means no mail. The covered-until mark moves in the same transaction as the outbox row.
 */
export async function sendDigest(tx: Tx, userId: string, until: Date, origin: string): Promise<boolean> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user || user.status !== "active" || user.digest === "off") return false;
  const span = user.digest === "daily" ? DAY_MS : 7 * DAY_MS;
  const from = user.digestCoveredUntil ?? new Date(until.getTime() - span);
  if (from >= until) return false;
  const content = await digestContent(tx, actorOf(user), from, until);
  await tx.update(users).set({ digestCoveredUntil: until }).where(eq(users.id, userId));
  if (content.postCount + content.meetings.length + content.minutes.length + content.documents.length === 0) return false;
  const locale = isLocale(user.locale) ? user.locale : "sv";
  await enqueueMail(tx, { to: user.email, ...digestMail(content, locale, user.digest, origin) });
  return true;
}

export async function setDigestFrequency(actor: Actor, frequency: "off" | "daily" | "weekly"): Promise<void> {
  await db.update(users).set({ digest: frequency }).where(eq(users.id, actor.userId));
}

import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, postNetworks, posts, users } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { runDueJobs, scheduleJob } from "~/lib/jobs.server";
import { appOrigin } from "~/lib/origin.server";
import { parseStockholm } from "~/lib/time";
import { actorByEmail, seedDemo } from "~/test/demo";
import { mailFixture } from "~/test/smtp";
import { nextDigestRun, requestDigestNow } from "./digest.server";
import { createDocument } from "./library.server";
import { createMeeting } from "./meetings.server";
import { listNotifications, markSubjectRead, unreadNotificationCount } from "./notifications.server";
import { createAnnouncement, createUpdate } from "./posts.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const ORIGIN = "https://portal.example.se";
// 2030-01-07 is a Monday: weekly and daily digests go out; on the Tuesday only daily ones.
const MONDAY = "2030-01-07";
const T0 = new Date("2030-01-06T12:00:00Z");
// The demo data is dated a month before T0, whatever day the tests run: seeded from the
// real clock, it fell after T0 from 2030 on and every digest counted it.
const mail = mailFixture(() => seedDemo(new Date(T0.getTime() - 30 * 86_400_000)));

const digestsTo = (address: string) =>
  mail.smtp.received.filter((m) => (m.subject ?? "").startsWith("Nätverksportalen ") && JSON.stringify(m.to).includes(address));

async function setDigest(email: string, digest: "off" | "daily" | "weekly") {
  await db.update(users).set({ digest }).where(eq(users.email, email));
}

describe("mail digests", () => {
  it("send each person one mail with only what they may see, weekly on Mondays and daily every morning, once with two runners", async () => {
    // Nothing before T0 counts: the demo data is older (seeded a month before it).
    await db.update(users).set({ digestCoveredUntil: T0 });
    await setDigest("karin.wallin@example.org", "daily");
    await setDigest("sofia.aberg@example.org", "off");

    const karin = await actorByEmail("karin.wallin@example.org");
    const police = await actorByEmail("polisen@example.org");
    const coordinator = await actorByEmail("samordnare@example.org");
    const update = await createUpdate(
      karin,
      { networks: ["myndighetsnatverket"], title: "Socialstyrelsens nya vägledning", body: "Text", kind: "progress", assignmentId: null },
      meta,
      new Date("2030-01-06T15:00:00Z"),
    );
    const announcement = await createAnnouncement(coordinator, "ideella-organisationer", { title: "Till de ideella: nytt material", body: "", important: false, pinned: false }, meta, ORIGIN);
    if (!update.ok || !announcement.ok) throw new Error("not created");
    const inWindow = new Date("2030-01-06T16:00:00Z");
    await db.update(posts).set({ createdAt: inWindow }).where(eq(posts.id, announcement.id));
    await db.update(postNetworks).set({ createdAt: inWindow }).where(eq(postNetworks.postId, announcement.id));
    const deleted = await createUpdate(
      police,
      { networks: ["myndighetsnatverket"], title: "Borttagen rapport", body: "", kind: "progress", assignmentId: null },
      meta,
      new Date("2030-01-06T17:00:00Z"),
    );
    if (deleted.ok) await db.update(posts).set({ deletedAt: new Date() }).where(eq(posts.id, deleted.id));

    const monday = nextDigestRun(new Date(`${MONDAY}T05:00:00Z`));
    expect(monday).toEqual({ day: MONDAY, runAt: parseStockholm(`${MONDAY} 07:00`) });
    await scheduleJob(db, { kind: "digest.plan", key: `digest.plan:${MONDAY}`, runAt: monday.runAt, payload: { day: MONDAY } });
    const at = new Date(`${MONDAY}T06:30:00Z`);
    await Promise.all([runDueJobs(at), runDueJobs(at)]);
    await mail.deliver();

    const policeDigests = digestsTo("polisen@example.org");
    expect(policeDigests).toHaveLength(1);
    expect(policeDigests[0]!.subject).toBe("Nätverksportalen denna vecka: 1 nyhet");
    expect(policeDigests[0]!.text).toContain("Socialstyrelsens nya vägledning");
    expect(policeDigests[0]!.text).toContain(`/updates/${update.id}`);
    // Not the NGO network's announcement, nor a deleted post.
    expect(policeDigests[0]!.text).not.toContain("Till de ideella");
    expect(policeDigests[0]!.text).not.toContain("Borttagen rapport");

    const ngoDigests = digestsTo("raddabarnen@example.org");
    expect(ngoDigests).toHaveLength(1);
    expect(ngoDigests[0]!.text).toContain("Till de ideella: nytt material");
    expect(ngoDigests[0]!.text).not.toContain("Socialstyrelsens nya vägledning");
    // Off means off; one's own update alone makes no digest.
    expect(digestsTo("sofia.aberg@example.org")).toHaveLength(0);
    expect(digestsTo("karin.wallin@example.org")).toHaveLength(0);

    // The plan queued the next morning's plan.
    const [next] = await db.select().from(jobs).where(eq(jobs.key, "digest.plan:2030-01-08"));
    expect(next?.status).toBe("pending");

    // Tuesday: only the daily reader hears of Monday evening's update.
    const later = await createUpdate(
      police,
      { networks: ["myndighetsnatverket"], title: "Polisens måndagskväll", body: "", kind: "question", assignmentId: null },
      meta,
      new Date(`${MONDAY}T19:00:00Z`),
    );
    if (!later.ok) throw new Error("not created");
    await runDueJobs(new Date("2030-01-08T06:30:00Z"));
    await mail.deliver();
    const karinDigests = digestsTo("karin.wallin@example.org");
    expect(karinDigests).toHaveLength(1);
    expect(karinDigests[0]!.subject).toBe("Nätverksportalen i dag: 1 nyhet");
    expect(karinDigests[0]!.text).toContain("Polisens måndagskväll");
    expect(digestsTo("polisen@example.org")).toHaveLength(1);
  });

  it("includes meetings that got their time and minutes that were published, and can be asked for at once", async () => {
    const person = await actorByEmail("oskar.lund@example.org");
    const coordinator = await actorByEmail("samordnare@example.org");
    await db.update(users).set({ digestCoveredUntil: new Date(Date.now() - 60_000) }).where(eq(users.id, person.userId));
    const meeting = await createMeeting(
      coordinator,
      "myndighetsnatverket",
      { title: "Digestmötet", description: "", place: "Linköping", onlineLink: "", durationMinutes: 60, mode: "fixed", startsAt: new Date(Date.now() + 5 * 86_400_000) },
      meta,
      ORIGIN,
    );
    if (!meeting.ok) throw new Error("no meeting");
    // In the app too: a notification that opening the meeting answers.
    const notes = await listNotifications(person);
    expect(notes.find((n) => n.meetingId === meeting.meetingId)).toMatchObject({ kind: "meeting_scheduled", title: "Digestmötet", readAt: null });
    const unread = await unreadNotificationCount(person);
    await markSubjectRead(person, { meetingId: meeting.meetingId, kind: "meeting_scheduled" });
    expect(await unreadNotificationCount(person)).toBe(unread - 1);
    // Two new documents: an internal one he sees, a restricted one not shared with Skolverket.
    const police = await actorByEmail("polisen@example.org");
    const file = (name: string) => ({ storageKey: `objects/test/${name}`, fileName: `${name}.txt`, mimeType: "text/plain; charset=utf-8", size: 1, sha256: "0".repeat(64), scanned: false, text: "" });
    const base = { description: "", registrationNumber: "", secrecyReference: "", organisations: [], folderId: null };
    const open = await createDocument(police, "myndighetsnatverket", { ...base, title: "Digest: intern rapport", classification: "internal" }, file("a"), meta);
    const secret = await createDocument(police, "myndighetsnatverket", { ...base, title: "Digest: begränsad rapport", classification: "restricted" }, file("b"), meta);
    expect(open.ok && secret.ok).toBe(true);
    // Queued as an older version queued it, with the asking request's origin in the
    // payload (a forged Host could put any there): the links still go to the configured origin.
    await scheduleJob(db, {
      kind: "digest.send",
      key: `digest.send:${person.userId}:legacy`,
      runAt: new Date(),
      payload: { userId: person.userId, until: new Date().toISOString(), origin: "http://evil.example" },
    });
    await runDueJobs(new Date(Date.now() + 1000));
    await mail.deliver();
    const digest = digestsTo("oskar.lund@example.org").at(-1)!;
    expect(digest.text).toContain("Inplanerade möten");
    expect(digest.text).toContain("Digestmötet");
    expect(digest.text).toContain(`${appOrigin()}/meetings/${meeting.meetingId}`);
    expect(digest.text).not.toContain("evil.example");
    expect(digest.text).toContain("Nya dokument");
    expect(digest.text).toContain("Digest: intern rapport");
    expect(digest.text).not.toContain("Digest: begränsad rapport");
    // Asking again at once finds nothing new: no second mail.
    const before = digestsTo("oskar.lund@example.org").length;
    await requestDigestNow(person, new Date(Date.now() + 2000));
    await runDueJobs(new Date(Date.now() + 3000));
    await mail.deliver();
    expect(digestsTo("oskar.lund@example.org")).toHaveLength(before);
    const pending = await db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(inArray(jobs.status, ["failed"]));
    expect(pending[0]!.n).toBe(0);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, mailOutbox } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { runDueJobs } from "~/lib/jobs.server";
import { actorByEmail, seedDemo } from "~/test/demo";
import { changeMeeting, createMeeting, setRsvp } from "./meetings.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const HOUR = 3_600_000;

describe("meeting reminders (durable jobs)", () => {
  it("mail those who answered attend or maybe the day before, once, even with two runners at once", async () => {
    await seedDemo();
    const coordinator = await actorByEmail("samordnare@example.org");
    const startsAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 72 * HOUR);
    const created = await createMeeting(
      coordinator,
      "myndighetsnatverket",
      { title: "Påminnelsemöte", description: "", place: "Linköping", onlineLink: "", durationMinutes: 60, mode: "fixed", startsAt },
      meta,
      "https://portal.example.se",
    );
    if (!created.ok) throw new Error("not created");
    await setRsvp(await actorByEmail("polisen@example.org"), created.meetingId, "attend", meta);
    await setRsvp(await actorByEmail("sofia.aberg@example.org"), created.meetingId, "maybe", meta);
    await setRsvp(await actorByEmail("karin.wallin@example.org"), created.meetingId, "decline", meta);
    const reminders = () => db.select().from(mailOutbox).where(eq(mailOutbox.subject, "Påminnelse: Påminnelsemöte i morgon"));

    expect(await runDueJobs(new Date())).toBe(0); // not due yet
    const dayBefore = new Date(startsAt.getTime() - 23 * HOUR);
    const [a, b] = await Promise.all([runDueJobs(dayBefore), runDueJobs(dayBefore)]);
    expect(a + b).toBe(1);
    expect((await reminders()).map((m) => m.to).sort()).toEqual(["polisen@example.org", "sofia.aberg@example.org"]);
    // The reminder gives the end as well as the start, in Stockholm time.
    const clock = (instant: Date) => new Intl.DateTimeFormat("sv-SE", { timeStyle: "short", timeZone: "Europe/Stockholm" }).format(instant);
    expect((await reminders())[0]!.text).toMatch(new RegExp(`${clock(startsAt)}–(.* )?${clock(new Date(startsAt.getTime() + HOUR))}\nPlats`));
    expect(await runDueJobs(dayBefore)).toBe(0);
    expect((await reminders()).length).toBe(2);
  });

  it("a moved meeting gets a new reminder and the old one does nothing", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    const startsAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 96 * HOUR);
    const created = await createMeeting(
      coordinator,
      "myndighetsnatverket",
      { title: "Flyttat möte", description: "", place: "Linköping", onlineLink: "", durationMinutes: 60, mode: "fixed", startsAt },
      meta,
      "https://portal.example.se",
    );
    if (!created.ok) throw new Error("not created");
    await setRsvp(await actorByEmail("polisen@example.org"), created.meetingId, "attend", meta);
    const later = new Date(startsAt.getTime() + 48 * HOUR);
    await changeMeeting(coordinator, created.meetingId, { startsAt: later, durationMinutes: 60, place: "Linköping", onlineLink: "" }, meta, "https://portal.example.se");
    const queued = await db.select().from(jobs).where(eq(jobs.kind, "meeting.reminder"));
    expect(queued.filter((j) => (j.payload as { meetingId: string }).meetingId === created.meetingId)).toHaveLength(2);

    const reminders = () => db.select().from(mailOutbox).where(eq(mailOutbox.subject, "Påminnelse: Flyttat möte i morgon"));
    await runDueJobs(new Date(startsAt.getTime() - 23 * HOUR)); // the old time's reminder: a no-op
    expect(await reminders()).toHaveLength(0);
    await runDueJobs(new Date(later.getTime() - 23 * HOUR));
    expect((await reminders()).map((m) => m.to)).toEqual(["polisen@example.org"]);
  });
});

import { and, eq, inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, mailOutbox, notifications } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { runDueJobs } from "~/lib/jobs.server";
import { appOrigin } from "~/lib/origin.server";
import { actorByEmail, seedDemo } from "~/test/demo";
import { mailFixture } from "~/test/smtp";
import { createMeeting, getMeetingPage, schedulePoll, vote } from "./meetings.server";
import { listNotifications } from "./notifications.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const ORIGIN = "https://portal.example.se";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const mail = mailFixture(seedDemo);
const base = { description: "", place: "Linköping", onlineLink: "", durationMinutes: 90 };
/** Stockholm wall clock, made here rather than by the code under test. */
const stockholm = (instant: Date, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat("sv-SE", { ...options, timeZone: "Europe/Stockholm" }).format(instant);

async function openPoll(title: string, deadlineIn: number) {
  const coordinator = await actorByEmail("samordnare@example.org");
  const minute = Math.ceil(Date.now() / 60_000) * 60_000;
  const options = [8, 9].map((d) => new Date(minute + d * DAY));
  const pollDeadline = new Date(minute + deadlineIn);
  const created = await createMeeting(coordinator, "myndighetsnatverket", { ...base, title, mode: "poll", options, pollDeadline }, meta, ORIGIN);
  if (!created.ok) throw new Error(JSON.stringify(created));
  return { coordinator, meetingId: created.meetingId, options, pollDeadline };
}

/** Poll reminders in the outbox, in either language (one demo person reads English). */
const reminderMails = (title: string) =>
  db
    .select()
    .from(mailOutbox)
    .where(inArray(mailOutbox.subject, [`Svara på tidsomröstningen: ${title}`, `Please answer the time poll: ${title}`]));

describe("a new time poll", () => {
  it("tells everyone asked at once, in the portal and by mail with the times, the deadline and the link", async () => {
    const { coordinator, meetingId, options, pollDeadline } = await openPoll("Höstens nätverksmöte", 5 * DAY);
    const police = await actorByEmail("polisen@example.org");

    const notified = (await listNotifications(police)).filter((n) => n.meetingId === meetingId);
    expect(notified).toMatchObject([{ kind: "poll_opened", title: "Höstens nätverksmöte", readAt: null }]);
    // Not the coordinator who opened it.
    expect((await listNotifications(coordinator)).filter((n) => n.meetingId === meetingId)).toEqual([]);
    // A person outside the network hears nothing.
    expect((await listNotifications(await actorByEmail("raddabarnen@example.org"))).filter((n) => n.meetingId === meetingId)).toEqual([]);
    const audience = (await getMeetingPage(coordinator, meetingId))!.notAnswered.length;
    const asked = await db.select().from(notifications).where(and(eq(notifications.meetingId, meetingId), eq(notifications.kind, "poll_opened")));
    expect(asked.length).toBeGreaterThan(20);
    expect(asked.length).toBe(audience - 1);

    await mail.deliver();
    const opened = mail.lastMailTo("polisen@example.org");
    expect(opened.subject).toBe("Tidsomröstning: Höstens nätverksmöte");
    expect(opened.text).toContain(`Svara senast ${stockholm(pollDeadline, { dateStyle: "medium", timeStyle: "short" })}`);
    for (const option of options) {
      expect(opened.text).toContain(`• ${stockholm(option, { dateStyle: "medium", timeStyle: "short" })}–`);
      expect(opened.text).toContain(stockholm(new Date(option.getTime() + 90 * 60_000), { timeStyle: "short" }));
    }
    expect(opened.text).toContain(`${ORIGIN}/meetings/${meetingId}\n`);
    expect(mail.smtp.received.filter((m) => JSON.stringify(m.to).includes("raddabarnen@example.org") && m.subject?.includes("Höstens nätverksmöte"))).toHaveLength(0);
  });

  it("reminds those who have not answered a day before the deadline, once each, even with two runners at once", async () => {
    const { meetingId, pollDeadline } = await openPoll("Vårens nätverksmöte", 4 * DAY);
    const police = await actorByEmail("polisen@example.org");
    const option = (await getMeetingPage(police, meetingId))!.options[0]!;
    expect(await vote(police, meetingId, [{ optionId: option.id, answer: "yes" }], meta)).toEqual({ ok: true });

    await runDueJobs(new Date(pollDeadline.getTime() - 25 * HOUR)); // not due yet
    expect(await reminderMails("Vårens nätverksmöte")).toHaveLength(0);

    const dayBefore = new Date(pollDeadline.getTime() - 23 * HOUR);
    await Promise.all([runDueJobs(dayBefore), runDueJobs(dayBefore)]);
    const sent = (await reminderMails("Vårens nätverksmöte")).map((m) => m.to);
    expect(sent).toContain("sofia.aberg@example.org");
    expect(sent).not.toContain("polisen@example.org");
    expect(new Set(sent).size).toBe(sent.length);
    const coordinator = await actorByEmail("samordnare@example.org");
    expect(sent.length).toBe((await getMeetingPage(coordinator, meetingId))!.notAnswered.length);

    await runDueJobs(new Date(pollDeadline.getTime() - HOUR));
    expect(await reminderMails("Vårens nätverksmöte")).toHaveLength(sent.length);
    await mail.deliver();
    const reminder = mail.lastMailTo("sofia.aberg@example.org");
    expect(reminder.subject).toBe("Svara på tidsomröstningen: Vårens nätverksmöte");
    expect(reminder.text).toContain(`${appOrigin()}/meetings/${meetingId}`);
  });

  it("reminds nobody once the coordinator has chosen the time, and queues no reminder for a deadline less than a day away", async () => {
    const { coordinator, meetingId, pollDeadline } = await openPoll("Redan bestämt", 3 * DAY);
    const option = (await getMeetingPage(coordinator, meetingId))!.options[0]!;
    expect(await schedulePoll(coordinator, meetingId, option.id, meta, ORIGIN)).toEqual({ ok: true });
    await runDueJobs(new Date(pollDeadline.getTime() - 23 * HOUR));
    expect(await reminderMails("Redan bestämt")).toHaveLength(0);

    const soon = await openPoll("Bråttom", 12 * HOUR);
    expect(await db.select().from(jobs).where(like(jobs.key, `meeting.poll_reminder:${soon.meetingId}%`))).toHaveLength(0);
    await runDueJobs(new Date(soon.pollDeadline.getTime() - HOUR));
    expect(await reminderMails("Bråttom")).toHaveLength(0);
  });
});

import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { meetingInvitees, meetings, networks, users } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { actorByEmail, seedDemo } from "~/test/demo";
import { mailFixture } from "~/test/smtp";
import { cancelMeeting, changeMeeting, createMeeting, getMeetingPage, listMeetings, meetingIcs, remindNonVoters, schedulePoll, setRsvp, vote } from "./meetings.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const ORIGIN = "https://portal.example.se";
const mail = mailFixture(seedDemo);
const DAY = 86_400_000;
const base = { description: "Dagordning följer.", place: "Länsstyrelsen, Linköping", onlineLink: "", durationMinutes: 120 };

/** A Stockholm clock time ("11:30"), made here rather than by the code under test. */
const clock = (instant: Date) => new Intl.DateTimeFormat("sv-SE", { timeStyle: "short", timeZone: "Europe/Stockholm" }).format(instant);

function parseEvents(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const tz of component.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  return {
    method: component.getFirstPropertyValue("method"),
    events: component.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e)),
  };
}

describe("meetings", () => {
  it("a coordinator schedules a meeting; every member is invited by mail with a calendar a real parser accepts", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    await db.update(users).set({ locale: "en" }).where(eq(users.email, "karin.wallin@example.org"));
    // Mid-January next year: always in the future, and in Stockholm's winter time.
    const year = new Date().getUTCFullYear() + 1;
    const startsAt = new Date(Date.UTC(year, 0, 14, 8, 30)); // 09:30 in Stockholm
    const result = await createMeeting(coordinator, "myndighetsnatverket", { ...base, title: "Nätverksmöte januari", mode: "fixed", startsAt }, meta, ORIGIN);
    await db.update(users).set({ locale: "sv" }).where(eq(users.email, "karin.wallin@example.org"));
    if (!result.ok) throw new Error(JSON.stringify(result));

    const invitees = await db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, result.meetingId));
    expect(invitees.length).toBeGreaterThan(20);
    await mail.deliver();
    const invitation = mail.lastMailTo("polisen@example.org");
    expect(invitation.subject).toBe("Inbjudan: Nätverksmöte januari");
    // Start and end, in Stockholm time, in each person's language.
    expect(invitation.text).toContain(`Tid: 14 jan. ${year} 09:30–11:30\n`);
    const english = mail.lastMailTo("karin.wallin@example.org");
    expect(english.subject).toBe("Invitation: Nätverksmöte januari");
    expect(english.text).toContain(`Time: 14 Jan ${year}, 09:30–11:30\n`);
    const calendarPart = invitation.attachments.find((a) => a.contentType.startsWith("text/calendar"));
    expect(calendarPart).toBeDefined();
    const parsed = parseEvents(calendarPart!.content.toString("utf8"));
    expect(parsed.method).toBe("REQUEST");
    expect(parsed.events).toHaveLength(1);
    const event = parsed.events[0]!;
    expect(event.uid).toBe(`${result.meetingId}@natverksportalen`);
    expect(event.startDate.toJSDate().toISOString()).toBe(startsAt.toISOString());
    expect(event.startDate.zone?.tzid).toBe("Europe/Stockholm");
    expect(event.startDate.hour).toBe(9);
    expect(event.endDate.toJSDate().getTime() - startsAt.getTime()).toBe(120 * 60_000);
    expect(event.summary).toBe("Nätverksmöte januari");

    // The download is the same event, published.
    const download = parseEvents((await meetingIcs(await actorByEmail("polisen@example.org"), result.meetingId, ORIGIN))!);
    expect(download.method).toBe("PUBLISH");
    expect(download.events[0]!.uid).toBe(event.uid);
  });

  it("members answer attend, maybe or decline; the page shows who comes from which organisation", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    const created = await createMeeting(coordinator, "myndighetsnatverket", { ...base, title: "RSVP-test", mode: "fixed", startsAt: new Date(Date.now() + 10 * DAY) }, meta, ORIGIN);
    if (!created.ok) throw new Error("not created");
    const police = await actorByEmail("polisen@example.org");
    expect(await setRsvp(police, created.meetingId, "attend", meta)).toEqual({ ok: true });
    expect(await setRsvp(police, created.meetingId, "maybe", meta)).toEqual({ ok: true });
    const page = await getMeetingPage(police, created.meetingId);
    expect(page?.myRsvp).toBe("maybe");
    // The page (and so the browser) never gets the meeting's search vector.
    expect(page?.meeting.title).toBeTruthy();
    expect(Object.keys(page!.meeting)).not.toContain("search");
    expect(page?.invitees.find((i) => i.userId === police.userId)?.organisationName).toBe("Polismyndigheten");
  });

  it("answers 404 to non-members, for pages, answers, calendars and lists alike", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    const created = await createMeeting(coordinator, "myndighetsnatverket", { ...base, title: "Internt", mode: "fixed", startsAt: new Date(Date.now() + 5 * DAY) }, meta, ORIGIN);
    if (!created.ok) throw new Error("not created");
    const ngo = await actorByEmail("raddabarnen@example.org");
    expect(await getMeetingPage(ngo, created.meetingId)).toBeNull();
    expect(await setRsvp(ngo, created.meetingId, "attend", meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await meetingIcs(ngo, created.meetingId, ORIGIN)).toBeNull();
    expect(await listMeetings(ngo, "myndighetsnatverket")).toBeNull();
    expect(await getMeetingPage(ngo, "not-a-uuid")).toBeNull();
    // A plain member cannot create meetings, nor a coordinator of another network.
    const police = await actorByEmail("polisen@example.org");
    const startsAt = new Date(Date.now() + 5 * DAY);
    expect(await createMeeting(police, "myndighetsnatverket", { ...base, title: "X", mode: "fixed", startsAt }, meta, ORIGIN)).toEqual({ ok: false, reason: "not_found" });
    const other = await actorByEmail("leyla.karimi@example.org");
    expect(await createMeeting(other, "myndighetsnatverket", { ...base, title: "X", mode: "fixed", startsAt }, meta, ORIGIN)).toEqual({ ok: false, reason: "not_found" });
  });

  it("lists at most the limit of upcoming (soonest first) and past (latest first) meetings and says when a list was cut", async () => {
    const [network] = await db.select().from(networks).where(eq(networks.slug, "myndighetsnatverket"));
    // Years after the real clock (which the seed and the other tests date from), at a whole hour.
    const now = new Date(Math.ceil((Date.now() + 3000 * DAY) / 3_600_000) * 3_600_000);
    const at = (days: number) => new Date(now.getTime() + days * DAY);
    // Three meetings on each side of `now`, far from anything else the tests create.
    await db.insert(meetings).values(
      [-3, -2, -1, 1, 2, 3].map((d) => ({ networkId: network!.id, title: `Gräns ${d}`, durationMinutes: 60, status: "scheduled" as const, startsAt: at(d), endsAt: new Date(at(d).getTime() + 3_600_000) })),
    );
    const police = await actorByEmail("polisen@example.org");
    // Polls without a time come first among the upcoming; room is made for them.
    const polls = (await listMeetings(police, "myndighetsnatverket", now))!.upcoming.filter((m) => m.startsAt === null).length;
    const list = await listMeetings(police, "myndighetsnatverket", now, polls + 2);
    expect(list?.upcoming).toHaveLength(polls + 2);
    expect(list?.upcoming.filter((m) => m.startsAt !== null).map((m) => m.title)).toEqual(["Gräns 1", "Gräns 2"]);
    expect(list?.upcomingMore).toBe(true);
    expect(list?.past.slice(0, 2).map((m) => m.title)).toEqual(["Gräns -1", "Gräns -2"]);
    expect(list?.pastMore).toBe(true);
    // Later than every meeting: nothing upcoming but the polls without a time, nothing cut there.
    const late = await listMeetings(police, "myndighetsnatverket", at(4000), 2);
    expect(late?.upcoming.every((m) => m.startsAt === null)).toBe(true);
    expect(late?.past.map((m) => m.title)).toEqual(["Gräns 3", "Gräns 2"]);
  });

  it("refuses times in the past and too many proposals, changing nothing", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    const before = (await db.select().from(meetings)).length;
    expect(await createMeeting(coordinator, "myndighetsnatverket", { ...base, title: "Då", mode: "fixed", startsAt: new Date(Date.now() - DAY) }, meta, ORIGIN)).toMatchObject({ ok: false, field: "startsAt" });
    const many = Array.from({ length: 200 }, (_, i) => new Date(Date.now() + (i + 1) * DAY));
    expect(await createMeeting(coordinator, "myndighetsnatverket", { ...base, title: "Många", mode: "poll", options: many, pollDeadline: new Date(Date.now() + DAY) }, meta, ORIGIN)).toMatchObject({ ok: false, message: "meetings.errors.tooManyOptions" });
    expect((await db.select().from(meetings)).length).toBe(before);
  });

  it("runs a time poll: answers change until it closes, the chosen time schedules and invites, late answers get 'closed'", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    const options = [3, 4, 5].map((d) => new Date(Date.now() + d * DAY));
    const created = await createMeeting(coordinator, "myndighetsnatverket", { ...base, title: "Omröstning", mode: "poll", options, pollDeadline: new Date(Date.now() + 2 * DAY) }, meta, ORIGIN);
    if (!created.ok) throw new Error("not created");
    const police = await actorByEmail("polisen@example.org");
    let page = await getMeetingPage(coordinator, created.meetingId);
    const [a, b] = page!.options;
    expect(page!.notAnswered.map((p) => p.id)).toContain(police.userId);

    expect(await vote(police, created.meetingId, [{ optionId: a!.id, answer: "yes" }, { optionId: b!.id, answer: "no" }], meta)).toEqual({ ok: true });
    expect(await vote(police, created.meetingId, [{ optionId: b!.id, answer: "if_need_be" }], meta)).toEqual({ ok: true });
    page = await getMeetingPage(coordinator, created.meetingId);
    expect(page!.votes.filter((v) => v.userId === police.userId).map((v) => v.answer).sort()).toEqual(["if_need_be", "yes"]);
    expect(page!.notAnswered.map((p) => p.id)).not.toContain(police.userId);

    // An option id of another meeting is refused; a member cannot close the poll.
    const otherPoll = await createMeeting(coordinator, "myndighetsnatverket", { ...base, title: "Annan", mode: "poll", options, pollDeadline: new Date(Date.now() + DAY) }, meta, ORIGIN);
    if (!otherPoll.ok) throw new Error("not created");
    const foreign = (await getMeetingPage(coordinator, otherPoll.meetingId))!.options[0]!;
    expect(await vote(police, created.meetingId, [{ optionId: foreign.id, answer: "yes" }], meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await schedulePoll(police, created.meetingId, a!.id, meta, ORIGIN)).toEqual({ ok: false, reason: "not_found" });
    expect(await schedulePoll(coordinator, created.meetingId, foreign.id, meta, ORIGIN)).toEqual({ ok: false, reason: "not_found" });

    expect(await schedulePoll(coordinator, created.meetingId, a!.id, meta, ORIGIN)).toEqual({ ok: true });
    page = await getMeetingPage(police, created.meetingId);
    expect(page!.meeting.status).toBe("scheduled");
    expect(page!.meeting.startsAt?.toISOString()).toBe(a!.startsAt.toISOString());
    expect(page!.invitees.length).toBeGreaterThan(20);
    expect(await vote(police, created.meetingId, [{ optionId: a!.id, answer: "no" }], meta)).toEqual({ ok: false, reason: "closed" });
    expect(await schedulePoll(coordinator, created.meetingId, b!.id, meta, ORIGIN)).toEqual({ ok: false, reason: "closed" });
  });

  it("refuses answers after the poll's deadline", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    const options = [new Date(Date.now() + 3 * DAY)];
    const created = await createMeeting(coordinator, "myndighetsnatverket", { ...base, title: "Snart stängd", mode: "poll", options, pollDeadline: new Date(Date.now() + DAY) }, meta, ORIGIN);
    if (!created.ok) throw new Error("not created");
    const option = (await getMeetingPage(coordinator, created.meetingId))!.options[0]!;
    const police = await actorByEmail("polisen@example.org");
    expect(await vote(police, created.meetingId, [{ optionId: option.id, answer: "yes" }], meta, new Date(Date.now() + 2 * DAY))).toEqual({ ok: false, reason: "closed" });
  });

  it("keeps script in titles as text in the calendar", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    const title = '<script>alert("x")</script> Möte';
    const created = await createMeeting(coordinator, "myndighetsnatverket", { ...base, title, mode: "fixed", startsAt: new Date(Date.now() + 9 * DAY) }, meta, ORIGIN);
    if (!created.ok) throw new Error("not created");
    const ics = parseEvents((await meetingIcs(coordinator, created.meetingId, ORIGIN))!);
    expect(ics.events[0]!.summary).toBe(title);
  });

  // It delivers mail to the whole network three times, the opening mails of the polls above included.
  it("a change of time sends an update with the same UID and a higher SEQUENCE; a cancellation sends METHOD:CANCEL", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    const startsAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 20 * DAY);
    const created = await createMeeting(coordinator, "myndighetsnatverket", { ...base, title: "Flyttas", mode: "fixed", startsAt }, meta, ORIGIN);
    if (!created.ok) throw new Error("not created");
    await mail.deliver();
    const calendarOf = (m: ReturnType<typeof mail.lastMailTo>) =>
      parseEvents(m.attachments.find((a) => a.contentType.startsWith("text/calendar"))!.content.toString("utf8"));
    const first = calendarOf(mail.lastMailTo("polisen@example.org")).events[0]!;

    const moved = new Date(startsAt.getTime() + DAY);
    expect(await changeMeeting(await actorByEmail("polisen@example.org"), created.meetingId, { startsAt: moved, durationMinutes: 90, place: "Stockholm", onlineLink: "" }, meta, ORIGIN)).toEqual({ ok: false, reason: "not_found" });
    expect(await changeMeeting(coordinator, created.meetingId, { startsAt: moved, durationMinutes: 90, place: "Stockholm", onlineLink: "" }, meta, ORIGIN)).toEqual({ ok: true });
    await mail.deliver();
    const update = mail.lastMailTo("polisen@example.org");
    expect(update.subject).toBe("Ändrat: Flyttas");
    const movedEnd = new Date(moved.getTime() + 90 * 60_000);
    // (A meeting that runs past midnight names the end's date too.)
    expect(update.text).toMatch(new RegExp(`Ny tid: .*${clock(moved)}–(.* )?${clock(movedEnd)}\n`));
    const updated = calendarOf(update);
    expect(updated.method).toBe("REQUEST");
    expect(updated.events[0]!.uid).toBe(first.uid);
    expect(updated.events[0]!.sequence).toBe(first.sequence + 1);
    expect(updated.events[0]!.startDate.toJSDate().toISOString()).toBe(moved.toISOString());
    expect(updated.events[0]!.location).toBe("Stockholm");

    expect(await cancelMeeting(coordinator, created.meetingId, meta, ORIGIN)).toEqual({ ok: true });
    await mail.deliver();
    expect(mail.lastMailTo("polisen@example.org").text).toMatch(new RegExp(`${clock(moved)}–(.* )?${clock(movedEnd)} är inställt`));
    const cancel = calendarOf(mail.lastMailTo("polisen@example.org"));
    expect(cancel.method).toBe("CANCEL");
    expect(cancel.events[0]!.uid).toBe(first.uid);
    expect(cancel.events[0]!.sequence).toBe(first.sequence + 2);
    expect(cancel.events[0]!.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(await setRsvp(await actorByEmail("polisen@example.org"), created.meetingId, "attend", meta)).toEqual({ ok: false, reason: "closed" });
  }, 90_000);

  it("reminds by mail exactly those who have not answered the poll", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    const created = await createMeeting(coordinator, "myndighetsnatverket", { ...base, title: "Påminn mig", mode: "poll", options: [new Date(Date.now() + 9 * DAY)], pollDeadline: new Date(Date.now() + 5 * DAY) }, meta, ORIGIN);
    if (!created.ok) throw new Error("not created");
    const police = await actorByEmail("polisen@example.org");
    const option = (await getMeetingPage(coordinator, created.meetingId))!.options[0]!;
    await vote(police, created.meetingId, [{ optionId: option.id, answer: "yes" }], meta);
    expect(await remindNonVoters(police, created.meetingId, meta, ORIGIN)).toEqual({ ok: false, reason: "not_found" });
    const result = await remindNonVoters(coordinator, created.meetingId, meta, ORIGIN);
    const page = await getMeetingPage(coordinator, created.meetingId);
    expect(result).toEqual({ ok: true, count: page!.notAnswered.length });
    await mail.deliver();
    expect(mail.lastMailTo("sofia.aberg@example.org").subject).toBe("Svara på tidsomröstningen: Påminn mig");
    const toVoter = mail.smtp.received.filter(
      (m) => JSON.stringify(m.to).includes("polisen@example.org") && m.subject === "Svara på tidsomröstningen: Påminn mig",
    );
    expect(toVoter).toHaveLength(0);
  });

  it("cannot store a meeting that ends before it starts, whatever the caller", async () => {
    const [network] = await db.select().from(networks).where(eq(networks.slug, "myndighetsnatverket"));
    const failure = await db
      .insert(meetings)
      .values({ networkId: network!.id, title: "Baklänges", durationMinutes: 60, status: "scheduled", startsAt: new Date("2027-01-02T10:00:00Z"), endsAt: new Date("2027-01-02T09:00:00Z") })
      .then(
        () => "stored",
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
    expect(failure).toMatch(/meetings_ends_after_start/);
  });
});

import { describe, expect, it } from "vitest";
import { actorByEmail, seedDemo, userByEmail } from "~/test/demo";
import { addAgendaItem, deleteAgendaItem, moveAgendaItem } from "./agenda.server";
import { createMeeting, getMeetingPage } from "./meetings.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };

describe("agenda", () => {
  it("coordinators add, reorder and remove items with presenters from among the invited; others cannot", async () => {
    await seedDemo();
    const coordinator = await actorByEmail("samordnare@example.org");
    const created = await createMeeting(
      coordinator,
      "myndighetsnatverket",
      { title: "Dagordningsmöte", description: "", place: "", onlineLink: "https://meet.example.se/x", durationMinutes: 120, mode: "fixed", startsAt: new Date(Date.now() + 7 * 86_400_000) },
      meta,
      "https://portal.example.se",
    );
    if (!created.ok) throw new Error("not created");
    const id = created.meetingId;
    const police = await userByEmail("polisen@example.org");
    expect(await addAgendaItem(coordinator, id, { title: "Inledning", presenter: "", startOffsetMinutes: 0, durationMinutes: 10 }, meta)).toEqual({ ok: true });
    expect(await addAgendaItem(coordinator, id, { title: "Polisens uppdrag", presenter: `user:${police.id}`, startOffsetMinutes: 15, durationMinutes: null }, meta)).toEqual({ ok: true });
    expect(await addAgendaItem(coordinator, id, { title: "Myndigheten", presenter: `org:${police.organisationId}`, startOffsetMinutes: null, durationMinutes: null }, meta)).toEqual({ ok: true });

    const outsider = await userByEmail("raddabarnen@example.org");
    expect(await addAgendaItem(coordinator, id, { title: "X", presenter: `user:${outsider.id}`, startOffsetMinutes: null, durationMinutes: null }, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await addAgendaItem(coordinator, id, { title: "X", presenter: `org:${outsider.organisationId}`, startOffsetMinutes: null, durationMinutes: null }, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await addAgendaItem(await actorByEmail("polisen@example.org"), id, { title: "X", presenter: "", startOffsetMinutes: null, durationMinutes: null }, meta)).toEqual({ ok: false, reason: "not_found" });

    let agenda = (await getMeetingPage(coordinator, id))!.agenda;
    expect(agenda.map((a) => a.title)).toEqual(["Inledning", "Polisens uppdrag", "Myndigheten"]);
    expect(agenda[1]!.presenterName).toBe("Petra Nyström");
    expect(agenda[2]!.presenterName).toBe("Polismyndigheten");

    expect(await moveAgendaItem(coordinator, id, agenda[2]!.id, "up", meta)).toEqual({ ok: true });
    expect(await deleteAgendaItem(coordinator, id, agenda[0]!.id, meta)).toEqual({ ok: true });
    agenda = (await getMeetingPage(await actorByEmail("polisen@example.org"), id))!.agenda;
    expect(agenda.map((a) => a.title)).toEqual(["Myndigheten", "Polisens uppdrag"]);

    // After the start the agenda is closed.
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await addAgendaItem(coordinator, id, { title: "Sent", presenter: "", startOffsetMinutes: null, durationMinutes: null }, meta, later)).toEqual({ ok: false, reason: "closed" });
  });
});

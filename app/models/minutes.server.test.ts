import { describe, expect, it } from "vitest";
import { actorByEmail, seedDemo, userByEmail } from "~/test/demo";
import { mailFixture } from "~/test/smtp";
import { createActionItem, listMyActionItems, listNetworkActionItems, setActionItemStatus } from "./action-items.server";
import { createMeeting } from "./meetings.server";
import { appointNoteTaker, getMinutesPage, publishMinutes, saveMinutes } from "./minutes.server";
import { search } from "./search.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const ORIGIN = "https://portal.example.se";
const mail = mailFixture(seedDemo);

async function newMeeting(title: string) {
  const coordinator = await actorByEmail("samordnare@example.org");
  const created = await createMeeting(
    coordinator,
    "myndighetsnatverket",
    { title, description: "", place: "Linköping", onlineLink: "", durationMinutes: 60, mode: "fixed", startsAt: new Date(Date.now() + 86_400_000) },
    meta,
    ORIGIN,
  );
  if (!created.ok) throw new Error("meeting not created");
  return { coordinator, meetingId: created.meetingId };
}

describe("minutes", () => {
  it("keeps drafts from members, then publishes to everyone and tells them by mail", async () => {
    const { coordinator, meetingId } = await newMeeting("Protokollmöte");
    const police = await actorByEmail("polisen@example.org");
    expect(await saveMinutes(coordinator, meetingId, "# Beslut\n\nVi beslutade <script>alert(1)</script> att ses igen.", 0, meta)).toEqual({ ok: true, version: 1 });
    expect((await getMinutesPage(police, meetingId))?.minutes).toBeNull();
    expect((await getMinutesPage(coordinator, meetingId))?.minutes?.status).toBe("draft");

    expect(await publishMinutes(coordinator, meetingId, 1, meta, ORIGIN)).toEqual({ ok: true });
    const seen = (await getMinutesPage(police, meetingId))!.minutes!;
    expect(seen.status).toBe("published");
    expect(seen.html).toContain("<h3>Beslut</h3>");
    expect(seen.html).not.toContain("<script");
    await mail.deliver();
    expect(mail.lastMailTo("polisen@example.org").subject).toBe("Protokoll publicerat: Protokollmöte");
  });

  it("keeps published minutes as they are while a draft of a change is saved; search finds only the published text until it is published again", async () => {
    const { coordinator, meetingId } = await newMeeting("Ändrat protokoll");
    const police = await actorByEmail("polisen@example.org");
    const minutesHits = async (q: string) => (await search(police, { q, kind: "minutes" })).filter((h) => h.id === meetingId);
    await saveMinutes(coordinator, meetingId, "Vi talade om ankdammen.", 0, meta);
    expect(await publishMinutes(coordinator, meetingId, 1, meta, ORIGIN)).toEqual({ ok: true });

    // The coordinator edits the published minutes and saves a draft.
    expect(await saveMinutes(coordinator, meetingId, "Vi talade om giraffhuset.", 1, meta)).toEqual({ ok: true, version: 2 });
    const seen = (await getMinutesPage(police, meetingId))!.minutes!;
    expect(seen.body).toBe("Vi talade om ankdammen.");
    expect(seen.html).toContain("ankdammen");
    expect(JSON.stringify(seen)).not.toContain("giraffhuset");
    expect(seen.unpublishedChanges).toBe(false);
    const editing = (await getMinutesPage(coordinator, meetingId))!.minutes!;
    expect(editing).toMatchObject({ body: "Vi talade om giraffhuset.", version: 2, status: "published", unpublishedChanges: true });
    expect(editing.html).toContain("ankdammen");
    expect(await minutesHits("ankdammen")).toHaveLength(1);
    expect(await minutesHits("giraffhuset")).toHaveLength(0);
    expect((await search(coordinator, { q: "giraffhuset", kind: "minutes" })).filter((h) => h.id === meetingId)).toHaveLength(0);

    // Saving stays conflict-safe, and a conflict shows the draft, the text being worked on.
    expect(await saveMinutes(coordinator, meetingId, "Något annat.", 1, meta)).toMatchObject({
      ok: false,
      reason: "conflict",
      current: { body: "Vi talade om giraffhuset.", version: 2 },
    });
    expect(await saveMinutes(coordinator, meetingId, "Vi talade om giraffhuset och lejonburen.", 2, meta)).toEqual({ ok: true, version: 3 });
    expect((await getMinutesPage(police, meetingId))!.minutes!.body).toBe("Vi talade om ankdammen.");

    // Publishing again replaces the published text, for members and for search.
    expect(await publishMinutes(coordinator, meetingId, 3, meta, ORIGIN)).toEqual({ ok: true });
    const republished = (await getMinutesPage(police, meetingId))!.minutes!;
    expect(republished.body).toBe("Vi talade om giraffhuset och lejonburen.");
    expect(republished.html).toContain("lejonburen");
    expect((await getMinutesPage(coordinator, meetingId))!.minutes!.unpublishedChanges).toBe(false);
    expect(await minutesHits("giraffhuset")).toHaveLength(1);
    expect(await minutesHits("ankdammen")).toHaveLength(0);
  });

  it("refuses the second of two saves of the same version, returning the stored text so nothing is lost", async () => {
    const { coordinator, meetingId } = await newMeeting("Samtidig redigering");
    const noteTaker = await userByEmail("polisen@example.org");
    expect(await appointNoteTaker(coordinator, meetingId, noteTaker.id, meta)).toBe(true);
    const police = await actorByEmail("polisen@example.org");
    await saveMinutes(coordinator, meetingId, "Start", 0, meta);

    const first = await saveMinutes(coordinator, meetingId, "Samordnarens text", 1, meta);
    const second = await saveMinutes(police, meetingId, "Sekreterarens text", 1, meta);
    expect(first).toEqual({ ok: true, version: 2 });
    expect(second).toMatchObject({ ok: false, reason: "conflict", current: { body: "Samordnarens text", version: 2 } });
    // Saving on top of the version now shown works.
    expect(await saveMinutes(police, meetingId, "Samordnarens text\n\nSekreterarens text", 2, meta)).toEqual({ ok: true, version: 3 });
    // Two first saves at once: one creates, the other conflicts.
    const other = await newMeeting("Två första");
    const [a, b] = await Promise.all([saveMinutes(coordinator, other.meetingId, "A", 0, meta), saveMinutes(coordinator, other.meetingId, "B", 0, meta)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
  });

  it("lets only coordinators and the appointed note-taker write, and only invitees be appointed", async () => {
    const { coordinator, meetingId } = await newMeeting("Behörighet");
    const police = await actorByEmail("polisen@example.org");
    expect(await saveMinutes(police, meetingId, "x", 0, meta)).toEqual({ ok: false, reason: "not_found" });
    const ngo = await actorByEmail("raddabarnen@example.org");
    expect(await saveMinutes(ngo, meetingId, "x", 0, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await appointNoteTaker(coordinator, meetingId, (await userByEmail("raddabarnen@example.org")).id, meta)).toBe(false);
    expect(await appointNoteTaker(police, meetingId, police.userId, meta)).toBe(false);
    // Appointing nobody is a coordinator's decision too.
    expect(await appointNoteTaker(police, meetingId, "", meta)).toBe(false);
    expect(await appointNoteTaker(coordinator, meetingId, "not-a-uuid", meta)).toBe(false);
  });
});

describe("action items", () => {
  it("are created from the minutes for invitees, listed per person and per network, and updated by the assignee", async () => {
    const { coordinator, meetingId } = await newMeeting("Åtgärdsmöte");
    const assignee = await userByEmail("karin.wallin@example.org");
    const created = await createActionItem(coordinator, meetingId, { title: "Ta fram vägledning", assigneeId: assignee.id, dueDate: "2020-01-31" }, meta);
    expect(created.ok).toBe(true);
    const karin = await actorByEmail("karin.wallin@example.org");
    const mine = await listMyActionItems(karin);
    expect(mine.map((i) => i.title)).toContain("Ta fram vägledning");
    expect(mine.find((i) => i.title === "Ta fram vägledning")?.organisationName).toBe("Socialstyrelsen");
    const overview = await listNetworkActionItems(await actorByEmail("polisen@example.org"), "myndighetsnatverket");
    expect(overview?.items.map((i) => i.title)).toContain("Ta fram vägledning");
    expect(await listNetworkActionItems(await actorByEmail("raddabarnen@example.org"), "myndighetsnatverket")).toBeNull();

    if (!created.ok) return;
    expect(await setActionItemStatus(await actorByEmail("polisen@example.org"), created.id, "done", meta)).toBe(false);
    expect(await setActionItemStatus(karin, created.id, "done", meta)).toBe(true);
    expect((await listMyActionItems(karin)).find((i) => i.id === created.id)?.status).toBe("done");
  });

  it("refuses a person or organisation from outside the meeting, and non-editors", async () => {
    const { coordinator, meetingId } = await newMeeting("Främmande id");
    const outsider = await userByEmail("raddabarnen@example.org");
    expect(await createActionItem(coordinator, meetingId, { title: "x", assigneeId: outsider.id }, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await createActionItem(coordinator, meetingId, { title: "x", organisationId: outsider.organisationId }, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await createActionItem(await actorByEmail("polisen@example.org"), meetingId, { title: "x" }, meta)).toEqual({ ok: false, reason: "not_found" });
  });
});

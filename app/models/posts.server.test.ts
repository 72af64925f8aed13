import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications, posts } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { actorByEmail, seedDemo } from "~/test/demo";
import { mailFixture } from "~/test/smtp";
import { ownAssignments, saveAssignment } from "./assignments.server";
import { listNotifications, markNotificationsRead, unreadNotificationCount } from "./notifications.server";
import {
  addComment,
  createAnnouncement,
  createUpdate,
  decodeCursor,
  deleteComment,
  deletePost,
  editPost,
  getFeed,
  getPost,
  recentPosts,
  setPinned,
} from "./posts.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const ORIGIN = "https://portal.example.se";
const mail = mailFixture(seedDemo);

const update = (title: string, networks = ["myndighetsnatverket"], extra: Partial<Parameters<typeof createUpdate>[1]> = {}) => ({
  networks,
  title,
  body: "Vi har **genomfört** utbildningar.",
  kind: "progress" as const,
  assignmentId: null,
  ...extra,
});

async function assignmentOf(email: string, title: string) {
  const actor = await actorByEmail(email);
  const id = await saveAssignment(
    actor,
    null,
    { title, reference: "S2024/00001", issuer: "Socialdepartementet", startDate: "2024-01-01", reportDueDate: "2027-03-31", status: "ongoing", description: "", link: "" },
    meta,
  );
  return id!;
}

describe("mission updates", () => {
  it("posts for the author's organisation to several networks, and shows it to those networks only", async () => {
    const police = await actorByEmail("polisen@example.org");
    const coordinator = await actorByEmail("samordnare@example.org");
    const assignment = await assignmentOf("polisen@example.org", "Uppdrag om kompetens");
    const created = await createUpdate(police, update("Utbildning klar", ["myndighetsnatverket"], { assignmentId: assignment, kind: "report_submitted" }), meta);
    expect(created).toMatchObject({ ok: true, networks: ["myndighetsnatverket"] });
    if (!created.ok) return;

    const feed = (await getFeed(coordinator, "myndighetsnatverket", {}))!;
    const item = feed.items.find((i) => i.id === created.id)!;
    expect(item).toMatchObject({ title: "Utbildning klar", kind: "report_submitted", organisationName: "Polismyndigheten", assignmentTitle: "Uppdrag om kompetens", unread: true });
    expect(item.bodyHtml).toContain("<strong>genomfört</strong>");
    // Filtered by organisation, kind and assignment.
    const byKind = (await getFeed(coordinator, "myndighetsnatverket", { kind: "report_submitted", assignmentId: assignment, organisationId: police.organisationId }))!;
    expect(byKind.items.map((i) => i.id)).toEqual([created.id]);
    expect((await getFeed(coordinator, "myndighetsnatverket", { kind: "question", assignmentId: assignment }))!.items).toEqual([]);

    // Not in the NGO network's feed, and not visible to an NGO contact at all.
    const ngo = await actorByEmail("raddabarnen@example.org");
    expect(await getPost(ngo, created.id)).toBeNull();
    expect(await getFeed(ngo, "myndighetsnatverket", {})).toBeNull();
    expect((await recentPosts(ngo)).some((p) => p.id === created.id)).toBe(false);
    expect((await recentPosts(coordinator)).some((p) => p.id === created.id)).toBe(true);
    // What the home page shows of each update, and no more (no body: the page never shows it).
    const [newest] = await recentPosts(coordinator);
    expect(Object.keys(newest!).sort()).toEqual(["createdAt", "id", "important", "kind", "networks", "organisationName", "title", "type", "unread"]);
  });

  it("refuses networks the organisation is not in, other organisations' assignments, empty titles and oversized bodies, changing nothing", async () => {
    const police = await actorByEmail("polisen@example.org");
    const before = await db.$count(posts);
    // Polismyndigheten is not a member of the NGO network (nor of a made-up one).
    expect(await createUpdate(police, update("Fel nätverk", ["ideella-organisationer"]), meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await createUpdate(police, update("Ett finns, ett inte", ["myndighetsnatverket", "finns-inte"]), meta)).toEqual({ ok: false, reason: "not_found" });
    // A platform admin sees every network, but posts only where their organisation belongs.
    expect(await createUpdate(await actorByEmail("admin@example.org"), update("Admin", ["resurscentrum-vasternorrland"]), meta)).toEqual({ ok: false, reason: "not_found" });
    const foreign = await assignmentOf("karin.wallin@example.org", "Socialstyrelsens uppdrag");
    expect(await createUpdate(police, update("Fel uppdrag", ["myndighetsnatverket"], { assignmentId: foreign }), meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await createUpdate(police, update("   "), meta)).toMatchObject({ ok: false, reason: "invalid", field: "title" });
    expect(await createUpdate(police, update("Stor", ["myndighetsnatverket"], { body: "å".repeat(50_001) }), meta)).toMatchObject({
      ok: false,
      reason: "invalid",
      field: "body",
      message: "updates.errors.bodyTooLarge",
    });
    expect(await db.$count(posts)).toBe(before);
  });

  it("renders script in any field inert", async () => {
    const police = await actorByEmail("polisen@example.org");
    const created = await createUpdate(
      police,
      update('<script>alert("t")</script>Rubrik', ["myndighetsnatverket"], { body: '<img src=x onerror="alert(1)"> [länk](javascript:alert(2)) <script>alert(3)</script>' }),
      meta,
    );
    if (!created.ok) throw new Error("not created");
    const page = (await getPost(police, created.id))!;
    // The title is stored as text (React escapes it); the HTML body keeps nothing executable.
    expect(page.post.title).toBe('<script>alert("t")</script>Rubrik');
    expect(page.post.bodyHtml).not.toMatch(/<script|onerror|javascript:/i);
  });

  it("keeps a history of edits, refuses a stale edit with the current text, and deletes softly", async () => {
    const police = await actorByEmail("polisen@example.org");
    const colleague = await actorByEmail("mats.lindberg@example.org");
    const other = await actorByEmail("karin.wallin@example.org");
    const created = await createUpdate(police, update("Första rubriken"), meta);
    if (!created.ok) throw new Error("not created");

    // Another organisation's contact may not; a colleague of the same organisation may.
    expect(await editPost(other, created.id, { title: "Kapat", body: "x" }, 1, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await editPost(police, created.id, { title: "Andra rubriken", body: "Ny text" }, 1, meta)).toEqual({ ok: true, version: 2 });
    expect(await editPost(colleague, created.id, { title: "Gammal vy", body: "Min text" }, 1, meta)).toMatchObject({
      ok: false,
      reason: "conflict",
      current: { title: "Andra rubriken", body: "Ny text", version: 2 },
    });
    expect(await editPost(colleague, created.id, { title: "Tredje rubriken", body: "Ny text" }, 2, meta)).toEqual({ ok: true, version: 3 });
    // The coordinator of the network may edit too.
    expect(await editPost(await actorByEmail("samordnare@example.org"), created.id, { title: "Fjärde rubriken", body: "Ny text" }, 3, meta)).toEqual({ ok: true, version: 4 });
    const page = (await getPost(police, created.id))!;
    expect(page.post.title).toBe("Fjärde rubriken");
    expect(page.history).toMatchObject([
      { version: 3, title: "Tredje rubriken", editorName: "Samir Haddad" },
      { version: 2, title: "Andra rubriken", editorName: "Mats Lindberg" },
      { version: 1, title: "Första rubriken", editorName: "Petra Nyström" },
    ]);

    expect(await deletePost(other, created.id, meta)).toBe(false);
    expect(await deletePost(police, created.id, meta)).toBe(true);
    expect(await getPost(police, created.id)).toBeNull();
    const [row] = await db.select().from(posts).where(eq(posts.id, created.id));
    expect(row?.deletedAt).not.toBeNull();
    expect(await addComment(police, created.id, "Sent omsider", null, meta)).toEqual({ ok: false, reason: "not_found" });
  });

  it("pages the feed by keyset without gaps or repeats", async () => {
    const karin = await actorByEmail("karin.wallin@example.org");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const created = await createUpdate(karin, update(`Sida ${i}`), meta, new Date(Date.UTC(2030, 0, 1, 12, 0, i)));
      if (created.ok) ids.push(created.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    const filter = { organisationId: karin.organisationId };
    do {
      const page: NonNullable<Awaited<ReturnType<typeof getFeed>>> = (await getFeed(karin, "myndighetsnatverket", { ...filter, before: decodeCursor(cursor) }, 3))!;
      seen.push(...page.items.filter((i) => ids.includes(i.id)).map((i) => i.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });
});

describe("announcements, comments and notifications", () => {
  it("lets only coordinators announce; important ones are mailed to the network at once, and pinned ones head the feed", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    const police = await actorByEmail("polisen@example.org");
    expect(await createAnnouncement(police, "myndighetsnatverket", { title: "Nej", body: "", important: false, pinned: false }, meta, ORIGIN)).toEqual({
      ok: false,
      reason: "not_found",
    });
    const created = await createAnnouncement(coordinator, "myndighetsnatverket", { title: "Nätverksträff i mars", body: "Boka datumet.", important: true, pinned: true }, meta, ORIGIN);
    if (!created.ok) throw new Error("not created");
    await mail.deliver();
    const received = mail.lastMailTo("polisen@example.org");
    expect(received.subject).toBe("Viktigt från Myndighetsnätverket: Nätverksträff i mars");
    expect(received.text).toContain(`${ORIGIN}/updates/${created.id}`);
    // Nobody outside the network is mailed.
    expect(mail.smtp.received.some((m) => (m.subject ?? "").includes("Nätverksträff i mars") && JSON.stringify(m.to).includes("raddabarnen@example.org"))).toBe(false);

    const feed = (await getFeed(police, "myndighetsnatverket", {}))!;
    expect(feed.pinned.map((p) => p.id)).toContain(created.id);
    expect(feed.items.map((p) => p.id)).not.toContain(created.id);
    expect(await setPinned(police, created.id, false, meta)).toBe(false);
    expect(await setPinned(coordinator, created.id, false, meta)).toBe(true);

    const list = await listNotifications(police);
    expect(list[0]).toMatchObject({ kind: "announcement", title: "Nätverksträff i mars", actorName: "Samir Haddad" });
  });

  it("threads replies one level deep and notifies the post's and the comment's authors", async () => {
    const police = await actorByEmail("polisen@example.org");
    const karin = await actorByEmail("karin.wallin@example.org");
    const sofia = await actorByEmail("sofia.aberg@example.org");
    const created = await createUpdate(police, update("Fråga om statistik", ["myndighetsnatverket"], { kind: "question" }), meta);
    if (!created.ok) throw new Error("not created");
    await markNotificationsRead(police, "all");
    const first = await addComment(karin, created.id, "Vi har siffror från 2025.", null, meta);
    if (!first.ok) throw new Error("no comment");
    const reply = await addComment(sofia, created.id, "Vi med!", first.id, meta);
    if (!reply.ok) throw new Error("no reply");
    // Answering a reply lands beside it, under the same comment.
    const replyToReply = await addComment(police, created.id, "Tack båda.", reply.id, meta);
    if (!replyToReply.ok) throw new Error("no reply");

    expect(await unreadNotificationCount(police)).toBe(2); // Karin's comment and Sofia's reply on the post
    const page = (await getPost(police, created.id))!;
    // Opening the post answers its notifications.
    expect(await unreadNotificationCount(police)).toBe(0);
    expect(page.comments).toHaveLength(1);
    expect(page.comments[0]!.replies.map((r) => r.body)).toEqual(["Vi med!", "Tack båda."]);
    expect((await listNotifications(karin)).filter((n) => n.postId === created.id).map((n) => n.kind).sort()).toEqual(["reply", "reply"]);

    // Comments outside one's sight, empty ones, and on unknown parents are refused.
    const ngo = await actorByEmail("raddabarnen@example.org");
    expect(await addComment(ngo, created.id, "Hej", null, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await addComment(karin, created.id, "  ", null, meta)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await addComment(karin, created.id, "x", "00000000-0000-4000-8000-000000000000", meta)).toEqual({ ok: false, reason: "not_found" });
    // Only the author (or a coordinator) deletes a comment.
    expect(await deleteComment(sofia, created.id, first.id, meta)).toBe(false);
    expect(await deleteComment(karin, created.id, first.id, meta)).toBe(true);
    const after = (await getPost(police, created.id))!;
    expect(after.comments[0]!.body).toBe("");
    expect(after.comments[0]!.replies).toHaveLength(2);

    // A deleted post takes its notifications with it.
    await deletePost(police, created.id, meta);
    expect((await listNotifications(karin)).some((n) => n.postId === created.id)).toBe(false);
    const stored = await db.select().from(notifications).where(eq(notifications.postId, created.id));
    expect(stored.length).toBeGreaterThan(0);
  });

  it("offers only one's own organisation's assignments for tying an update", async () => {
    const police = await actorByEmail("polisen@example.org");
    await assignmentOf("polisen@example.org", "Polisens eget");
    const own = await ownAssignments(police);
    expect(own.map((a) => a.title)).toContain("Polisens eget");
    expect(own.some((a) => a.title === "Socialstyrelsens uppdrag")).toBe(false);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions, users } from "../../db/schema/index";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { db } from "~/lib/db.server";
import { actorByEmail, DEMO_PASSWORD, seedDemo, userByEmail } from "~/test/demo";
import { mailFixture } from "~/test/smtp";
import { requestPasswordReset, resetLinkIsValid, resetPassword } from "./password-reset.server";
import { deactivatePerson, endAllSessionsOf, endOwnSession, handOverOrgAdmin, listOwnSessions, reactivatePerson } from "./people.server";
import { signIn } from "./users.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const mail = mailFixture(seedDemo);

describe("organisation seats", () => {
  it("an organisation admin deactivates a contact: every session ends and sign-in stops", async () => {
    const admin = await actorByEmail("polisen@example.org");
    const colleague = await userByEmail("mats.lindberg@example.org");
    const a = await createSession(colleague.id, meta);
    const b = await createSession(colleague.id, meta);
    expect(await deactivatePerson(admin, colleague.id, meta)).toEqual({ ok: true, name: colleague.name });
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, colleague.id))).toHaveLength(0);
    expect((await signIn(colleague.email, DEMO_PASSWORD, { ...meta, ip: "192.0.2.50" })).ok).toBe(false);

    expect((await reactivatePerson(admin, colleague.id, meta)).ok).toBe(true);
    expect((await signIn(colleague.email, DEMO_PASSWORD, { ...meta, ip: "192.0.2.51" })).ok).toBe(true);
  });

  it("refuses another organisation's contact, unknown ids and oneself, changing nothing", async () => {
    const admin = await actorByEmail("polisen@example.org");
    const other = await userByEmail("fatima.ahmadi@example.org"); // Rädda Barnen
    expect(await deactivatePerson(admin, other.id, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await deactivatePerson(admin, "00000000-0000-4000-8000-000000000000", meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await deactivatePerson(admin, "'; drop table users; --", meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await deactivatePerson(admin, admin.userId, meta)).toEqual({ ok: false, reason: "self" });
    expect(await handOverOrgAdmin(admin, other.id, meta)).toEqual({ ok: false, reason: "not_found" });
    expect((await userByEmail("fatima.ahmadi@example.org")).status).toBe("active");
    // A plain contact manages no seats, not even in their own organisation.
    const plain = await actorByEmail("mats.lindberg@example.org");
    expect(await deactivatePerson(plain, (await userByEmail("polisen@example.org")).id, meta)).toEqual({ ok: false, reason: "not_found" });
    expect((await userByEmail("polisen@example.org")).status).toBe("active");
  });

  it("hands the organisation-admin role to another contact and gives it up", async () => {
    const ngoAdmin = await actorByEmail("raddabarnen@example.org");
    const colleague = await userByEmail("fatima.ahmadi@example.org");
    expect((await handOverOrgAdmin(ngoAdmin, colleague.id, meta)).ok).toBe(true);
    expect((await userByEmail("fatima.ahmadi@example.org")).isOrgAdmin).toBe(true);
    expect((await userByEmail("raddabarnen@example.org")).isOrgAdmin).toBe(false);
    // Hand it back so the demo stays as documented.
    expect((await handOverOrgAdmin(await actorByEmail("fatima.ahmadi@example.org"), ngoAdmin.userId, meta)).ok).toBe(true);
  });

  it("lets a platform admin end all sessions of a person, and nobody else", async () => {
    const person = await userByEmail("karin.wallin@example.org");
    const s = await createSession(person.id, meta);
    expect(await endAllSessionsOf(await actorByEmail("polisen@example.org"), person.id, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await validateSessionToken(s.token)).not.toBeNull();
    expect((await endAllSessionsOf(await actorByEmail("admin@example.org"), person.id, meta)).ok).toBe(true);
    expect(await validateSessionToken(s.token)).toBeNull();
  });

  it("lists a person's own sessions and ends one, but never another person's", async () => {
    const me = await actorByEmail("erik.holmgren@example.org");
    const mine = await createSession(me.userId, { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" });
    const theirs = await createSession((await userByEmail("sofia.aberg@example.org")).id, meta);
    expect((await listOwnSessions(me)).map((s) => s.id)).toEqual([mine.id]);
    expect(await endOwnSession(me, theirs.id, meta)).toBe(false);
    expect(await validateSessionToken(theirs.token)).not.toBeNull();
    expect(await endOwnSession(me, mine.id, meta)).toBe(true);
    expect(await validateSessionToken(mine.token)).toBeNull();
  });
});

describe("password reset", () => {
  it("mails a single-use link valid one hour; the reset ends every session", async () => {
    const person = await userByEmail("daniel.ohman@example.org");
    const s = await createSession(person.id, meta);
    await requestPasswordReset("Daniel.Ohman@example.org", meta, "https://portal.example.se");
    await mail.deliver();
    const token = mail.tokenTo(person.email, "/reset-password/");
    expect(await resetLinkIsValid(token)).toBe(true);
    expect(await resetLinkIsValid(token, new Date(Date.now() + 3_600_000 + 1000))).toBe(false);

    expect(await resetPassword(token, "daniel.ohman", meta)).toEqual({ ok: false, reason: "password", problem: "passwordPolicy.context" });
    expect(await resetPassword(token, "ett nytt lösenord för daniel", meta)).toEqual({ ok: true });
    expect(await validateSessionToken(s.token)).toBeNull();
    expect(await resetPassword(token, "ännu ett nytt lösenord", meta)).toEqual({ ok: false, reason: "invalid" });
    expect((await signIn(person.email, "ett nytt lösenord för daniel", meta)).ok).toBe(true);
  });

  it("answers an unknown address the same way and sends nothing", async () => {
    const before = await mail.outboxCount();
    await expect(requestPasswordReset("nobody-here@example.org", meta, "https://x")).resolves.toBeUndefined();
    expect(await mail.outboxCount()).toBe(before);
  });

  it("sends no link to a deactivated person", async () => {
    const person = await userByEmail("henrik.dahl@example.org");
    await db.update(users).set({ status: "deactivated" }).where(eq(users.id, person.id));
    const before = await mail.outboxCount();
    await requestPasswordReset(person.email, meta, "https://x");
    expect(await mail.outboxCount()).toBe(before);
  });

  it("rejects an expired link even with a good password", async () => {
    const person = await userByEmail("amira.said@example.org");
    const then = new Date(Date.now() - 2 * 3_600_000);
    await requestPasswordReset(person.email, meta, "https://portal.example.se", then);
    await mail.deliver();
    const token = mail.tokenTo(person.email, "/reset-password/");
    expect(await resetPassword(token, "ett nytt lösenord för amira", meta)).toEqual({ ok: false, reason: "invalid" });
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, mailOutbox, users } from "../../db/schema/index";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { db } from "~/lib/db.server";
import { actorByEmail, seedDemo, userByEmail } from "~/test/demo";
import { linkIn, mailFixture } from "~/test/smtp";
import { acceptInvitation, createInvitation, listPendingInvitations, lookUpInvitation, resendInvitation, revokeInvitation } from "./invitations.server";
import { signIn } from "./users.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const ORIGIN = "https://portal.example.se";
const mail = mailFixture(seedDemo);
const inviter = async (email: string) => ({ ...(await actorByEmail(email)), name: "Test Inviter", locale: "sv" as const });

describe("invitations", () => {
  it("an organisation admin invites a person, who follows the mailed link and becomes active", async () => {
    const police = await inviter("polisen@example.org");
    const result = await createInvitation(police, { email: "Ny.Kollega@Example.org", organisationId: police.organisationId }, meta, ORIGIN);
    expect(result.ok).toBe(true);
    const pending = await userByEmail("ny.kollega@example.org");
    expect(pending.status).toBe("invited");

    expect(await mail.deliver()).toBeGreaterThanOrEqual(1);
    const received = mail.lastMailTo("ny.kollega@example.org");
    expect(received.subject).toBe("Inbjudan till Nätverksportalen");
    expect(linkIn(received, "/invite/").startsWith(`${ORIGIN}/invite/`)).toBe(true);
    const token = mail.tokenTo("ny.kollega@example.org", "/invite/");
    // Only the hash is stored.
    const rows = await db.select().from(invitations).where(eq(invitations.userId, pending.id));
    expect(JSON.stringify(rows)).not.toContain(token);

    expect(await lookUpInvitation(token)).toMatchObject({ state: "valid", organisationName: "Polismyndigheten" });
    const accepted = await acceptInvitation(token, { name: "Nora Kollega", title: "Utredare", password: "ett långt och bra lösenord" }, meta);
    expect(accepted.ok).toBe(true);
    expect((await userByEmail("ny.kollega@example.org")).status).toBe("active");
    expect((await signIn("ny.kollega@example.org", "ett långt och bra lösenord", meta)).ok).toBe(true);

    // Single use: the same link now says so and changes nothing.
    expect(await lookUpInvitation(token)).toEqual({ state: "used" });
    expect(await acceptInvitation(token, { name: "X", title: "", password: "ett annat långt lösenord" }, meta)).toEqual({ ok: false, reason: "used" });
  });

  it("refuses a weak password at acceptance and keeps the link usable", async () => {
    const police = await inviter("polisen@example.org");
    await createInvitation(police, { email: "svag@example.org", organisationId: police.organisationId }, meta, ORIGIN);
    await mail.deliver();
    const token = mail.tokenTo("svag@example.org", "/invite/");
    const weak = await acceptInvitation(token, { name: "Svag Person", title: "", password: "password1234" }, meta);
    expect(weak).toEqual({ ok: false, reason: "password", problem: "passwordPolicy.common" });
    expect((await lookUpInvitation(token)).state).toBe("valid");
  });

  it("answers an address with an account in another organisation like a new one, tells its owner, and changes no account", async () => {
    const police = await inviter("polisen@example.org");
    const before = await userByEmail("raddabarnen@example.org");
    const fresh = await createInvitation(police, { email: "alldeles.ny@example.org", organisationId: police.organisationId, name: "Ny Person" }, meta, ORIGIN);
    const taken = await createInvitation(police, { email: "RADDABARNEN@example.org", organisationId: police.organisationId, name: "Ny Person" }, meta, ORIGIN);
    // The same answer: the inviter cannot tell which address has an account on the platform.
    expect(Object.keys(taken)).toEqual(Object.keys(fresh));
    expect(taken.ok).toBe(true);
    if (!taken.ok || !fresh.ok) return;
    // Both wait in the inviter's list the same way, with the name the inviter typed (never the account's).
    const pending = await listPendingInvitations(police, police.organisationId);
    const row = (email: string) => pending.find((p) => p.email === email);
    expect(row("raddabarnen@example.org")).toMatchObject({ id: taken.invitationId, name: "Ny Person" });
    expect(row("alldeles.ny@example.org")).toMatchObject({ id: fresh.invitationId, name: "Ny Person" });

    // The owner of the address is told, and gets no link that could make a second account.
    await mail.deliver();
    const notice = mail.lastMailTo("raddabarnen@example.org");
    expect(notice.subject).toBe("Någon försökte bjuda in dig till Nätverksportalen");
    expect(notice.text).toContain("Polismyndigheten");
    expect(notice.text).not.toContain("/invite/");
    expect(await userByEmail("raddabarnen@example.org")).toEqual(before);

    // Resending tells the owner again (still no link); revoking works like for any invitation.
    expect(await resendInvitation(police, taken.invitationId, meta, ORIGIN)).toBe(true);
    await mail.deliver();
    expect(mail.lastMailTo("raddabarnen@example.org").text).not.toContain("/invite/");
    expect(await revokeInvitation(police, taken.invitationId, meta)).toBe(true);
    expect(await userByEmail("raddabarnen@example.org")).toEqual(before);
    // Even were its (never sent) token known, the row could not be used to take the account over.
    const known = "k".repeat(43);
    await db.update(invitations).set({ tokenHash: hashToken(known), revokedAt: null }).where(eq(invitations.id, taken.invitationId));
    expect(await lookUpInvitation(known)).toEqual({ state: "unknown" });
    expect(await acceptInvitation(known, { name: "Kapare", title: "", password: "ett långt och bra lösenord" }, meta)).toEqual({ ok: false, reason: "unknown" });
    expect(await userByEmail("raddabarnen@example.org")).toEqual(before);
  });

  it("says outright only what the inviter may see anyway: a contact of this organisation, or any account to a platform admin", async () => {
    const police = await inviter("polisen@example.org");
    const before = await mail.outboxCount();
    expect(await createInvitation(police, { email: "Mats.Lindberg@example.org", organisationId: police.organisationId }, meta, ORIGIN)).toEqual({ ok: false, reason: "already_contact" });
    const admin = await inviter("admin@example.org");
    expect(await createInvitation(admin, { email: "raddabarnen@example.org", organisationId: police.organisationId }, meta, ORIGIN)).toEqual({ ok: false, reason: "exists" });
    expect(await mail.outboxCount()).toBe(before);
  });

  it("lets a coordinator invite into member organisations of their network, and nobody into others' organisations", async () => {
    const coordinator = await inviter("samordnare@example.org");
    const barnombudsmannen = (await userByEmail("sofia.aberg@example.org")).organisationId;
    const dalarna = (await userByEmail("annika.hedlund@example.org")).organisationId;
    const raddaBarnen = (await userByEmail("raddabarnen@example.org")).organisationId;
    expect((await createInvitation(coordinator, { email: "bo.ny@example.org", organisationId: barnombudsmannen }, meta, ORIGIN)).ok).toBe(true);
    const before = await mail.outboxCount();
    expect(await createInvitation(coordinator, { email: "x1@example.org", organisationId: dalarna }, meta, ORIGIN)).toEqual({ ok: false, reason: "not_found" });
    const police = await inviter("polisen@example.org");
    expect(await createInvitation(police, { email: "x2@example.org", organisationId: raddaBarnen }, meta, ORIGIN)).toEqual({ ok: false, reason: "not_found" });
    // A plain contact (not organisation admin) invites no one, even into their own organisation.
    const plain = await inviter("mats.lindberg@example.org");
    expect(await createInvitation(plain, { email: "x3@example.org", organisationId: plain.organisationId }, meta, ORIGIN)).toEqual({ ok: false, reason: "not_found" });
    expect(await mail.outboxCount()).toBe(before);
    expect(await db.select().from(users).where(eq(users.email, "x1@example.org"))).toHaveLength(0);
  });

  it("expires after 7 days, and a revoked or replaced link stops working", async () => {
    const police = await inviter("polisen@example.org");
    const now = new Date();
    const created = await createInvitation(police, { email: "later@example.org", organisationId: police.organisationId }, meta, ORIGIN, now);
    await mail.deliver();
    const first = mail.tokenTo("later@example.org", "/invite/");
    expect((await lookUpInvitation(first, new Date(now.getTime() + 6 * 86_400_000))).state).toBe("valid");
    expect((await lookUpInvitation(first, new Date(now.getTime() + 7 * 86_400_000 + 1000))).state).toBe("expired");
    expect(await acceptInvitation(first, { name: "L", title: "", password: "ett långt och bra lösenord" }, meta, new Date(now.getTime() + 8 * 86_400_000))).toEqual({ ok: false, reason: "expired" });

    if (!created.ok) throw new Error("invitation not created");
    expect(await resendInvitation(police, created.invitationId, meta, ORIGIN)).toBe(true);
    await mail.deliver();
    const second = mail.tokenTo("later@example.org", "/invite/");
    expect(second).not.toBe(first);
    expect((await lookUpInvitation(first)).state).toBe("unknown");
    expect((await lookUpInvitation(second)).state).toBe("valid");

    // Another organisation's admin cannot touch it.
    const ngo = await inviter("raddabarnen@example.org");
    expect(await revokeInvitation(ngo, created.invitationId, meta)).toBe(false);
    expect(await revokeInvitation(police, created.invitationId, meta)).toBe(true);
    expect((await lookUpInvitation(second)).state).toBe("revoked");
  });

  it("keeps a mail the SMTP server refused and delivers it on a later attempt, with back-off", async () => {
    const police = await inviter("polisen@example.org");
    await mail.deliver(); // nothing else pending
    await createInvitation(police, { email: "retry@example.org", organisationId: police.organisationId }, meta, ORIGIN);
    mail.smtp.failNext(1);
    const t0 = new Date();
    expect(await mail.deliver(t0)).toBe(0);
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, "retry@example.org"));
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.lastError).toContain("451");
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 29_000);
    expect(await mail.deliver(new Date(t0.getTime() + 10_000))).toBe(0); // not due yet
    expect(await mail.deliver(new Date(t0.getTime() + 31_000))).toBe(1);
    const [sent] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, "retry@example.org"));
    expect(sent).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("sessions of the invited person start only after acceptance", async () => {
    const police = await inviter("polisen@example.org");
    await createInvitation(police, { email: "nosession@example.org", organisationId: police.organisationId }, meta, ORIGIN);
    const invited = await userByEmail("nosession@example.org");
    const { token } = await createSession(invited.id, meta);
    expect(await validateSessionToken(token)).toBeNull();
  });
});

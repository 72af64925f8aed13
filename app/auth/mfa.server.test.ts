import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { DEMO_TOTP_SECRET } from "../../db/seed-data";
import { completeMfa, disableMfa, enableMfa, regenerateRecoveryCodes } from "~/models/mfa-sign-in.server";
import { signIn } from "~/models/users.server";
import { actorByEmail, DEMO_PASSWORD, seedDemo } from "~/test/demo";
import { consumeTotp, enrolmentSecret } from "./mfa.server";
import { createSession, validateSessionToken } from "./session.server";

const meta = { ip: "192.0.2.77", userAgent: "vitest" };
const code = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

describe("MFA", () => {
  it("makes a coordinator's password open only the second step, and accepts each code once", async () => {
    await seedDemo();
    const now = new Date();
    const first = await signIn("samordnare@example.org", DEMO_PASSWORD, meta, now);
    if (!first.ok) throw new Error("password refused");
    expect(first.mfaPending).toBe(true);
    const pending = await validateSessionToken(first.token, now);
    expect(pending?.mfaPending).toBe(true);

    expect(await completeMfa(pending!, "123456", meta, now)).toEqual({ ok: false, reason: "invalid" });
    const done = await completeMfa(pending!, code(DEMO_TOTP_SECRET, now), meta, now);
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect((await validateSessionToken(done.token, now))?.mfaPending).toBe(false);
    expect(await validateSessionToken(first.token, now)).toBeNull(); // the pending session is gone

    // The same code again (a replay) is refused, even from a new sign-in.
    const again = await signIn("samordnare@example.org", DEMO_PASSWORD, meta, now);
    if (!again.ok) throw new Error("password refused");
    const pending2 = await validateSessionToken(again.token, now);
    expect(await completeMfa(pending2!, code(DEMO_TOTP_SECRET, now), meta, now)).toEqual({ ok: false, reason: "invalid" });
    const later = new Date(now.getTime() + 30_000);
    expect((await completeMfa(pending2!, code(DEMO_TOTP_SECRET, later), meta, later)).ok).toBe(true);
  });

  it("lets a pending session lapse after ten minutes", async () => {
    const person = await actorByEmail("samordnare@example.org");
    const now = new Date();
    const { token } = await createSession(person.userId, meta, now, { mfaPending: true });
    expect(await validateSessionToken(token, new Date(now.getTime() + 9 * 60_000))).not.toBeNull();
    expect(await validateSessionToken(token, new Date(now.getTime() + 11 * 60_000))).toBeNull();
  });

  it("is set up with the password and a code, gives ten single-use recovery codes, and ends other sessions", async () => {
    const person = await actorByEmail("oskar.lund@example.org");
    const current = await createSession(person.userId, meta);
    const other = await createSession(person.userId, meta);
    const secret = enrolmentSecret(current.id, person.userId);
    expect(enrolmentSecret(current.id, person.userId)).toBe(secret); // stable across page loads
    const now = new Date();
    expect(await enableMfa(person, current.id, secret, code(secret, now), "wrong password!!", meta, now)).toEqual({ ok: false, reason: "wrong_password" });
    expect(await enableMfa(person, current.id, secret, "000000", DEMO_PASSWORD, meta, now)).toEqual({ ok: false, reason: "wrong_code" });
    const enabled = await enableMfa(person, current.id, secret, code(secret, now), DEMO_PASSWORD, meta, now);
    expect(enabled.ok && enabled.codes?.length).toBe(10);
    expect(await validateSessionToken(other.token)).toBeNull();
    expect(await validateSessionToken(current.token)).not.toBeNull();
    // The code used to set up cannot be used again to sign in.
    expect(await consumeTotp(person.userId, code(secret, now), now)).toBe(false);

    const signin = await signIn("oskar.lund@example.org", DEMO_PASSWORD, meta);
    if (!signin.ok || !enabled.ok) throw new Error("unexpected");
    const pending = (await validateSessionToken(signin.token))!;
    const recovery = enabled.codes![0]!;
    expect((await completeMfa(pending, recovery, meta)).ok).toBe(true);
    const signin2 = await signIn("oskar.lund@example.org", DEMO_PASSWORD, meta);
    if (!signin2.ok) throw new Error("unexpected");
    expect(await completeMfa((await validateSessionToken(signin2.token))!, recovery, meta)).toEqual({ ok: false, reason: "invalid" });

    const fresh = await regenerateRecoveryCodes(person, current.id, DEMO_PASSWORD, meta);
    expect(fresh.ok).toBe(true);
    expect(await validateSessionToken(signin2.token)).toBeNull(); // other sessions ended
    const signin3 = await signIn("oskar.lund@example.org", DEMO_PASSWORD, meta);
    if (!signin3.ok) throw new Error("unexpected");
    expect(await completeMfa((await validateSessionToken(signin3.token))!, enabled.codes![1]!, meta)).toEqual({ ok: false, reason: "invalid" });

    expect((await disableMfa(person, current.id, false, DEMO_PASSWORD, meta)).ok).toBe(true);
    const coordinator = await actorByEmail("samordnare@example.org");
    expect(await disableMfa(coordinator, "x", true, DEMO_PASSWORD, meta)).toEqual({ ok: false, reason: "required" });
  });

  it("knows who must use MFA", async () => {
    const police = await validateSessionToken((await createSession((await actorByEmail("polisen@example.org")).userId, meta)).token);
    const admin = await validateSessionToken((await createSession((await actorByEmail("admin@example.org")).userId, meta)).token);
    const coordinator = await validateSessionToken((await createSession((await actorByEmail("leyla.karimi@example.org")).userId, meta)).token);
    expect(police?.user.mfaRequired).toBe(false);
    expect(admin?.user.mfaRequired).toBe(true);
    expect(coordinator?.user.mfaRequired).toBe(true);
  });
});

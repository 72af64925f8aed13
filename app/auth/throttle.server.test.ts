import { and, eq, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, throttleCounters } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { signIn } from "~/models/users.server";
import { DEMO_TOTP_SECRET } from "../../db/seed-data";
import { validateSessionToken } from "~/auth/session.server";
import { DEMO_PASSWORD, seedDemo } from "~/test/demo";
import { blockedUntil, loginThrottleKeys, recordFailure } from "./throttle.server";

const MINUTE = 60_000;

beforeAll(async () => {
  await seedDemo();
});

describe("sign-in throttling", () => {
  it("blocks an account after five failures within the window, counted in the database", async () => {
    const now = new Date("2026-11-23T09:00:00Z");
    const meta = { ip: "192.0.2.10", userAgent: "test" };
    for (let i = 0; i < 4; i++) {
      const r = await signIn("samordnare@example.org", "wrong password " + i, meta, new Date(now.getTime() + i * 1000));
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const fifth = await signIn("samordnare@example.org", "still wrong", meta, new Date(now.getTime() + 5000));
    expect(fifth.ok).toBe(false);
    expect(fifth.ok === false && fifth.reason).toBe("throttled");

    // Even the right password is refused while blocked: the counter, not the answer, decides.
    const right = await signIn("samordnare@example.org", DEMO_PASSWORD, meta, new Date(now.getTime() + 6000));
    expect(right.ok === false && right.reason).toBe("throttled");

    const [row] = await db
      .select()
      .from(throttleCounters)
      .where(eq(throttleCounters.key, "login:account:samordnare@example.org"));
    expect(row!.failures).toBe(5);

    // After the block the right password works and clears the account's counter.
    const later = await signIn("samordnare@example.org", DEMO_PASSWORD, meta, new Date(now.getTime() + 16 * MINUTE));
    expect(later.ok).toBe(true);
  });

  it("answers an unknown address exactly like a wrong password, and counts it too", async () => {
    const meta = { ip: "192.0.2.11", userAgent: "test" };
    const unknown = await signIn("nobody@example.org", "whatever password", meta);
    const wrong = await signIn("polisen@example.org", "whatever password", meta);
    expect(unknown).toEqual(wrong);
    expect(await blockedUntil(loginThrottleKeys("nobody@example.org", "192.0.2.11"))).toBeNull();
    const [row] = await db.select().from(throttleCounters).where(eq(throttleCounters.key, "login:account:nobody@example.org"));
    expect(row!.failures).toBe(1);
  });

  it("throttles one address trying many accounts", async () => {
    const keys = (email: string) => [{ key: `login:address:198.51.100.7`, maxFailures: 3 }, { key: `login:account:${email}`, maxFailures: 5 }];
    const now = new Date("2026-11-23T10:00:00Z");
    expect(await recordFailure(keys("a@example.org"), now)).toBeNull();
    expect(await recordFailure(keys("b@example.org"), now)).toBeNull();
    const until = await recordFailure(keys("c@example.org"), now);
    expect(until?.getTime()).toBe(now.getTime() + 15 * MINUTE);
    expect(await blockedUntil(keys("d@example.org"), now)).toEqual(until);
  });

  it("starts a new window once the old one has passed", async () => {
    const keys = [{ key: "login:account:window@example.org", maxFailures: 2 }];
    const t0 = new Date("2026-11-23T11:00:00Z");
    expect(await recordFailure(keys, t0)).toBeNull();
    // 16 minutes later the first failure no longer counts.
    expect(await recordFailure(keys, new Date(t0.getTime() + 16 * MINUTE))).toBeNull();
    expect(await recordFailure(keys, new Date(t0.getTime() + 17 * MINUTE))).not.toBeNull();
  });

  it("answers 30 wrong passwords in a row with growing delays, but never locks the account for good", async () => {
    const meta = { ip: "192.0.2.30", userAgent: "test" };
    const email = "karin.wallin@example.org";
    let now = new Date("2026-11-24T08:00:00Z");
    const blocks: number[] = [];
    let attempts = 0;
    while (attempts < 30) {
      const r = await signIn(email, `wrong password ${attempts}`, meta, now);
      attempts++;
      if (r.ok === false && r.reason === "throttled") {
        blocks.push((r.retryAt.getTime() - now.getTime()) / MINUTE);
        now = new Date(r.retryAt.getTime() + 1000); // wait exactly as long as told
      } else {
        now = new Date(now.getTime() + 1000);
      }
    }
    // Five quick failures, then one attempt per block: 15, 30, 60, 60, … minutes.
    expect(blocks.slice(0, 4)).toEqual([15, 30, 60, 60]);
    expect(Math.max(...blocks)).toBe(60);
    expect(blocks).toHaveLength(26);
    // After the last block the right password still works.
    const ok = await signIn(email, DEMO_PASSWORD, meta, now);
    expect(ok.ok).toBe(true);
  });

  it("writes every sign-in, failure and throttled attempt to the audit log", async () => {
    const meta = { ip: "192.0.2.12", userAgent: "audit-test" };
    await signIn("raddabarnen@example.org", DEMO_PASSWORD, meta);
    await signIn("raddabarnen@example.org", "not the password", meta);
    const rows = await db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.userAgent, "audit-test"))
      .orderBy(auditEvents.id);
    expect(rows.map((r) => r.action)).toEqual(["auth.sign_in", "auth.sign_in_failed"]);
    expect(JSON.stringify(rows)).not.toContain("not the password");
  });

  it("keeps the audit log append-only", async () => {
    // Drizzle wraps the driver's error; the database's own message is its cause.
    const failure = (q: Promise<unknown>) =>
      q.then(
        () => "succeeded",
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
    expect(await failure(db.execute(sql`update audit_events set action = 'x'`))).toMatch(/append-only/);
    expect(await failure(db.execute(sql`delete from audit_events`))).toMatch(/append-only/);
    expect(await failure(db.execute(sql`truncate audit_events`))).toMatch(/append-only/);
  });

  describe("while an account is blocked", () => {
    const totp = (at: Date) => new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET), digits: 6, period: 30 }).generate({ timestamp: at.getTime() });
    const auditRows = (userAgent: string, action: string) =>
      db.select().from(auditEvents).where(and(eq(auditEvents.userAgent, userAgent), eq(auditEvents.action, action)));
    /** Five wrong passwords from an attacker's address: the account is blocked. */
    async function block(email: string, at: Date, userAgent: string) {
      const attacker = { ip: "198.51.100.66", userAgent };
      let last;
      for (let i = 0; i < 5; i++) last = await signIn(email, `guess ${i}`, attacker, new Date(at.getTime() + i * 1000));
      expect(last!.ok === false && last!.reason).toBe("throttled");
    }

    it("writes one audit row per block, however many attempts it refuses", async () => {
      const at = new Date();
      await block("polisen@example.org", at, "flood-test");
      const attacker = { ip: "198.51.100.66", userAgent: "flood-test" };
      for (let i = 0; i < 40; i++) {
        const r = await signIn("polisen@example.org", `guess ${i}`, attacker, new Date(at.getTime() + 10_000 + i * 1000));
        expect(r.ok === false && r.reason).toBe("throttled");
      }
      const rows = await auditRows("flood-test", "auth.sign_in_throttled");
      // The account's block and the address's: each audited once.
      expect(rows.map((r) => (r.details as { key: string }).key).sort()).toEqual(["account"]);
      expect(rows).toHaveLength(1);
      // The next block (after this one ends, the next failure blocks for longer) is audited again, once.
      const afterBlock = new Date(at.getTime() + 16 * MINUTE);
      await signIn("polisen@example.org", "yet another guess", attacker, afterBlock);
      for (let i = 0; i < 5; i++) await signIn("polisen@example.org", `guess ${i}`, attacker, new Date(afterBlock.getTime() + 1000 + i * 1000));
      expect(await auditRows("flood-test", "auth.sign_in_throttled")).toHaveLength(2);
    });

    it("lets the owner of an MFA account in with the password and a valid code together", async () => {
      const at = new Date();
      await block("admin@example.org", at, "mfa-owner-test");
      const owner = { ip: "203.0.113.5", userAgent: "mfa-owner-test" };
      const later = new Date(at.getTime() + 60_000);
      // The password alone is still refused, exactly like a wrong one.
      expect((await signIn("admin@example.org", DEMO_PASSWORD, owner, later)).ok).toBe(false);
      const withCode = await signIn("admin@example.org", DEMO_PASSWORD, owner, later, totp(later));
      expect(withCode.ok).toBe(true);
      if (!withCode.ok) return;
      // A full session: the code was the second step.
      expect(withCode.mfaPending).toBe(false);
      const session = await validateSessionToken(withCode.token, later);
      expect(session?.mfaPending).toBe(false);
      // The block stays for everyone else.
      expect(await blockedUntil(loginThrottleKeys("admin@example.org", "198.51.100.66"), later)).not.toBeNull();
      expect((await auditRows("mfa-owner-test", "auth.sign_in")).map((r) => r.details)).toEqual([{ mfa: true, duringBlock: true }]);
    });

    it("refuses a guessed password with a valid code, and closes the path after repeated wrong codes", async () => {
      const at = new Date();
      await block("samordnare@example.org", at, "mfa-attacker-test");
      const meta = { ip: "198.51.100.66", userAgent: "mfa-attacker-test" };
      const t = (s: number) => new Date(at.getTime() + s * 1000);
      const wrongPassword = await signIn("samordnare@example.org", "not it", meta, t(40), totp(t(40)));
      expect(wrongPassword.ok === false && wrongPassword.reason).toBe("throttled");
      // Someone with the password but not the app: five wrong codes, then even a right one is refused.
      for (let i = 0; i < 5; i++) {
        const r = await signIn("samordnare@example.org", DEMO_PASSWORD, meta, t(50 + i), String(100000 + i));
        expect(r).toEqual(wrongPassword.ok === false && { ...wrongPassword, retryAt: expect.any(Date) });
      }
      const rightCode = await signIn("samordnare@example.org", DEMO_PASSWORD, meta, t(90), totp(t(90)));
      expect(rightCode.ok).toBe(false);
    });

    it("keeps refusing the right password for an account without MFA, code or not", async () => {
      const at = new Date();
      await block("raddabarnen@example.org", at, "no-mfa-test");
      const owner = { ip: "203.0.113.6", userAgent: "no-mfa-test" };
      const later = new Date(at.getTime() + 60_000);
      for (const code of [undefined, totp(later), "123456"]) {
        const r = await signIn("raddabarnen@example.org", DEMO_PASSWORD, owner, later, code);
        expect(r.ok === false && r.reason).toBe("throttled");
      }
      expect(await auditRows("no-mfa-test", "auth.sign_in")).toHaveLength(0);
    });
  });
});

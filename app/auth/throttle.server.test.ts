import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, throttleCounters } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { signIn } from "~/models/users.server";
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
});

import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sessions, users } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { seedDemo, userByEmail } from "~/test/demo";
import { createSession, invalidateUserSessions, validateSessionToken } from "./session.server";

const HOUR = 3_600_000;
const MINUTE = 60_000;

let userId: string;
beforeAll(async () => {
  await seedDemo();
  userId = (await userByEmail("polisen@example.org")).id;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("sessions", () => {
  it("stores only the SHA-256 of the secret, never the token", async () => {
    const { token, id } = await createSession(userId, { ip: "127.0.0.1" });
    const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
    const secret = token.split(".")[1]!;
    expect(row!.secretHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(secret);
    const valid = await validateSessionToken(token);
    expect(valid?.user.email).toBe("polisen@example.org");
  });

  it("rejects a tampered secret, a tampered id and garbage", async () => {
    const { token } = await createSession(userId, {});
    const [id, secret] = token.split(".") as [string, string];
    const flipped = secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A");
    expect(await validateSessionToken(`${id}.${flipped}`)).toBeNull();
    expect(await validateSessionToken(`${id}x.${secret}`)).toBeNull();
    expect(await validateSessionToken(id)).toBeNull();
    expect(await validateSessionToken(".")).toBeNull();
    expect(await validateSessionToken("")).toBeNull();
    expect(await validateSessionToken(`${id}.${secret}`)).not.toBeNull();
  });

  it("does not accept the stored hash as a token", async () => {
    const { token, id } = await createSession(userId, {});
    const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
    expect(await validateSessionToken(`${id}.${row!.secretHash}`)).toBeNull();
    expect(await validateSessionToken(token)).not.toBeNull();
  });

  it("expires after two idle hours and slides with activity", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-23T08:00:00Z");
    vi.setSystemTime(start);
    const { token, id } = await createSession(userId, {});

    vi.setSystemTime(new Date(start.getTime() + 119 * MINUTE));
    expect(await validateSessionToken(token)).not.toBeNull(); // activity moves the idle limit

    vi.setSystemTime(new Date(start.getTime() + 119 * MINUTE + 2 * HOUR - MINUTE));
    expect(await validateSessionToken(token)).not.toBeNull();

    vi.setSystemTime(new Date(start.getTime() + 119 * MINUTE + 4 * HOUR));
    expect(await validateSessionToken(token)).toBeNull();
    // The expired row is gone, not merely refused.
    expect(await db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
  });

  it("ends after twelve hours however active the person is", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-23T06:00:00Z");
    vi.setSystemTime(start);
    const { token } = await createSession(userId, {});
    for (let h = 1; h < 12; h++) {
      vi.setSystemTime(new Date(start.getTime() + h * HOUR));
      expect(await validateSessionToken(token), `hour ${h}`).not.toBeNull();
    }
    vi.setSystemTime(new Date(start.getTime() + 12 * HOUR));
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("refuses the sessions of a deactivated person", async () => {
    const person = await userByEmail("raddabarnen@example.org");
    const { token } = await createSession(person.id, {});
    expect(await validateSessionToken(token)).not.toBeNull();
    await db.update(users).set({ status: "deactivated" }).where(eq(users.id, person.id));
    expect(await validateSessionToken(token)).toBeNull();
    await db.update(users).set({ status: "active" }).where(eq(users.id, person.id));
  });

  it("ends every other session of a person on request", async () => {
    const a = await createSession(userId, {});
    const b = await createSession(userId, {});
    await invalidateUserSessions(userId, a.id);
    expect(await validateSessionToken(a.token)).not.toBeNull();
    expect(await validateSessionToken(b.token)).toBeNull();
  });
});

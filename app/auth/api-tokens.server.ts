/**
 * Personal access tokens for the API. The token is shown once, when created; only its
 * SHA-256 is stored, so a copy of the database yields no working token. A token acts as
 * its person with that person's access, and stops working when revoked, when the
 * person is deactivated, and when their password is changed or reset (whoever took over
 * an account must not keep a way in that outlives the password).
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { apiTokens, users } from "../../db/schema/index";
import { actorOf, type Actor } from "./policy";
import { hashToken } from "./tokens.server";
import { db } from "~/lib/db.server";
import { audit } from "~/models/audit.server";

type Meta = { ip: string; userAgent: string | null };
const PREFIX = "np_";
export const MAX_TOKENS = 20;
const TOUCH_INTERVAL_MS = 60_000;

export async function createApiToken(actor: Actor, name: string, meta: Meta): Promise<{ ok: true; token: string } | { ok: false; reason: "too_many" }> {
  return db.transaction(async (tx) => {
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)));
    if ((count?.n ?? 0) >= MAX_TOKENS) return { ok: false, reason: "too_many" } as const;
    const token = PREFIX + randomBytes(32).toString("base64url");
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: actor.userId, name, tokenHash: hashToken(token), prefix: token.slice(0, PREFIX.length + 6) })
      .returning({ id: apiTokens.id });
    await audit({ action: "api_token.created", actor, targetType: "api_token", targetId: row!.id, ...meta, details: { name } }, tx);
    return { ok: true, token } as const;
  });
}

export async function listApiTokens(actor: Actor) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the actor's own tokens; false for anyone else's. */
export async function revokeApiToken(actor: Actor, id: string, meta: Meta): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (revoked.length === 0) return false;
    await audit({ action: "api_token.revoked", actor, targetType: "api_token", targetId: id, ...meta }, tx);
    return true;
  });
}

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

/** Revokes every live token of a person (inside the caller's transaction); how many. */
export async function revokeAllApiTokens(userId: string, tx: Tx | typeof db = db, now = new Date()): Promise<number> {
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length;
}

/** The person a bearer token belongs to, when it is valid and they are active. */
export async function authenticateApiToken(token: string, now = new Date()): Promise<Actor | null> {
  if (!token.startsWith(PREFIX) || token.length > 100) return null;
  const [row] = await db
    .select({ id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), eq(users.status, "active")));
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - TOUCH_INTERVAL_MS)))));
  }
  return actorOf(row.user);
}

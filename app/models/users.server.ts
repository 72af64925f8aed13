import { eq, sql } from "drizzle-orm";
import { users } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { revokeAllApiTokens } from "~/auth/api-tokens.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { checkNewPassword, type PasswordProblem } from "~/auth/password-policy.server";
import { createSession, invalidateUserSessions } from "~/auth/session.server";
import { consumeTotp } from "~/auth/mfa.server";
import { blockedUntil, claimBlocksToAudit, loginThrottleKeys, recordFailure, resetKey, secondFactorThrottleKey } from "~/auth/throttle.server";
import { db } from "~/lib/db.server";
import { audit } from "./audit.server";

type Meta = { ip: string; userAgent: string | null };

export type SignInResult =
  | { ok: true; token: string; userId: string; locale: "sv" | "en"; mfaPending: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

/**
 * Checks the throttle first, then the password. A wrong password and an unknown
 * address cost the same and answer the same; both are audited.
 */
export async function signIn(email: string, password: string, meta: Meta, now = new Date(), code?: string): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase();
  const keys = loginThrottleKeys(normalised, meta.ip);
  const blocked = await blockedUntil(keys, now);
  if (blocked) {
    // One audit row per block: a script hammering a blocked account must not flood the log.
    for (const block of await claimBlocksToAudit(keys, now)) {
      await audit({
        action: "auth.sign_in_throttled",
        ...meta,
        details: { email: normalised, key: block.key.split(":")[1], blockedUntil: block.blockedUntil.toISOString() },
      });
    }
    if (code?.trim()) {
      const through = await signInPastBlock(normalised, password, code, meta, now);
      if (through) return through;
    }
    return { ok: false, reason: "throttled", retryAt: blocked };
  }

  const [user] = await db
    .select({
      id: users.id,
      organisationId: users.organisationId,
      passwordHash: users.passwordHash,
      status: users.status,
      locale: users.locale,
      mfaEnabled: sql<boolean>`${users.mfaSecret} is not null`,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalised))
    .limit(1);

  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordOk || user.status !== "active") {
    const retryAt = await recordFailure(keys, now);
    await audit({
      action: "auth.sign_in_failed",
      actor: user ? { userId: user.id, organisationId: user.organisationId } : null,
      ...meta,
      details: { email: normalised, reason: !user ? "unknown_email" : !passwordOk ? "wrong_password" : user.status },
    });
    return retryAt ? { ok: false, reason: "throttled", retryAt } : { ok: false, reason: "invalid" };
  }

  await resetKey(keys[0]!.key);
  // With MFA the password only opens the second step; the full session comes after the code.
  const session = await createSession(user.id, meta, now, { mfaPending: user.mfaEnabled });
  await audit({
    action: user.mfaEnabled ? "auth.sign_in_password_ok" : "auth.sign_in",
    actor: { userId: user.id, organisationId: user.organisationId },
    targetType: "session",
    targetId: session.id,
    ...meta,
  });
  return { ok: true, token: session.token, userId: user.id, locale: user.locale, mfaPending: user.mfaEnabled };
}

/**
 * The owner of an account with two-step verification gets past a block with the password
 * and a valid code together: whoever caused the block by guessing passwords has no second
 * factor, so the block need not lock the owner out. The answer is the same refusal for
 * any failure (a wrong password is never told apart from a wrong code), refused attempts
 * are not counted against the blocked keys, and wrong codes with the right password count
 * on a key of their own, so the path cannot be used to try codes without end.
 */
async function signInPastBlock(email: string, password: string, code: string, meta: Meta, now: Date): Promise<SignInResult | null> {
  const secondFactor = secondFactorThrottleKey(email);
  if (await blockedUntil([secondFactor], now)) return null;
  const [user] = await db
    .select({ id: users.id, organisationId: users.organisationId, passwordHash: users.passwordHash, status: users.status, locale: users.locale, mfaSecret: users.mfaSecret })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (!(await verifyPassword(user?.passwordHash, password)) || !user || user.status !== "active" || !user.mfaSecret) return null;
  const actor = { userId: user.id, organisationId: user.organisationId };
  const trimmed = code.trim();
  if (!/^\d{3}\s?\d{3}$/.test(trimmed) || !(await consumeTotp(user.id, trimmed, now))) {
    await recordFailure([secondFactor], now);
    await audit({ action: "auth.mfa_failed", actor, ...meta, details: { email, duringBlock: true } });
    return null;
  }
  await resetKey(secondFactor.key);
  const session = await createSession(user.id, meta, now);
  await audit({ action: "auth.sign_in", actor, targetType: "session", targetId: session.id, ...meta, details: { mfa: true, duringBlock: true } });
  return { ok: true, token: session.token, userId: user.id, locale: user.locale, mfaPending: false };
}

export async function recordSignOut(actor: Actor, sessionId: string, meta: Meta): Promise<void> {
  await audit({ action: "auth.sign_out", actor, targetType: "session", targetId: sessionId, ...meta });
}

export interface ProfileInput {
  name: string;
  title: string;
  phone: string;
  locale: "sv" | "en";
}

export async function updateProfile(actor: Actor, input: ProfileInput, meta: Meta): Promise<void> {
  await db
    .update(users)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(users.id, actor.userId));
  await audit({ action: "user.profile_updated", actor, targetType: "user", targetId: actor.userId, ...meta });
}

/** The person's own language choice: only ever called for the signed-in person. */
export async function setLocale(userId: string, locale: "sv" | "en"): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/**
 * Changes the password after checking the current one, and ends every other session
 * of the person: whoever else held one no longer does.
 */
export async function changePassword(
  actor: Actor,
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
  meta: Meta,
): Promise<{ ok: true } | { ok: false; reason: "wrong_password" } | { ok: false; reason: "policy"; problem: PasswordProblem }> {
  const [user] = await db
    .select({ hash: users.passwordHash, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!(await verifyPassword(user?.hash, currentPassword))) {
    await audit({ action: "user.password_change_failed", actor, targetType: "user", targetId: actor.userId, ...meta });
    return { ok: false, reason: "wrong_password" };
  }
  const problem = checkNewPassword(newPassword, { name: user?.name, email: user?.email });
  if (problem) return { ok: false, reason: "policy", problem };
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    const apiTokensRevoked = await revokeAllApiTokens(actor.userId, tx);
    await audit({ action: "user.password_changed", actor, targetType: "user", targetId: actor.userId, ...meta, details: { apiTokensRevoked } }, tx);
  });
  await invalidateUserSessions(actor.userId, currentSessionId);
  return { ok: true };
}

/**
 * The second step of signing in, and MFA set-up on the account page. Wrong codes count
 * against the same per-account throttle as wrong passwords; every change is audited and
 * ends the person's other sessions.
 */
import { eq } from "drizzle-orm";
import { sessions, users } from "../../db/schema/index";
import { consumeRecoveryCode, consumeTotp, matchingStep, newRecoveryCodes, replaceRecoveryCodes } from "~/auth/mfa.server";
import { verifyPassword } from "~/auth/password.server";
import type { Actor } from "~/auth/policy";
import { createSession, invalidateUserSessions, type ValidSession } from "~/auth/session.server";
import { blockedUntil, loginThrottleKeys, recordFailure, resetKey } from "~/auth/throttle.server";
import { db } from "~/lib/db.server";
import { audit } from "./audit.server";

type Meta = { ip: string; userAgent: string | null };

export type MfaStepResult =
  | { ok: true; token: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

/** Trades a pending session and a valid code (or recovery code) for a new full session. */
export async function completeMfa(pending: ValidSession, code: string, meta: Meta, now = new Date()): Promise<MfaStepResult> {
  const actor = { userId: pending.user.id, organisationId: pending.user.organisationId };
  const keys = loginThrottleKeys(pending.user.email, meta.ip);
  const blocked = await blockedUntil(keys, now);
  if (blocked) return { ok: false, reason: "throttled", retryAt: blocked };

  const trimmed = code.trim();
  const viaTotp = /^\d{3}\s?\d{3}$/.test(trimmed);
  const accepted = viaTotp ? await consumeTotp(pending.user.id, trimmed, now) : await consumeRecoveryCode(pending.user.id, trimmed, now);
  if (!accepted) {
    const retryAt = await recordFailure(keys, now);
    await audit({ action: "auth.mfa_failed", actor, targetType: "session", targetId: pending.id, ...meta });
    return retryAt ? { ok: false, reason: "throttled", retryAt } : { ok: false, reason: "invalid" };
  }
  await resetKey(keys[0]!.key);
  // A fresh session id after the second factor: the pending one can never become full.
  await db.delete(sessions).where(eq(sessions.id, pending.id));
  const session = await createSession(pending.user.id, meta, now);
  await audit({ action: viaTotp ? "auth.sign_in" : "auth.sign_in_recovery_code", actor, targetType: "session", targetId: session.id, ...meta, details: { mfa: true } });
  return { ok: true, token: session.token };
}

export type MfaChange = { ok: true; codes?: string[] } | { ok: false; reason: "wrong_password" | "wrong_code" | "required" };

/** Enables MFA with a secret the person's app now shows codes for; returns the recovery codes once. */
export async function enableMfa(actor: Actor, sessionId: string, secret: string, code: string, password: string, meta: Meta, now = new Date()): Promise<MfaChange> {
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!(await verifyPassword(user?.hash, password))) return { ok: false, reason: "wrong_password" };
  if (!/^[A-Z2-7]{32}$/.test(secret)) return { ok: false, reason: "wrong_code" };
  const step = matchingStep(secret, code, now);
  if (step === null) return { ok: false, reason: "wrong_code" };
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ mfaSecret: secret, mfaEnabledAt: now, mfaLastStep: step }).where(eq(users.id, actor.userId));
    await replaceRecoveryCodes(tx, actor.userId, codes);
    await audit({ action: "mfa.enabled", actor, targetType: "user", targetId: actor.userId, ...meta }, tx);
  });
  await invalidateUserSessions(actor.userId, sessionId);
  return { ok: true, codes };
}

export async function regenerateRecoveryCodes(actor: Actor, sessionId: string, password: string, meta: Meta): Promise<MfaChange> {
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!(await verifyPassword(user?.hash, password))) return { ok: false, reason: "wrong_password" };
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await replaceRecoveryCodes(tx, actor.userId, codes);
    await audit({ action: "mfa.recovery_codes_regenerated", actor, targetType: "user", targetId: actor.userId, ...meta }, tx);
  });
  await invalidateUserSessions(actor.userId, sessionId);
  return { ok: true, codes };
}

export async function disableMfa(actor: Actor, sessionId: string, required: boolean, password: string, meta: Meta): Promise<MfaChange> {
  if (required) return { ok: false, reason: "required" };
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!(await verifyPassword(user?.hash, password))) return { ok: false, reason: "wrong_password" };
  await db.transaction(async (tx) => {
    await tx.update(users).set({ mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null }).where(eq(users.id, actor.userId));
    await replaceRecoveryCodes(tx, actor.userId, []);
    await audit({ action: "mfa.disabled", actor, targetType: "user", targetId: actor.userId, ...meta }, tx);
  });
  await invalidateUserSessions(actor.userId, sessionId);
  return { ok: true };
}

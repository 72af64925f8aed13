/**
 * Password reset by e-mail: a single-use link valid one hour, the same answer whether
 * or not the address exists, and every session of the person ends after the reset.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { passwordResets, sessions, users } from "../../db/schema/index";
import { revokeAllApiTokens } from "~/auth/api-tokens.server";
import { hashPassword } from "~/auth/password.server";
import { checkNewPassword, type PasswordProblem } from "~/auth/password-policy.server";
import { hashToken, newLinkToken } from "~/auth/tokens.server";
import { isLocale } from "~/i18n/config";
import { serverT } from "~/i18n/server";
import { db } from "~/lib/db.server";
import { enqueueMail } from "~/lib/mail.server";
import { audit } from "./audit.server";

export const RESET_VALID_MS = 3_600_000;
/** More requests than this per person and hour are answered the same but send nothing. */
const MAX_RESETS_PER_HOUR = 3;

type Meta = { ip: string; userAgent: string | null };

export async function requestPasswordReset(email: string, meta: Meta, origin: string, now = new Date()): Promise<void> {
  const normalised = email.trim().toLowerCase();
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, normalised));
    if (!user || user.status !== "active") {
      await audit({ action: "auth.password_reset_unknown", ...meta, details: { email: normalised } }, tx);
      return;
    }
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, new Date(now.getTime() - 3_600_000))));
    const actor = { userId: user.id, organisationId: user.organisationId };
    if ((recent?.n ?? 0) >= MAX_RESETS_PER_HOUR) {
      await audit({ action: "auth.password_reset_throttled", actor, ...meta }, tx);
      return;
    }
    const token = newLinkToken();
    await tx.insert(passwordResets).values({
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_VALID_MS),
    });
    const t = serverT(isLocale(user.locale) ? user.locale : "sv");
    await enqueueMail(tx, {
      to: user.email,
      subject: t("people.mail.resetSubject"),
      text: t("people.mail.resetBody", { email: user.email, link: `${origin}/reset-password/${token}` }),
    });
    await audit({ action: "auth.password_reset_requested", actor, targetType: "user", targetId: user.id, ...meta }, tx);
  });
}

/** True while the link can still be used (for showing the form or a clear page). */
export async function resetLinkIsValid(token: string, now = new Date()): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return false;
  const [row] = await db
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
        eq(users.status, "active"),
      ),
    );
  return Boolean(row);
}

export type ResetResult = { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "password"; problem: PasswordProblem };

export async function resetPassword(token: string, password: string, meta: Meta, now = new Date()): Promise<ResetResult> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: "invalid" };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ reset: passwordResets, user: users })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(eq(passwordResets.tokenHash, hashToken(token)))
      .for("update", { of: passwordResets });
    if (!row || row.reset.usedAt || row.reset.expiresAt <= now || row.user.status !== "active") {
      return { ok: false, reason: "invalid" } as const;
    }
    const problem = checkNewPassword(password, { name: row.user.name, email: row.user.email });
    if (problem) return { ok: false, reason: "password", problem } as const;
    await tx.update(users).set({ passwordHash: await hashPassword(password), updatedAt: now }).where(eq(users.id, row.user.id));
    // Every link of the person dies with this one, and every session ends.
    await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, row.user.id), isNull(passwordResets.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, row.user.id));
    const apiTokensRevoked = await revokeAllApiTokens(row.user.id, tx, now);
    await audit(
      {
        action: "auth.password_reset",
        actor: { userId: row.user.id, organisationId: row.user.organisationId },
        targetType: "user",
        targetId: row.user.id,
        ...meta,
        details: { apiTokensRevoked },
      },
      tx,
    );
    return { ok: true } as const;
  });
}

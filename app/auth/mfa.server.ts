/**
 * TOTP (RFC 6238) with otpauth, and single-use recovery codes. A code is accepted once:
 * the accepted time step is stored and a step at or below it is refused, in one UPDATE,
 * so two requests racing with the same code cannot both pass.
 */
import { createHash, randomInt } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { networkPeople, organisations, recoveryCodes, users } from "../../db/schema/index";
import { type Database, db } from "~/lib/db.server";

const PERIOD = 30;
const ISSUER = "Nätverksportalen";
export const RECOVERY_CODE_COUNT = 10;

function totp(secret: string, label = "") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The secret offered while setting up: derived from the (secret) session token's id so
 * that it stays the same across page loads of one session, e.g. after a mistyped code.
 */
export function enrolmentSecret(sessionId: string, userId: string): string {
  const bytes = createHash("sha256").update(`mfa-enrolment:${sessionId}:${userId}`).digest().subarray(0, 20);
  return new Secret({ buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 20) as ArrayBuffer }).base32;
}

export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

export async function totpQrSvg(uri: string): Promise<string> {
  // Only the MFA set-up page needs it; loaded then rather than at every start.
  const { default: QRCode } = await import("qrcode");
  return QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}

/** The time step a 6-digit code belongs to (this, the previous or the next), or null. */
export function matchingStep(secret: string, code: string, now = new Date()): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** Accepts the person's code once; false for a wrong code or a step already used. */
export async function consumeTotp(userId: string, code: string, now = new Date(), executor: Pick<Database, "select" | "update"> = db): Promise<boolean> {
  const [user] = await executor.select({ secret: users.mfaSecret }).from(users).where(eq(users.id, userId));
  if (!user?.secret) return false;
  const step = matchingStep(user.secret, code, now);
  if (step === null) return false;
  const updated = await executor
    .update(users)
    .set({ mfaLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.mfaLastStep), lt(users.mfaLastStep, step))))
    .returning({ id: users.id });
  return updated.length === 1;
}

function hashCode(code: string): string {
  return createHash("sha256").update(code.replace(/[\s-]/g, "").toLowerCase()).digest("hex");
}

/** Ten codes like "k7pq-3mzx"; only their hashes are stored. */
export function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const part = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${part()}-${part()}`);
}

export async function replaceRecoveryCodes(executor: Pick<Database, "insert" | "delete">, userId: string, codes: string[]) {
  await executor.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (codes.length > 0) await executor.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashCode(c) })));
}

export async function consumeRecoveryCode(userId: string, code: string, now = new Date()): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

export async function remainingRecoveryCodes(userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Platform admins, coordinators and everyone of an organisation that requires it must use MFA. */
export async function mfaRequiredFor(userId: string): Promise<boolean> {
  const [row] = await db
    .select({
      required: sql<boolean>`${users.isPlatformAdmin} or ${organisations.requireMfa}
        or exists (select 1 from ${networkPeople} np where np.user_id = ${users.id} and np.role = 'coordinator')`,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  return Boolean(row?.required);
}

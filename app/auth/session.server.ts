/**
 * Database sessions as the Lucia guide teaches them: the cookie carries
 * `<id>.<secret>`; the row stores only SHA-256(secret), compared in constant time.
 * Sessions slide on activity (idle expiry) and end regardless after the absolute limit.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, lt, ne, or, sql } from "drizzle-orm";
import { networkPeople, organisations, sessions, users } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { config } from "~/lib/config.server";

const ID_BYTES = 15;
const SECRET_BYTES = 30;
// A half-finished sign-in (password given, code not yet) lapses quickly.
const MFA_PENDING_MS = 10 * 60_000;
// Writing last_active_at on every request would turn reads into writes; a minute's
// precision is plenty for a two-hour idle limit.
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  title: string;
  phone: string;
  locale: "sv" | "en";
  organisationId: string;
  organisationName: string;
  organisationShortName: string;
  isPlatformAdmin: boolean;
  isOrgAdmin: boolean;
  mfaEnabled: boolean;
  /** Platform admins, coordinators and people of organisations that require it. */
  mfaRequired: boolean;
}

export interface ValidSession {
  id: string;
  userId: string;
  /** Password accepted, second factor owed: opens only the MFA step. */
  mfaPending: boolean;
  createdAt: Date;
  lastActiveAt: Date;
  user: SessionUser;
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function sessionExpiry(s: { createdAt: Date; lastActiveAt: Date; mfaPending?: boolean }): Date {
  if (s.mfaPending) return new Date(s.createdAt.getTime() + MFA_PENDING_MS);
  const idle = s.lastActiveAt.getTime() + config.sessionIdleMs;
  const absolute = s.createdAt.getTime() + config.sessionAbsoluteMs;
  return new Date(Math.min(idle, absolute));
}

export async function createSession(
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null },
  now = new Date(),
  options: { mfaPending?: boolean } = {},
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const id = randomToken(ID_BYTES);
  const secret = randomToken(SECRET_BYTES);
  await db.insert(sessions).values({
    id,
    secretHash: sha256(secret),
    userId,
    createdAt: now,
    lastActiveAt: now,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
    mfaPending: options.mfaPending ?? false,
  });
  return { token: `${id}.${secret}`, id, expiresAt: sessionExpiry({ createdAt: now, lastActiveAt: now, mfaPending: options.mfaPending }) };
}

/**
 * The session with its person, as every page asks for it: built once and kept as a
 * prepared query, so that a page does not pay for building the same SQL again (Drizzle's
 * query building was a tenth of a light page's server CPU).
 */
let sessionById: ReturnType<typeof buildSessionQuery> | undefined;
function buildSessionQuery() {
  return db
    .select({
      id: sessions.id,
      secretHash: sessions.secretHash,
      createdAt: sessions.createdAt,
      lastActiveAt: sessions.lastActiveAt,
      mfaPending: sessions.mfaPending,
      user: {
        id: users.id,
        name: users.name,
        email: users.email,
        title: users.title,
        phone: users.phone,
        locale: users.locale,
        status: users.status,
        organisationId: users.organisationId,
        organisationName: organisations.name,
        organisationShortName: organisations.shortName,
        isPlatformAdmin: users.isPlatformAdmin,
        isOrgAdmin: users.isOrgAdmin,
        mfaEnabled: sql<boolean>`${users.mfaSecret} is not null`,
        mfaRequired: sql<boolean>`(${users.isPlatformAdmin} or ${organisations.requireMfa}
          or exists (select 1 from ${networkPeople} np where np.user_id = ${users.id} and np.role = 'coordinator'))`,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .limit(1)
    .prepare("session_by_id");
}
function sessionQuery() {
  sessionById ??= buildSessionQuery();
  return sessionById;
}

/** Returns the session and its user, or null for anything not exactly right. */
export async function validateSessionToken(token: string, now = new Date()): Promise<ValidSession | null> {
  const dot = token.indexOf(".");
  if (dot <= 0 || dot === token.length - 1 || token.length > 200) return null;
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);

  const [row] = await sessionQuery().execute({ id });
  if (!row) return null;

  const expected = Buffer.from(row.secretHash, "hex");
  const given = Buffer.from(sha256(secret), "hex");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;

  if (row.user.status !== "active" || now >= sessionExpiry(row)) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }

  let lastActiveAt = row.lastActiveAt;
  if (now.getTime() - lastActiveAt.getTime() >= TOUCH_INTERVAL_MS) {
    lastActiveAt = now;
    await db.update(sessions).set({ lastActiveAt: now }).where(eq(sessions.id, id));
  }
  const { status: _status, ...user } = row.user;
  return { id: row.id, userId: row.user.id, mfaPending: row.mfaPending, createdAt: row.createdAt, lastActiveAt, user };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a person, optionally keeping the one in use. */
export async function invalidateUserSessions(userId: string, exceptSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
}

/** Housekeeping: removes rows past either limit. */
export async function deleteExpiredSessions(now = new Date()): Promise<void> {
  await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.lastActiveAt, new Date(now.getTime() - config.sessionIdleMs)),
        lt(sessions.createdAt, new Date(now.getTime() - config.sessionAbsoluteMs)),
      ),
    );
}

/**
 * A personal calendar subscription: a secret URL (only its hash stored) that serves
 * every meeting of the person's networks. Shown once; making a new one or revoking it
 * ends the old URL.
 */
import { and, eq, gte, isNotNull, lte } from "drizzle-orm";
import { calendarFeeds, meetings, networks, users } from "../../db/schema/index";
import { actorOf, type Actor } from "~/auth/policy";
import { hashToken, newLinkToken } from "~/auth/tokens.server";
import { db } from "~/lib/db.server";
import { buildCalendar } from "~/lib/ics.server";
import { audit } from "./audit.server";
import { calendarMeeting, meetingColumns } from "./meetings.server";
import { networkVisibleTo } from "./networks.server";

type Meta = { ip: string; userAgent: string | null };
const DAY = 86_400_000;

export async function feedStatus(actor: Actor) {
  const [row] = await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, actor.userId));
  return row ?? null;
}

/** A new secret URL path; any earlier one stops working. */
export async function createFeed(actor: Actor, meta: Meta): Promise<string> {
  const token = newLinkToken();
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarFeeds)
      .values({ userId: actor.userId, tokenHash: hashToken(token), createdAt: new Date() })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: hashToken(token), createdAt: new Date() } });
    await audit({ action: "calendar_feed.created", actor, targetType: "user", targetId: actor.userId, ...meta }, tx);
  });
  return `/calendar/${token}/meetings.ics`;
}

export async function revokeFeed(actor: Actor, meta: Meta): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, actor.userId));
    await audit({ action: "calendar_feed.revoked", actor, targetType: "user", targetId: actor.userId, ...meta }, tx);
  });
}

/** The feed for a token, or null for an unknown token or a person no longer active. */
export async function feedCalendar(token: string, origin: string, now = new Date()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [owner] = await db
    .select({ id: users.id, organisationId: users.organisationId, isPlatformAdmin: users.isPlatformAdmin, isOrgAdmin: users.isOrgAdmin })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), eq(users.status, "active")));
  if (!owner) return null;
  const rows = await db
    .select({ meeting: meetingColumns, networkName: networks.name })
    .from(meetings)
    .innerJoin(networks, eq(networks.id, meetings.networkId))
    .where(
      and(
        networkVisibleTo(actorOf(owner)),
        isNotNull(meetings.startsAt),
        gte(meetings.startsAt, new Date(now.getTime() - 90 * DAY)),
        lte(meetings.startsAt, new Date(now.getTime() + 400 * DAY)),
      ),
    );
  return buildCalendar(
    rows.map(({ meeting, networkName }) => calendarMeeting(meeting, networkName, origin)),
    "PUBLISH",
    now,
  );
}

/**
 * In-app notifications. Each points at a post or a meeting; listing and counting
 * re-check that the person still sees it (a deleted post, or a network one has left,
 * takes its notifications with it).
 */
import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { meetings, networks, notifications, postNetworks, posts, users } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db, type Database } from "~/lib/db.server";
import { networkVisibleTo } from "./networks.server";

type Executor = Pick<Database, "insert">;
export type NotificationKind = (typeof notifications.$inferInsert)["kind"];

export async function notify(
  executor: Executor,
  userIds: string[],
  subject: { kind: NotificationKind; postId?: string; meetingId?: string; actorId?: string | null },
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await executor.insert(notifications).values(
    unique.map((userId) => ({
      userId,
      kind: subject.kind,
      postId: subject.postId ?? null,
      meetingId: subject.meetingId ?? null,
      actorId: subject.actorId ?? null,
    })),
  );
}

function stillVisible(actor: Actor): SQL {
  return sql`(
    (${notifications.postId} is not null and exists (
      select 1 from ${posts} np join ${postNetworks} npn on npn.post_id = np.id join ${networks} on ${networks.id} = npn.network_id
      where np.id = ${notifications.postId} and np.deleted_at is null and ${networkVisibleTo(actor)}))
    or (${notifications.meetingId} is not null and exists (
      select 1 from ${meetings} nm join ${networks} on ${networks.id} = nm.network_id
      where nm.id = ${notifications.meetingId} and ${networkVisibleTo(actor)}))
  )`;
}

export async function unreadNotificationCount(actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt), stillVisible(actor)));
  return row?.n ?? 0;
}

export async function listNotifications(actor: Actor, limit = 50) {
  const actors = db.$with("actors").as(db.select({ id: users.id, name: users.name }).from(users));
  return db
    .with(actors)
    .select({
      id: notifications.id,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      postId: notifications.postId,
      meetingId: notifications.meetingId,
      actorName: actors.name,
      title: sql<string>`coalesce(${posts.title}, ${meetings.title})`,
    })
    .from(notifications)
    .leftJoin(actors, eq(actors.id, notifications.actorId))
    .leftJoin(posts, eq(posts.id, notifications.postId))
    .leftJoin(meetings, eq(meetings.id, notifications.meetingId))
    .where(and(eq(notifications.userId, actor.userId), stillVisible(actor)))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

/** Marks the given notifications (or all of them) read; only the person's own. */
export async function markNotificationsRead(actor: Actor, ids: string[] | "all"): Promise<void> {
  const own = and(eq(notifications.userId, actor.userId), isNull(notifications.readAt));
  const which = ids === "all" ? own : and(own, inArray(notifications.id, ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id))));
  if (ids !== "all" && ids.length === 0) return;
  await db.update(notifications).set({ readAt: new Date() }).where(which);
}

/** Opening what a notification points at answers it. */
export async function markSubjectRead(
  actor: Actor,
  subject: { postId?: string; meetingId?: string; kind?: NotificationKind | NotificationKind[] },
): Promise<void> {
  const conditions = [eq(notifications.userId, actor.userId), isNull(notifications.readAt)];
  if (subject.postId) conditions.push(eq(notifications.postId, subject.postId));
  else if (subject.meetingId) conditions.push(eq(notifications.meetingId, subject.meetingId));
  else return;
  if (Array.isArray(subject.kind)) conditions.push(inArray(notifications.kind, subject.kind));
  else if (subject.kind) conditions.push(eq(notifications.kind, subject.kind));
  await db.update(notifications).set({ readAt: new Date() }).where(and(...conditions));
}

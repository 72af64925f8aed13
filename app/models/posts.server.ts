/**
 * Mission updates (an organisation's news on its assignments, to one or more of its
 * networks) and announcements (a coordinator's, to one network), their feeds, edits
 * with history, soft deletion, comments and read marks. A post is visible to whoever
 * sees one of its networks; a deleted post is visible to nobody.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import {
  assignments,
  comments,
  networkOrganisations,
  networks,
  organisations,
  postNetworks,
  postReads,
  postRevisions,
  posts,
  users,
} from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { isLocale } from "~/i18n/config";
import { serverT } from "~/i18n/server";
import { db, type Database } from "~/lib/db.server";
import { enqueueMail } from "~/lib/mail.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { BODY_MAX_BYTES, COMMENT_MAX, type FeedKind, TITLE_MAX, UPDATE_KINDS, type UpdateKind } from "~/lib/post-kinds";
import { audit } from "./audit.server";
import { audienceOf } from "./meetings.server";
import { findNetwork, managesNetwork, networkVisibleTo, postsTo } from "./networks.server";
import { markSubjectRead, notify } from "./notifications.server";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Meta = { ip: string; userAgent: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PAGE_SIZE = 20;

export type Invalid = { ok: false; reason: "invalid"; field: "title" | "body" | "kind" | "networks"; message: string };
export type NotFound = { ok: false; reason: "not_found" };

/** Checks what every post needs; null when it is fine. */
export function checkPostText(title: string, body: string): Invalid | null {
  if (title.trim().length === 0) return { ok: false, reason: "invalid", field: "title", message: "validation.required" };
  if (title.length > TITLE_MAX) return { ok: false, reason: "invalid", field: "title", message: `validation.tooLong|${TITLE_MAX}` };
  if (Buffer.byteLength(body, "utf8") > BODY_MAX_BYTES) return { ok: false, reason: "invalid", field: "body", message: "updates.errors.bodyTooLarge" };
  return null;
}

/** The post is not deleted and sits in a network the actor sees. */
export function postVisibleTo(actor: Actor): SQL {
  return sql`${posts.deletedAt} is null and exists (
    select 1 from ${postNetworks} vpn join ${networks} on ${networks.id} = vpn.network_id
    where vpn.post_id = ${posts.id} and ${networkVisibleTo(actor)})`;
}

// A scalar subquery, not EXISTS: the planner would otherwise hash every read mark the
// person has (tens of thousands) to flag the 20 posts of one page.
function unreadBy(actor: Actor): SQL<boolean> {
  return sql<boolean>`not coalesce((select true from ${postReads} r where r.user_id = ${actor.userId} and r.post_id = ${posts.id}), false)`;
}

const itemColumns = (actor: Actor) => ({
  id: posts.id,
  type: posts.type,
  kind: posts.kind,
  title: posts.title,
  bodyHtml: posts.bodyHtml,
  pinned: posts.pinned,
  important: posts.important,
  version: posts.version,
  createdAt: posts.createdAt,
  updatedAt: posts.updatedAt,
  authorId: posts.authorId,
  authorName: users.name,
  organisationId: organisations.id,
  organisationName: organisations.name,
  organisationShortName: organisations.shortName,
  assignmentId: assignments.id,
  assignmentTitle: assignments.title,
  assignmentReference: assignments.reference,
  commentCount: sql<number>`(select count(*)::int from ${comments} cc where cc.post_id = ${posts.id} and cc.deleted_at is null)`,
  unread: unreadBy(actor),
});

/** The networks the actor may post an update to. */
export async function postingNetworks(actor: Actor) {
  return db
    .select({ id: networks.id, slug: networks.slug, name: networks.name })
    .from(networks)
    .where(and(networkVisibleTo(actor), postsTo(actor)))
    .orderBy(asc(networks.name));
}

export interface UpdateInput {
  networks: string[];
  title: string;
  body: string;
  kind: UpdateKind;
  assignmentId: string | null;
}

export type CreateResult = { ok: true; id: string; createdAt: Date; networks: string[] } | NotFound | Invalid;

/** An update for the actor's own organisation, to networks it belongs to. */
export async function createUpdate(actor: Actor, input: UpdateInput, meta: Meta, now = new Date()): Promise<CreateResult> {
  const invalid = checkPostText(input.title, input.body);
  if (invalid) return invalid;
  if (!UPDATE_KINDS.includes(input.kind)) return { ok: false, reason: "invalid", field: "kind", message: "validation.invalidChoice" };
  const slugs = [...new Set(input.networks)];
  if (slugs.length === 0) return { ok: false, reason: "invalid", field: "networks", message: "updates.errors.noNetwork" };
  if (input.assignmentId !== null && !UUID.test(input.assignmentId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const targets = await tx
      .select({ id: networks.id, slug: networks.slug })
      .from(networks)
      .where(and(inArray(networks.slug, slugs), networkVisibleTo(actor), postsTo(actor)));
    if (targets.length !== slugs.length) return { ok: false, reason: "not_found" } as const;
    if (input.assignmentId) {
      const [own] = await tx
        .select({ id: assignments.id })
        .from(assignments)
        .where(and(eq(assignments.id, input.assignmentId), eq(assignments.organisationId, actor.organisationId)));
      if (!own) return { ok: false, reason: "not_found" } as const;
    }
    const [post] = await tx
      .insert(posts)
      .values({
        type: "update",
        kind: input.kind,
        organisationId: actor.organisationId,
        authorId: actor.userId,
        assignmentId: input.assignmentId,
        title: input.title.trim(),
        body: input.body,
        bodyHtml: renderMarkdown(input.body),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: posts.id, createdAt: posts.createdAt });
    await tx.insert(postNetworks).values(targets.map((n) => ({ postId: post!.id, networkId: n.id, createdAt: post!.createdAt })));
    await tx.insert(postReads).values({ userId: actor.userId, postId: post!.id }).onConflictDoNothing();
    await audit(
      { action: "update.created", actor, targetType: "post", targetId: post!.id, ...meta, details: { networks: targets.map((n) => n.slug).join(",") } },
      tx,
    );
    return { ok: true, id: post!.id, createdAt: post!.createdAt, networks: targets.map((n) => n.slug) } as const;
  });
}

export interface AnnouncementInput {
  title: string;
  body: string;
  important: boolean;
  pinned: boolean;
}

/**
 * A coordinator's announcement to one network. Everyone who sees the network gets a
 * notification; an important one is also mailed to each of them at once (in the same
 * transaction, through the outbox).
 */
export async function createAnnouncement(actor: Actor, slug: string, input: AnnouncementInput, meta: Meta, origin: string): Promise<CreateResult> {
  const invalid = checkPostText(input.title, input.body);
  if (invalid) return invalid;
  return db.transaction(async (tx) => {
    const network = await findNetwork(actor, slug, tx);
    if (!network || !network.manages) return { ok: false, reason: "not_found" } as const;
    const [post] = await tx
      .insert(posts)
      .values({
        type: "announcement",
        organisationId: actor.organisationId,
        authorId: actor.userId,
        title: input.title.trim(),
        body: input.body,
        bodyHtml: renderMarkdown(input.body),
        important: input.important,
        pinned: input.pinned,
      })
      .returning({ id: posts.id, createdAt: posts.createdAt });
    await tx.insert(postNetworks).values({ postId: post!.id, networkId: network.id, createdAt: post!.createdAt });
    await tx.insert(postReads).values({ userId: actor.userId, postId: post!.id }).onConflictDoNothing();
    const audience = (await audienceOf(network.id, tx)).filter((p) => p.id !== actor.userId);
    await notify(tx, audience.map((p) => p.id), { kind: "announcement", postId: post!.id, actorId: actor.userId });
    if (input.important) {
      for (const person of audience) {
        const t = serverT(isLocale(person.locale) ? person.locale : "sv");
        await enqueueMail(tx, {
          to: person.email,
          subject: t("updates.mail.importantSubject", { network: network.name, title: input.title.trim() }),
          text: t("updates.mail.importantBody", { network: network.name, title: input.title.trim(), body: input.body, link: `${origin}/updates/${post!.id}` }),
        });
      }
    }
    await audit(
      { action: "announcement.created", actor, targetType: "post", targetId: post!.id, ...meta, details: { network: network.slug, important: input.important } },
      tx,
    );
    return { ok: true, id: post!.id, createdAt: post!.createdAt, networks: [network.slug] } as const;
  });
}

export interface FeedFilter {
  organisationId?: string;
  kind?: FeedKind;
  assignmentId?: string;
  /** Keyset cursor: the last item of the previous page. */
  before?: { createdAt: Date; id: string };
}

export function encodeCursor(item: { createdAt: Date | string; id: string }): string {
  return `${new Date(item.createdAt).toISOString()}_${item.id}`;
}

export function decodeCursor(value: string | null): FeedFilter["before"] {
  if (!value) return undefined;
  const [iso, id] = value.split("_");
  const createdAt = new Date(iso ?? "");
  if (Number.isNaN(createdAt.getTime()) || !id || !UUID.test(id)) return undefined;
  return { createdAt, id };
}

/**
 * One page of a network's feed, newest first, by keyset (a constant number of queries
 * however deep the page). Pinned posts head the first unfiltered page instead.
 */
export async function getFeed(actor: Actor, slug: string, filter: FeedFilter, pageSize = PAGE_SIZE) {
  const network = await findNetwork(actor, slug);
  if (!network) return null;

  const filtered = Boolean(filter.organisationId || filter.kind || filter.assignmentId);
  const conditions: SQL[] = [eq(postNetworks.networkId, network.id), isNull(posts.deletedAt)];
  if (filter.organisationId && UUID.test(filter.organisationId)) conditions.push(eq(posts.organisationId, filter.organisationId));
  if (filter.kind === "announcement") conditions.push(eq(posts.type, "announcement"));
  else if (filter.kind) conditions.push(eq(posts.kind, filter.kind));
  if (filter.assignmentId && UUID.test(filter.assignmentId)) conditions.push(eq(posts.assignmentId, filter.assignmentId));
  if (!filtered) conditions.push(eq(posts.pinned, false));
  if (filter.before) {
    // A row comparison, so the feed index serves the page directly however deep it is.
    conditions.push(sql`(${postNetworks.createdAt}, ${postNetworks.postId}) < (${new Date(filter.before.createdAt).toISOString()}, ${filter.before.id})`);
  }
  const base = () =>
    db
      .select(itemColumns(actor))
      .from(postNetworks)
      .innerJoin(posts, eq(posts.id, postNetworks.postId))
      .innerJoin(users, eq(users.id, posts.authorId))
      .innerJoin(organisations, eq(organisations.id, posts.organisationId))
      .leftJoin(assignments, eq(assignments.id, posts.assignmentId));

  const [rows, pinned, memberOrganisations, networkAssignments] = await Promise.all([
    base()
      .where(and(...conditions))
      .orderBy(desc(postNetworks.createdAt), desc(postNetworks.postId))
      .limit(pageSize + 1),
    filtered || filter.before
      ? Promise.resolve([])
      : base()
          .where(and(eq(postNetworks.networkId, network.id), isNull(posts.deletedAt), eq(posts.pinned, true)))
          .orderBy(desc(postNetworks.createdAt)),
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(networkOrganisations)
      .innerJoin(organisations, eq(organisations.id, networkOrganisations.organisationId))
      .where(eq(networkOrganisations.networkId, network.id))
      .orderBy(asc(organisations.name)),
    db
      .select({ id: assignments.id, title: assignments.title, reference: assignments.reference })
      .from(assignments)
      .innerJoin(networkOrganisations, eq(networkOrganisations.organisationId, assignments.organisationId))
      .where(eq(networkOrganisations.networkId, network.id))
      .orderBy(asc(assignments.title)),
  ]);
  const items = rows.slice(0, pageSize);
  const next = rows.length > pageSize ? encodeCursor(items[items.length - 1]!) : null;
  return { network, pinned, items, next, memberOrganisations, assignments: networkAssignments };
}

/** Marks the posts as read by the actor (those shown on a page). */
export async function markRead(actor: Actor, postIds: string[]): Promise<void> {
  if (postIds.length === 0) return;
  await db
    .insert(postReads)
    .values(postIds.map((postId) => ({ userId: actor.userId, postId })))
    .onConflictDoNothing();
}

/** What is new across the actor's networks, for the home page. */
/** The newest updates the actor may see, with what the home page shows of each (no body). */
export async function recentPosts(actor: Actor, limit = 8) {
  const rows = await db
    .select({
      id: posts.id,
      type: posts.type,
      kind: posts.kind,
      title: posts.title,
      important: posts.important,
      createdAt: posts.createdAt,
      organisationName: organisations.name,
      unread: unreadBy(actor),
    })
    .from(posts)
    .innerJoin(organisations, eq(organisations.id, posts.organisationId))
    .where(postVisibleTo(actor))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(limit);
  const where = await networksOf(actor, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, networks: where.get(r.id) ?? [] }));
}

/** The visible networks of each post, in one query. */
async function networksOf(actor: Actor, postIds: string[]) {
  const map = new Map<string, { slug: string; name: string }[]>();
  if (postIds.length === 0) return map;
  const rows = await db
    .select({ postId: postNetworks.postId, slug: networks.slug, name: networks.name })
    .from(postNetworks)
    .innerJoin(networks, eq(networks.id, postNetworks.networkId))
    .where(and(inArray(postNetworks.postId, postIds), networkVisibleTo(actor)))
    .orderBy(asc(networks.name));
  for (const r of rows) map.set(r.postId, [...(map.get(r.postId) ?? []), { slug: r.slug, name: r.name }]);
  return map;
}

/** The actor coordinates one of the post's networks (or is a platform admin). */
function managesPost(actor: Actor): SQL {
  return sql`exists (select 1 from ${postNetworks} mpn join ${networks} on ${networks.id} = mpn.network_id
    where mpn.post_id = ${posts.id} and ${managesNetwork(actor)})`;
}

/** The facts that decide who may change a post, read under the row lock when changing it. */
async function postFacts(actor: Actor, postId: string, executor: Tx | Database = db, lock = false) {
  if (!UUID.test(postId)) return null;
  const query = executor
    .select({
      id: posts.id,
      type: posts.type,
      authorId: posts.authorId,
      organisationId: posts.organisationId,
      version: posts.version,
      title: posts.title,
      body: posts.body,
      // Nested, so drizzle keeps the columns qualified (it drops table names in a one-table select list).
      manages: sql<boolean>`${managesPost(actor)}`,
    })
    .from(posts)
    .where(and(eq(posts.id, postId), postVisibleTo(actor)));
  const [row] = lock ? await query.for("update", { of: posts }) : await query;
  if (!row) return null;
  // DESIGN.md: members edit or delete what their own organisation posted; coordinators
  // may do everything within their network.
  const mayEdit =
    row.authorId === actor.userId ||
    actor.isPlatformAdmin ||
    row.manages ||
    (row.type === "update" && row.organisationId === actor.organisationId);
  return { ...row, mayEdit, mayDelete: mayEdit, mayPin: row.manages };
}

/** What the actor may do with a post, and its visible networks — without the page's side effects. */
export async function postPermissions(actor: Actor, postId: string) {
  const facts = await postFacts(actor, postId);
  if (!facts) return null;
  const where = await networksOf(actor, [postId]);
  return { mayEdit: facts.mayEdit, mayDelete: facts.mayDelete, networks: where.get(postId) ?? [] };
}

/** One post with its networks, comments and edit history; marks it read. Null when not visible. */
export async function getPost(actor: Actor, postId: string) {
  const facts = await postFacts(actor, postId);
  if (!facts) return null;
  const [[item], where, thread, history] = await Promise.all([
    db
      .select(itemColumns(actor))
      .from(posts)
      .innerJoin(users, eq(users.id, posts.authorId))
      .innerJoin(organisations, eq(organisations.id, posts.organisationId))
      .leftJoin(assignments, eq(assignments.id, posts.assignmentId))
      .where(eq(posts.id, postId)),
    networksOf(actor, [postId]),
    db
      .select({
        id: comments.id,
        parentId: comments.parentId,
        body: comments.body,
        createdAt: comments.createdAt,
        deletedAt: comments.deletedAt,
        authorId: comments.authorId,
        authorName: users.name,
        organisationName: organisations.name,
      })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(comments.postId, postId))
      .orderBy(asc(comments.createdAt)),
    db
      .select({ version: postRevisions.version, title: postRevisions.title, editedAt: postRevisions.editedAt, editorName: users.name })
      .from(postRevisions)
      .innerJoin(users, eq(users.id, postRevisions.editedBy))
      .where(eq(postRevisions.postId, postId))
      .orderBy(desc(postRevisions.version)),
  ]);
  await markRead(actor, [postId]);
  // Opening the post answers the notifications that pointed here.
  await markSubjectRead(actor, { postId });
  const visibleComments = thread.map((c) => ({
    ...c,
    // A removed comment keeps its place in the thread (its replies still make sense) but not its words.
    body: c.deletedAt ? "" : c.body,
    mayDelete: !c.deletedAt && (c.authorId === actor.userId || facts.manages || actor.isPlatformAdmin),
  }));
  const topLevel = visibleComments
    .filter((c) => c.parentId === null)
    .map((c) => ({ ...c, replies: visibleComments.filter((r) => r.parentId === c.id) }))
    .filter((c) => !c.deletedAt || c.replies.length > 0);
  return {
    post: { ...item!, body: facts.body, networks: where.get(postId) ?? [] },
    comments: topLevel,
    history,
    mayEdit: facts.mayEdit,
    mayDelete: facts.mayDelete,
    mayPin: facts.mayPin,
  };
}

export type EditResult =
  | { ok: true; version: number }
  | NotFound
  | Invalid
  | { ok: false; reason: "conflict"; current: { title: string; body: string; version: number } };

/** Saves an edit on top of the version the editor saw; the text it replaces goes to the history. */
export async function editPost(
  actor: Actor,
  postId: string,
  input: { title: string; body: string },
  expectedVersion: number,
  meta: Meta,
): Promise<EditResult> {
  const invalid = checkPostText(input.title, input.body);
  if (invalid) return invalid;
  return db.transaction(async (tx) => {
    const facts = await postFacts(actor, postId, tx, true);
    if (!facts || !facts.mayEdit) return { ok: false, reason: "not_found" } as const;
    if (facts.version !== expectedVersion) {
      return { ok: false, reason: "conflict", current: { title: facts.title, body: facts.body, version: facts.version } } as const;
    }
    await tx.insert(postRevisions).values({ postId, version: facts.version, title: facts.title, body: facts.body, editedBy: actor.userId });
    const now = new Date();
    await tx
      .update(posts)
      .set({ title: input.title.trim(), body: input.body, bodyHtml: renderMarkdown(input.body), version: facts.version + 1, updatedAt: now })
      .where(eq(posts.id, postId));
    await audit({ action: "post.edited", actor, targetType: "post", targetId: postId, ...meta, details: { version: facts.version + 1 } }, tx);
    return { ok: true, version: facts.version + 1 } as const;
  });
}

/** Soft deletion: the post leaves every feed and page; the row and its history stay, and the audit log says who. */
export async function deletePost(actor: Actor, postId: string, meta: Meta): Promise<boolean> {
  return db.transaction(async (tx) => {
    const facts = await postFacts(actor, postId, tx, true);
    if (!facts || !facts.mayDelete) return false;
    await tx.update(posts).set({ deletedAt: new Date(), deletedBy: actor.userId }).where(eq(posts.id, postId));
    await audit({ action: "post.deleted", actor, targetType: "post", targetId: postId, ...meta, details: { title: facts.title } }, tx);
    return true;
  });
}

export async function setPinned(actor: Actor, postId: string, pinned: boolean, meta: Meta): Promise<boolean> {
  return db.transaction(async (tx) => {
    const facts = await postFacts(actor, postId, tx, true);
    if (!facts || !facts.mayPin) return false;
    await tx.update(posts).set({ pinned }).where(eq(posts.id, postId));
    await audit({ action: pinned ? "post.pinned" : "post.unpinned", actor, targetType: "post", targetId: postId, ...meta }, tx);
    return true;
  });
}

export type CommentResult = { ok: true; id: string } | NotFound | { ok: false; reason: "invalid"; message: string };

/**
 * A comment, or a reply to one. Replies stay one level deep: answering a reply answers
 * the comment it belongs to. The post's author and the comment's author are notified.
 */
export async function addComment(actor: Actor, postId: string, body: string, parentId: string | null, meta: Meta): Promise<CommentResult> {
  const text = body.trim();
  if (!text) return { ok: false, reason: "invalid", message: "validation.required" };
  if (text.length > COMMENT_MAX) return { ok: false, reason: "invalid", message: `validation.tooLong|${COMMENT_MAX}` };
  if (parentId !== null && !UUID.test(parentId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const facts = await postFacts(actor, postId, tx);
    if (!facts) return { ok: false, reason: "not_found" } as const;
    // Answering a reply answers its thread: the reply's author and the thread's first author hear of it.
    let thread: { id: string; authorIds: string[] } | null = null;
    if (parentId) {
      const [row] = await tx
        .select({ id: comments.id, parentId: comments.parentId, authorId: comments.authorId })
        .from(comments)
        .where(and(eq(comments.id, parentId), eq(comments.postId, postId), isNull(comments.deletedAt)));
      if (!row) return { ok: false, reason: "not_found" } as const;
      const [root] = row.parentId
        ? await tx.select({ authorId: comments.authorId }).from(comments).where(eq(comments.id, row.parentId))
        : [row];
      thread = { id: row.parentId ?? row.id, authorIds: [row.authorId, root?.authorId ?? row.authorId] };
    }
    const [created] = await tx
      .insert(comments)
      .values({ postId, parentId: thread?.id ?? null, authorId: actor.userId, body: text })
      .returning({ id: comments.id });
    const repliedTo = (thread?.authorIds ?? []).filter((id) => id !== actor.userId);
    await notify(tx, repliedTo, { kind: "reply", postId, actorId: actor.userId });
    if (facts.authorId !== actor.userId && !repliedTo.includes(facts.authorId)) {
      await notify(tx, [facts.authorId], { kind: "comment", postId, actorId: actor.userId });
    }
    await audit({ action: "comment.created", actor, targetType: "post", targetId: postId, ...meta, details: { comment: created!.id } }, tx);
    return { ok: true, id: created!.id } as const;
  });
}

export async function deleteComment(actor: Actor, postId: string, commentId: string, meta: Meta): Promise<boolean> {
  if (!UUID.test(commentId)) return false;
  return db.transaction(async (tx) => {
    const facts = await postFacts(actor, postId, tx);
    if (!facts) return false;
    const [row] = await tx
      .select({ authorId: comments.authorId })
      .from(comments)
      .where(and(eq(comments.id, commentId), eq(comments.postId, postId), isNull(comments.deletedAt)));
    if (!row || !(row.authorId === actor.userId || facts.manages || actor.isPlatformAdmin)) return false;
    await tx.update(comments).set({ deletedAt: new Date() }).where(eq(comments.id, commentId));
    await audit({ action: "comment.deleted", actor, targetType: "post", targetId: postId, ...meta, details: { comment: commentId } }, tx);
    return true;
  });
}

/** The update as the API returns it. */
export async function apiUpdate(postId: string, origin: string) {
  const [row] = await db
    .select({
      id: posts.id,
      kind: posts.kind,
      title: posts.title,
      body: posts.body,
      createdAt: posts.createdAt,
      assignment: posts.assignmentId,
      organisation: organisations.name,
      author: users.name,
    })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .innerJoin(organisations, eq(organisations.id, posts.organisationId))
    .where(eq(posts.id, postId));
  if (!row) return null;
  const where = await db
    .select({ slug: networks.slug })
    .from(postNetworks)
    .innerJoin(networks, eq(networks.id, postNetworks.networkId))
    .where(eq(postNetworks.postId, postId));
  return { ...row, networks: where.map((n) => n.slug), url: `${origin}/updates/${row.id}` };
}

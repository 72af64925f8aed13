import fs from "node:fs";
import { validateSessionToken } from "~/auth/session.server";
import { actorOf } from "~/auth/policy";
import { decodeCursor, getDocumentPage, getLibraryPage, listTrash, linkedDocuments } from "~/models/library.server";
import { getFeed, getPost, recentPosts } from "~/models/posts.server";
import { getMeetingPage, listMeetings } from "~/models/meetings.server";
import { getMinutesPage } from "~/models/minutes.server";
import { listMyActionItems, listNetworkActionItems } from "~/models/action-items.server";
import { search } from "~/models/search.server";
import { getNetworkPage, listNetworksForActor } from "~/models/networks.server";
import { listNotifications, unreadNotificationCount } from "~/models/notifications.server";
import { digestContent } from "~/models/digest.server";
import { connection, db } from "~/lib/db.server";

const f = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8"));
const t = async <T>(name: string, fn: () => Promise<T>, show: (r: T) => unknown) => {
  const s = performance.now();
  const r = await fn();
  console.log(`${name.padEnd(34)} ${(performance.now() - s).toFixed(0).padStart(6)} ms  ${JSON.stringify(show(r))}`);
  return r;
};
const m = await validateSessionToken(f.member.sessionToken);
const c = await validateSessionToken(f.coordinator.sessionToken);
console.log("sessions", m?.user.email, m?.user.mfaRequired, m?.mfaPending, "|", c?.user.email, c?.user.mfaRequired, c?.user.mfaEnabled, c?.mfaPending);
const member = actorOf(m!.user);
const coord = actorOf(c!.user);
for (const [who, a] of [["member", member], ["coordinator", coord]] as const) {
  console.log(`--- ${who}`);
  await t("networks", () => listNetworksForActor(a), (r) => r.map((n) => n.slug));
  await t("network page", () => getNetworkPage(a, f.networkSlug), (r) => r && { people: r.people?.length, orgs: r.memberOrganisations?.length });
  await t("library root", () => getLibraryPage(a, f.networkSlug, null), (r) => r && { total: r.total, sub: r.subfolders.length, docs: r.documents.length });
  const big = await t("big folder p1", () => getLibraryPage(a, f.networkSlug, f.bigFolderId), (r) => r && { total: r.total, first: r.documents[0]?.title, next: !!r.next });
  await t("big folder deep", () => getLibraryPage(a, f.networkSlug, f.bigFolderId, decodeCursor(f.deepCursor)), (r) => r && { total: r.total, n: r.documents.length, first: r.documents[0]?.title, next: !!r.next });
  void big;
  await t("small folder", () => getLibraryPage(a, f.networkSlug, f.smallFolderId), (r) => r && { total: r.total, path: r.path.map((p) => p.name), n: r.documents.length });
  await t("document page", () => getDocumentPage(a, f.documentId), (r) => r && Object.keys(r).map((k) => `${k}:${Array.isArray((r as Record<string, unknown>)[k]) ? ((r as Record<string, unknown[]>)[k]!).length : typeof (r as Record<string, unknown>)[k]}`));
  await t("feed", () => getFeed(a, f.networkSlug, {}), (r) => r && { items: r.items.length, pinned: r.pinned.length, unread: r.items.filter((i) => i.unread).length, next: !!r.next });
  await t("update", () => getPost(a, f.updateId), (r) => r && { title: (r as { post?: { title: string } }).post?.title ?? Object.keys(r) });
  await t("linked docs of update", () => linkedDocuments(a, { postId: f.updateId }), (r) => r.length);
  await t("home recent", () => recentPosts(a), (r) => r.length);
  await t("meetings", () => listMeetings(a, f.networkSlug), (r) => r && { upcoming: r.upcoming.length, past: r.past.length });
  await t("meeting page", () => getMeetingPage(a, f.meetingId), (r) => r && { invitees: r.invitees.length, agenda: r.agenda.length, rsvp: r.myRsvp });
  await t("minutes page", () => getMinutesPage(a, f.meetingId), (r) => r && Object.keys(r));
  await t("my action items", () => listMyActionItems(a), (r) => r.length);
  await t("network action items", () => listNetworkActionItems(a, f.networkSlug), (r) => r && (Array.isArray(r) ? r.length : Object.keys(r)));
  await t("notifications", () => listNotifications(a), (r) => r.length);
  await t("unread notifications", () => unreadNotificationCount(a), (r) => r);
  if (who === "coordinator") await t("trash", () => listTrash(a, f.networkSlug), (r) => r && (Array.isArray(r) ? r.length : Object.keys(r)));
  for (const q of [f.searchTerms[0], f.searchTerms[15], f.searchTerms[35], "handlingsplanerna", "samverkan skola"]) {
    await t(`search ${q}`, () => search(a, { q }), (r) => ({ n: r.length, kinds: [...new Set(r.map((h) => h.kind))] }));
  }
  await t("digest week", () => db.transaction((tx) => digestContent(tx, a, new Date(Date.now() - 7 * 86400000), new Date())), (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.length : v])));
}
await connection.close();

/**
 * The world the access matrix (access-matrix.test.ts) runs in: the demo seed, the demo
 * library, and a second, unrelated corner of the portal built through the models — the
 * resource centre of Västernorrland with a new member organisation (Sundsvalls kommun)
 * whose contact keeps an assignment, posts an update and uploads a document there. None of
 * the matrix's roles except the platform admin can see anything in that corner, so its ids
 * are "foreign" to all of them.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, desc, eq, like, type SQL, sql } from "drizzle-orm";
import { actionItems, mailOutbox, meetings, notifications, organisations, posts } from "../../db/schema/index";
import { seedLibrary } from "../../db/seed-library";
import { createApiToken } from "~/auth/api-tokens.server";
import { actorOf, type Actor } from "~/auth/policy";
import { createSession } from "~/auth/session.server";
import { db, rowsOf } from "~/lib/db.server";
import { fsStorage } from "~/lib/storage.server";
import { getStorage, setStorage } from "~/lib/upload.server";
import { saveAssignment } from "~/models/assignments.server";
import { createFeed } from "~/models/calendar-feed.server";
import { acceptInvitation, createInvitation } from "~/models/invitations.server";
import { uploadNewDocument } from "~/models/library-upload.server";
import { createFolder, trashDocument } from "~/models/library.server";
import { createActionItem } from "~/models/action-items.server";
import { createMeeting } from "~/models/meetings.server";
import { saveOrganisation, setMemberOrganisation } from "~/models/network-admin.server";
import { reactivatePerson } from "~/models/people.server";
import { createAnnouncement, createUpdate } from "~/models/posts.server";
import { actorByEmail, networkBySlug, seedDemo, userByEmail } from "./demo";

export const ROLES = ["anonymous", "otherContact", "member", "orgAdmin", "otherCoordinator", "coordinator", "platformAdmin"] as const;
export type Role = (typeof ROLES)[number];
export type SignedInRole = Exclude<Role, "anonymous">;

/**
 * Who plays each role. The target is Myndighetsnätverket and Polismyndigheten:
 * - otherContact: Rädda Barnen's contact, who sees only the NGO network;
 * - member: a plain contact at Polismyndigheten (a member organisation);
 * - orgAdmin: Polismyndigheten's organisation admin;
 * - otherCoordinator: the coordinator of the Dalarna resource centre and its groups;
 * - coordinator: the coordinator of Myndighetsnätverket (and of the NGO network);
 * - platformAdmin: the platform admin.
 */
export const PEOPLE: Record<SignedInRole, string> = {
  otherContact: "raddabarnen@example.org",
  member: "mats.lindberg@example.org",
  orgAdmin: "polisen@example.org",
  otherCoordinator: "annika.hedlund@example.org",
  coordinator: "samordnare@example.org",
  platformAdmin: "admin@example.org",
};

export const OWN_SLUG = "myndighetsnatverket";
export const FOREIGN_SLUG = "resurscentrum-vasternorrland";
/** Well-formed but unknown. */
export const MISSING_ID = "00000000-0000-4000-8000-00000000abcd";
export const MISSING_SLUG = "finns-inte";
export const MISSING_TOKEN = "okand-lank-aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
/** Not even well-formed: no UUID, no slug, no token. */
export const MALFORMED = "inte ett id'--";

/**
 * Words that appear only in the titles of things a role may not see: every foreign title
 * carries the first (only platform admins may meet it), the restricted document's title the
 * second (only Myndighetsnätverket's coordinator may). No answer to anyone else may hold them.
 */
export const FOREIGN_MARK = "Zebrafink";
export const RESTRICTED_MARK = "Kungsörn";
export const MARKS: Record<string, readonly Role[]> = {
  [FOREIGN_MARK]: ["platformAdmin"],
  [RESTRICTED_MARK]: ["coordinator"],
};

export const meta = { ip: "127.0.0.1", userAgent: "access-matrix" };
const ORIGIN = "http://localhost";
const SUNDSVALL_EMAIL = "kontakt@sundsvall.example.org";

export interface World {
  /** The person of each signed-in role, as the models take them. */
  users: Record<SignedInRole, Actor & { id: string; email: string }>;
  /** A session (MFA passed) per signed-in role, as the cookie carries it. */
  tokens: Record<SignedInRole, string>;
  organisation: { own: string; otherOrg: string; foreign: string };
  assignment: { own: string; otherOrg: string; foreign: string };
  /** own: Polismyndigheten's internal document; otherOrg: Socialstyrelsen's internal one;
   *  restricted: Socialstyrelsen's restricted one shared with nobody; shared: the seed's
   *  restricted one shared with Polismyndigheten; foreign: Sundsvall's in Västernorrland. */
  document: { own: string; otherOrg: string; restricted: string; shared: string; foreign: string };
  folder: { own: string; foreign: string };
  /** Documents kept in the trash (a cell that restores one first puts it back). */
  trashed: { own: string; foreign: string };
  meeting: { own: string; past: string; foreign: string };
  update: { own: string; otherOrg: string; foreign: string };
  actionItem: { own: string; otherOrg: string; foreign: string };
  /** Sundsvall's contact: a person invited to nothing the roles see. */
  foreignPerson: string;
  feedToken: string;
  invitationToken: string;
  foreignApiToken: string;
  foreignSession: string;
  foreignNotification: string;
  /** Puts a document back in the trash if a cell restored it. */
  trash(documentId: string): Promise<void>;
  /** Reactivates Sundsvall's contact if a cell deactivated them. */
  reactivateForeignPerson(): Promise<void>;
  cleanup(): Promise<void>;
}

function multipart(fields: Record<string, string>, file?: { name: string; text: string }): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new Blob([file.text]), file.name);
  return new Request(`${ORIGIN}/upload`, { method: "POST", body: form });
}

async function upload(actor: Actor, slug: string, fields: Record<string, string>, text: string): Promise<string> {
  const outcome = await uploadNewDocument(multipart(fields, { name: "matris.txt", text }), actor, slug, meta);
  if (!outcome.ok) throw new Error(`fixture upload failed: ${outcome.error}`);
  return outcome.id;
}

async function firstId(query: SQL): Promise<string | undefined> {
  return (await rowsOf<{ id: string }>(query))[0]?.id;
}

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`fixture: ${what} is missing`);
  return value;
}

function ok<T extends { ok: boolean }>(outcome: T, what: string): Extract<T, { ok: true }> {
  if (!outcome.ok) throw new Error(`fixture: ${what} failed: ${JSON.stringify(outcome)}`);
  return outcome as Extract<T, { ok: true }>;
}

async function tokenMailedTo(email: string, marker: string): Promise<string> {
  const [mail] = await db
    .select({ text: mailOutbox.text })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, email), like(mailOutbox.text, `%${marker}%`)))
    .orderBy(desc(mailOutbox.id))
    .limit(1);
  const match = new RegExp(`${marker}([A-Za-z0-9_-]+)`).exec(mail?.text ?? "");
  return must(match?.[1], `token mailed to ${email}`);
}

export async function buildWorld(): Promise<World> {
  await seedDemo();
  const dir = await mkdtemp(path.join(os.tmpdir(), "np-access-"));
  setStorage(fsStorage(dir));
  await seedLibrary(db, getStorage());

  const userRows = Object.fromEntries(
    await Promise.all(Object.entries(PEOPLE).map(async ([role, email]) => [role, await userByEmail(email)] as const)),
  ) as Record<SignedInRole, Awaited<ReturnType<typeof userByEmail>>>;
  const tokens = Object.fromEntries(
    await Promise.all(
      Object.entries(userRows).map(async ([role, u]) => [role, (await createSession(u.id, { ip: meta.ip, userAgent: meta.userAgent })).token] as const),
    ),
  ) as Record<SignedInRole, string>;

  const admin = await actorByEmail("admin@example.org");
  const karin = await actorByEmail("karin.wallin@example.org");
  const therese = { ...(await actorByEmail("therese.norberg@example.org")), name: "Therese Norberg", locale: "sv" as const };

  // The foreign corner: Sundsvalls kommun joins Västernorrland's resource centre, and its contact
  // accepts an invitation the way anyone joins.
  const sundsvallOrg = ok(
    await saveOrganisation(admin, null, { name: "Sundsvalls kommun", shortName: "Sundsvall", kind: "municipality", orgNumber: "", website: "", requireMfa: false }, meta),
    "organisation",
  ).id!;
  ok(await setMemberOrganisation(admin, FOREIGN_SLUG, sundsvallOrg, true, meta), "membership");
  ok(await createInvitation(therese, { email: SUNDSVALL_EMAIL, organisationId: sundsvallOrg, name: "Sara Sundin" }, meta, ORIGIN), "invitation");
  const accepted = ok(
    await acceptInvitation(await tokenMailedTo(SUNDSVALL_EMAIL, "/invite/"), { name: "Sara Sundin", title: "Samordnare", password: "en lång fras om norrländska älvar" }, meta),
    "acceptance",
  );
  const sundsvall = actorOf(await userByEmail(SUNDSVALL_EMAIL));

  const foreignAssignment = must(
    await saveAssignment(sundsvall, null, { title: `Sundsvalls uppdrag ${FOREIGN_MARK}`, reference: "KS 2026/1", issuer: "Kommunstyrelsen", startDate: null, reportDueDate: null, status: "ongoing", description: "", link: "" }, meta),
    "foreign assignment",
  );
  const foreignUpdate = ok(
    await createUpdate(sundsvall, { networks: [FOREIGN_SLUG], title: `Läget i Sundsvall ${FOREIGN_MARK}`, body: "Inget att rapportera.", kind: "progress", assignmentId: foreignAssignment }, meta),
    "foreign update",
  ).id;
  const foreignFolder = ok(await createFolder(therese, FOREIGN_SLUG, null, `Västernorrlands mapp ${FOREIGN_MARK}`, meta), "foreign folder").id;
  const foreignDocument = await upload(sundsvall, FOREIGN_SLUG, { title: `Sundsvalls underlag ${FOREIGN_MARK}`, classification: "internal" }, "Underlag från Sundsvall.");
  const foreignTrashed = await upload(sundsvall, FOREIGN_SLUG, { title: `Sundsvalls kasserade ${FOREIGN_MARK}`, classification: "internal" }, "Kasserat.");
  await trashDocument(sundsvall, foreignTrashed, meta);
  const foreignMeeting = ok(
    await createMeeting(
      therese,
      FOREIGN_SLUG,
      { title: `Västernorrlands möte ${FOREIGN_MARK}`, description: "", place: "Härnösand", onlineLink: "", durationMinutes: 60, mode: "fixed", startsAt: new Date(Date.now() + 20 * 86_400_000) },
      meta,
      ORIGIN,
    ),
    "foreign meeting",
  ).meetingId;
  const foreignItem = ok(await createActionItem(therese, foreignMeeting, { title: `Västernorrlands åtgärd ${FOREIGN_MARK}`, assigneeId: accepted.userId }, meta), "foreign action item").id;
  ok(await createAnnouncement(therese, FOREIGN_SLUG, { title: `Västernorrlands meddelande ${FOREIGN_MARK}`, body: "", important: false, pinned: false }, meta, ORIGIN), "foreign announcement");

  // Myndighetsnätverket: Socialstyrelsen's own documents beside the seed's.
  const otherOrgDocument = await upload(karin, OWN_SLUG, { title: "Socialstyrelsens PM", classification: "internal" }, "Socialstyrelsens promemoria.");
  const restricted = await upload(karin, OWN_SLUG, { title: `Socialstyrelsens begränsade ${RESTRICTED_MARK}`, classification: "restricted", secrecyReference: "OSL 26 kap. 1 §" }, "Begränsat skyddsunderlag.");
  const ownTrashed = await upload(karin, OWN_SLUG, { title: "Kasserat utkast", classification: "internal" }, "Utkast.");
  await trashDocument(karin, ownTrashed, meta);

  const own = await networkBySlug(OWN_SLUG);
  const docByTitle = async (title: string) => must(await firstId(sql`select id from documents where title = ${title}`), title);
  const meetingByTitle = async (title: string) =>
    must((await db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.networkId, own.id), eq(meetings.title, title))))[0]?.id, title);
  const postByTitle = async (title: string) => must((await db.select({ id: posts.id }).from(posts).where(eq(posts.title, title)))[0]?.id, title);
  const orgByName = async (name: string) => must((await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)))[0]?.id, name);
  const itemByTitle = async (title: string) => must((await db.select({ id: actionItems.id }).from(actionItems).where(eq(actionItems.title, title)))[0]?.id, title);
  const assignmentOf = async (organisationId: string) =>
    must(await firstId(sql`select id from assignments where organisation_id = ${organisationId} order by created_at limit 1`), "assignment");

  const polisen = await orgByName("Polismyndigheten");
  const socialstyrelsen = await orgByName("Socialstyrelsen");

  // Someone else's secrets: an API token, a session and a notification of Sundsvall's contact.
  ok(await createApiToken(sundsvall, "Sundsvalls system", meta), "foreign api token");
  const foreignApiToken = must(await firstId(sql`select id from api_tokens where user_id = ${sundsvall.userId}`), "foreign api token");
  const foreignSession = (await createSession(sundsvall.userId, { ip: meta.ip })).id;
  const [notification] = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, sundsvall.userId)).limit(1);

  // A calendar subscription (of someone outside the roles, whose own account cells could
  // replace it), and a pending invitation into Polismyndigheten.
  const feedPath = await createFeed(karin, meta);
  const police = { ...actorOf(userRows.orgAdmin), name: "Petra Nyström", locale: "sv" as const };
  ok(await createInvitation(police, { email: "vantande@example.org", organisationId: polisen }, meta, ORIGIN), "pending invitation");

  return {
    users: Object.fromEntries(Object.entries(userRows).map(([role, u]) => [role, { ...actorOf(u), id: u.id, email: u.email }])) as World["users"],
    tokens,
    organisation: { own: polisen, otherOrg: socialstyrelsen, foreign: sundsvallOrg },
    assignment: { own: await assignmentOf(polisen), otherOrg: await assignmentOf(socialstyrelsen), foreign: foreignAssignment },
    document: {
      own: await docByTitle("Polismyndighetens handlingsplan 2026"),
      otherOrg: otherOrgDocument,
      restricted,
      shared: await docByTitle("Sammanställning av skyddsärenden (begränsad)"),
      foreign: foreignDocument,
    },
    folder: { own: must(await firstId(sql`select id from folders where network_id = ${own.id} and name = 'Handlingsplaner'`), "own folder"), foreign: foreignFolder },
    trashed: { own: ownTrashed, foreign: foreignTrashed },
    meeting: {
      own: await meetingByTitle("Myndighetsnätverkets nätverksmöte"),
      past: await meetingByTitle("Nätverksmöte om barnäktenskap"),
      foreign: foreignMeeting,
    },
    update: {
      own: await postByTitle("Nytt utbildningspaket för förundersökningsledare"),
      otherOrg: await postByTitle("Erfarenheter från pilotkommunerna"),
      foreign: foreignUpdate,
    },
    actionItem: {
      own: await itemByTitle("Lägesbild om hedersrelaterad brottslighet till nästa möte"),
      otherOrg: await itemByTitle("Utkast till gemensam vägledning om barnäktenskap"),
      foreign: foreignItem,
    },
    foreignPerson: sundsvall.userId,
    feedToken: must(/^\/calendar\/([^/]+)\//.exec(feedPath)?.[1], "feed token"),
    invitationToken: await tokenMailedTo("vantande@example.org", "/invite/"),
    foreignApiToken,
    foreignSession,
    foreignNotification: must(notification?.id, "foreign notification"),
    async trash(documentId: string) {
      // Through the model, as its owner; a document already in the trash stays there.
      await trashDocument(documentId === foreignTrashed ? sundsvall : karin, documentId, meta);
    },
    async reactivateForeignPerson() {
      await reactivatePerson(admin, sundsvall.userId, meta);
    },
    async cleanup() {
      setStorage(null);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The access matrix: for every loader and action of every route, what each role gets
 * for each kind of id. access-matrix.test.ts builds the route list from app/routes (as
 * Remix does), fails for any loader or action without an entry here, and runs every cell.
 *
 * Each expectation row lists the roles in this order (see access-fixtures.ts for who
 * plays them):
 *
 *   [anonymous, otherContact, member, orgAdmin, otherCoordinator, coordinator, platformAdmin]
 *
 * A cell is a status (a returned or thrown Response's status; 200 for plain data),
 * `L` for a redirect to the sign-in page, or `same(status)` when the answer must also
 * leave the database exactly as it was. Every cell that answers 4xx, and every anonymous
 * cell sent to the sign-in page, must leave the database unchanged as well. Cases marked
 * `badInput` must in addition say what is wrong (a message, an error key). And no answer
 * may contain a mark (MARKS in access-fixtures.ts) of something its role may not see.
 *
 * Id kinds (the target is Myndighetsnätverket and Polismyndigheten, the member's own):
 * - none: the route takes no id;
 * - own: Myndighetsnätverket's, or Polismyndigheten's (the member's organisation);
 * - otherOrg: Myndighetsnätverket's, but Socialstyrelsen's (another organisation in it);
 * - restricted: a restricted document there shared with nobody (so not with Polismyndigheten);
 * - shared: a restricted document there shared with Polismyndigheten;
 * - foreign: Västernorrland's resource centre's, or Sundsvalls kommun's (seen by nobody here
 *   but the platform admin);
 * - mixed: an own network or document in the path with a foreign id in the form or query;
 * - missing: a well-formed id (or slug, or token) that does not exist;
 * - malformed: an id that is not even well-formed (bad input: a clear 404, never a 500).
 *   Every case with a `missing` row runs it too, expecting the same.
 */
import { eq, sql } from "drizzle-orm";
import { apiTokens, assignments, networks, organisations, posts } from "../../db/schema/index";
import { createApiToken } from "~/auth/api-tokens.server";
import { createSession } from "~/auth/session.server";
import { db } from "~/lib/db.server";
import { FOREIGN_MARK, FOREIGN_SLUG, MALFORMED, meta, MISSING_ID, MISSING_SLUG, MISSING_TOKEN, OWN_SLUG, RESTRICTED_MARK, type Role, type World } from "./access-fixtures";

export const KINDS = ["none", "own", "otherOrg", "restricted", "shared", "foreign", "mixed", "missing", "malformed"] as const;
export type Kind = (typeof KINDS)[number];

export const L = "login" as const;
export interface Same {
  status: number;
  unchanged: true;
}
export const same = (status: number): Same => ({ status, unchanged: true });
export type Expected = number | typeof L | Same;
export type Row = readonly [Expected, Expected, Expected, Expected, Expected, Expected, Expected];

export interface Cell {
  w: World;
  kind: Kind;
  role: Role;
  /** The signed-in person of the role (undefined for anonymous). */
  user?: World["users"][Exclude<Role, "anonymous">];
  /** What `prepare` made for this cell. */
  extra: Record<string, string>;
}

export interface Payload {
  body: BodyInit;
  headers?: Record<string, string>;
}

export interface Case {
  /** What the cell sends, e.g. "intent=rsvp"; "" for a loader's plain request. */
  name: string;
  expect: Partial<Record<Kind, Row>>;
  params?: (c: Cell) => Record<string, string>;
  search?: (c: Cell) => Record<string, string>;
  body?: (c: Cell) => Payload | Promise<Payload>;
  headers?: Record<string, string>;
  /** Runs before the cell and outside its before/after comparison. */
  prepare?: (c: Cell) => Promise<Record<string, string> | void>;
  /** The cell signs in with a session of its own (for routes that end the session). */
  freshSession?: boolean;
  /** Bad input: every 4xx answer must carry a readable error. */
  badInput?: boolean;
  /** Tables a refused request may write by design (sign-in throttling and its audit). */
  mayWrite?: string[];
  /** Per id kind: the marks (see MARKS) these roles' answers must contain. */
  shows?: Partial<Record<Kind, Record<string, readonly Role[]>>>;
}

// ---------------------------------------------------------------------------------------
// Bodies and ids
// ---------------------------------------------------------------------------------------

export function form(fields: Record<string, string | string[]>): Payload {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
  return { body };
}

export function multipart(fields: Record<string, string>, file?: { name: string; text: string }): Payload {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("file", new Blob([file.text]), file.name);
  return { body };
}

export function json(value: unknown): Payload {
  return { body: JSON.stringify(value), headers: { "Content-Type": "application/json" } };
}

const FILE = { name: "matris.txt", text: "En rad text från accessmatrisen." };
let counter = 0;
/** Something new for each cell that creates a row with a unique name. */
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

type IdTable = Partial<Record<Kind, string>>;

function pick(table: IdTable, kind: Kind, what: string): string {
  const value = table[kind] ?? (kind === "missing" ? MISSING_ID : kind === "malformed" ? MALFORMED : undefined);
  if (value === undefined) throw new Error(`access matrix: no ${what} id for kind "${kind}"`);
  return value;
}

/** A form that resubmits a row's own values reads them from the own row when the id does not exist. */
const existing = (kind: Kind): Kind => (kind === "missing" || kind === "malformed" ? "own" : kind);
const slugs = (): IdTable => ({ own: OWN_SLUG, foreign: FOREIGN_SLUG, mixed: OWN_SLUG, missing: MISSING_SLUG });
/** A link's secret: the one given, an unknown one, or one that is not even well-formed. */
const token = (own?: (w: World) => string) => (c: Cell) => ({
  token: c.kind === "own" && own ? own(c.w) : c.kind === "malformed" ? MALFORMED : MISSING_TOKEN,
});
const slug = (c: Cell) => ({ slug: pick(slugs(), c.kind, "network") });
const idOf = (table: (w: World) => IdTable, what: string) => (c: Cell) => ({ id: pick(table(c.w), c.kind, what) });

const documentId = idOf((w) => ({ ...w.document, mixed: w.document.own }), "document");
const meetingId = idOf((w) => ({ own: w.meeting.own, mixed: w.meeting.own, foreign: w.meeting.foreign }), "meeting");
const pastMeetingId = idOf((w) => ({ own: w.meeting.past, mixed: w.meeting.past, foreign: w.meeting.foreign }), "meeting");
const updateId = idOf((w) => ({ ...w.update, mixed: w.update.own }), "update");
const assignmentId = idOf((w) => w.assignment, "assignment");
const organisationId = idOf((w) => w.organisation, "organisation");

/** The folder a request names in its form or query: the network's own, or (mixed) another network's. */
const folderFor = (c: Cell) => (c.kind === "mixed" ? c.w.folder.foreign : c.kind === "foreign" ? c.w.folder.foreign : c.w.folder.own);

// ---------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------

//                                  anon otherContact member orgAdmin otherCoord coordinator admin
const EVERYONE = (s: Expected): Row => [s, s, s, s, s, s, s];
const SIGNED_IN = (s: Expected): Row => [L, s, s, s, s, s, s];
const API_SIGNED_IN = (s: Expected): Row => [401, s, s, s, s, s, s];
const ADMIN_ONLY: Row = [L, 404, 404, 404, 404, 404, 200];
const NOBODY: Row = [L, 404, 404, 404, 404, 404, 404];
/** Whoever sees Myndighetsnätverket: its member organisations' contacts, its coordinator, platform admins. */
const SEES_OWN: Row = [L, 404, 200, 200, 404, 200, 200];
/** Only the platform admin sees Västernorrland's resource centre. */
const SEES_FOREIGN: Row = [L, 404, 404, 404, 404, 404, 200];
const MANAGES_OWN: Row = [L, 404, 404, 404, 404, 200, 200];
/** A restricted document: its owner, those it is shared with and the network's coordinators — not even a platform admin otherwise. */
const RESTRICTED: Row = [L, 404, 404, 404, 404, 200, 404];
const SHARED: Row = [L, 404, 200, 200, 404, 200, 404];

/** A network page's loader: the network's people see it, nobody else learns it exists. */
const networkPage = (params = slug): Case[] => [
  { name: "", params, expect: { own: SEES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } },
];
const managerPage = (params = slug): Case[] => [
  { name: "", params, expect: { own: MANAGES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } },
];

async function currentOrganisation(id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export const matrix: Record<string, Case[]> = {
  "root loader": [{ name: "", expect: { none: EVERYONE(200) } }],

  "routes/$ loader": [{ name: "", params: () => ({ "*": "finns/inte" }), expect: { none: EVERYONE(404) } }],
  "routes/$ action": [{ name: "", params: () => ({ "*": "finns/inte" }), body: () => form({}), expect: { none: EVERYONE(same(404)) } }],

  "routes/_index loader": [{ name: "", expect: { none: SIGNED_IN(200) } }],
  "routes/search loader": [
    { name: "", search: () => ({ q: "handlingsplan" }), expect: { none: SIGNED_IN(200) } },
    // Words of the foreign and the restricted documents: found only by those who may see them.
    { name: "q=Sundsvall", search: () => ({ q: "Sundsvall" }), shows: { none: { [FOREIGN_MARK]: ["platformAdmin"] } }, expect: { none: SIGNED_IN(200) } },
    { name: "q=skyddsunderlag", search: () => ({ q: "skyddsunderlag" }), shows: { none: { [RESTRICTED_MARK]: ["coordinator"] } }, expect: { none: SIGNED_IN(200) } },
    // Filters naming another network's things give an empty answer, not an error.
    { name: "filtered by a foreign network", search: () => ({ q: "Sundsvall", network: FOREIGN_SLUG }), expect: { foreign: SIGNED_IN(200) } },
    // A day that does not exist is the person's mistake (400 with a message), never a 500.
    { name: "from=2026-13-45", badInput: true, search: () => ({ q: "handlingsplan", from: "2026-13-45" }), expect: { none: SIGNED_IN(400) } },
    { name: "to=2026-02-30", badInput: true, search: () => ({ q: "handlingsplan", to: "2026-02-30" }), expect: { none: SIGNED_IN(400) } },
  ],
  "routes/healthz loader": [{ name: "", expect: { none: EVERYONE(200) } }],
  "routes/notifications loader": [{ name: "", expect: { none: SIGNED_IN(200) } }],
  "routes/notifications action": [
    { name: "all read", body: () => form({}), expect: { none: SIGNED_IN(200) } },
    // Another person's notification id is simply not one's own: nothing happens to it.
    { name: "id of another person's", body: (c) => form({ id: c.w.foreignNotification }), expect: { foreign: SIGNED_IN(same(200)) } },
  ],

  // --- Account -------------------------------------------------------------------------
  "routes/account loader": [{ name: "", expect: { none: SIGNED_IN(200) } }],
  "routes/account action": [
    { name: "intent=digest", body: () => form({ intent: "digest", digest: "weekly" }), expect: { none: SIGNED_IN(200) } },
    {
      name: "intent=revokeToken",
      prepare: async (c) => {
        if (!c.user) return { token: MISSING_ID };
        await createApiToken(c.user, unique("matris"), meta);
        const [row] = await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.userId, c.user.id)).orderBy(sql`${apiTokens.createdAt} desc`).limit(1);
        return { token: row!.id };
      },
      body: (c) => form({ intent: "revokeToken", id: c.kind === "own" ? c.extra.token! : c.w.foreignApiToken }),
      expect: { own: SIGNED_IN(200), foreign: SIGNED_IN(404) },
    },
    { name: "bad digest", badInput: true, body: () => form({ intent: "digest", digest: "hourly" }), expect: { none: SIGNED_IN(400) } },
    { name: "bad profile", badInput: true, body: () => form({ intent: "profile", name: "", locale: "xx" }), expect: { none: SIGNED_IN(400) } },
  ],
  "routes/account_.calendar loader": [{ name: "", expect: { none: SIGNED_IN(200) } }],
  "routes/account_.calendar action": [
    { name: "intent=revoke", body: () => form({ intent: "revoke" }), expect: { none: SIGNED_IN(200) } },
    { name: "intent=create", body: () => form({ intent: "create" }), expect: { none: SIGNED_IN(200) } },
    { name: "unknown intent", badInput: true, body: () => form({ intent: "steal" }), expect: { none: SIGNED_IN(400) } },
  ],
  "routes/account_.mfa loader": [{ name: "", expect: { none: SIGNED_IN(200) } }],
  "routes/account_.mfa action": [
    { name: "regenerate, wrong password", badInput: true, body: () => form({ intent: "regenerate", password: "inte lösenordet" }), expect: { none: SIGNED_IN(400) } },
    { name: "unknown intent", badInput: true, body: () => form({ intent: "steal", password: "x" }), expect: { none: SIGNED_IN(400) } },
  ],
  "routes/account_.sessions loader": [{ name: "", expect: { none: SIGNED_IN(200) } }],
  "routes/account_.sessions action": [
    {
      name: "end a session",
      prepare: async (c) => ({ session: c.user ? (await createSession(c.user.id, { ip: meta.ip })).id : MISSING_ID }),
      body: (c) => form({ sessionId: c.kind === "own" ? c.extra.session! : c.w.foreignSession }),
      expect: { own: SIGNED_IN(200), foreign: SIGNED_IN(404) },
    },
  ],
  "routes/action-items loader": [{ name: "", expect: { none: SIGNED_IN(200) } }],
  "routes/action-items action": [
    {
      name: "status=open",
      body: (c) => form({ itemId: pick({ ...c.w.actionItem }, c.kind, "action item"), status: "open" }),
      expect: {
        // Polismyndigheten's item: its people, and whoever writes the minutes.
        own: [L, 404, 200, 200, 404, 200, 200],
        otherOrg: [L, 404, 404, 404, 404, 200, 200],
        foreign: SEES_FOREIGN,
        missing: NOBODY,
      },
    },
    { name: "unknown status", badInput: true, body: (c) => form({ itemId: c.w.actionItem.own, status: "halvklar" }), expect: { own: SIGNED_IN(400) } },
  ],

  // --- Sign-in and public token pages ---------------------------------------------------
  "routes/login loader": [{ name: "", expect: { none: [200, 302, 302, 302, 302, 302, 302] } }],
  "routes/login action": [
    {
      name: "wrong password",
      // A new unknown address each time, so that the per-account throttle never answers 429.
      body: () => form({ email: `${unique("ingen")}@example.org`, password: "fel lösenord" }),
      mayWrite: ["throttle_counters", "audit_events"],
      expect: { none: EVERYONE(400) },
    },
    { name: "malformed e-mail", badInput: true, body: () => form({ email: "inte en adress", password: "x" }), expect: { none: EVERYONE(400) } },
  ],
  "routes/login_.mfa loader": [{ name: "", expect: { none: [L, 302, 302, 302, 302, 302, 302] } }],
  "routes/login_.mfa action": [{ name: "code", body: () => form({ code: "123456" }), expect: { none: [L, same(302), same(302), same(302), same(302), same(302), same(302)] } }],
  "routes/logout loader": [{ name: "", expect: { none: EVERYONE(302) } }],
  "routes/logout action": [{ name: "", freshSession: true, body: () => form({}), expect: { none: EVERYONE(L) } }],
  "routes/language loader": [{ name: "", expect: { none: EVERYONE(302) } }],
  "routes/language action": [
    { name: "locale=sv", body: () => form({ locale: "sv", redirectTo: "/" }), expect: { none: EVERYONE(302) } },
    { name: "unknown locale", badInput: true, body: () => form({ locale: "xx", redirectTo: "/" }), expect: { none: EVERYONE(same(400)) } },
  ],
  "routes/forgot-password action": [
    { name: "unknown address", body: () => form({ email: "ingen@example.org" }), expect: { none: EVERYONE(200) } },
    { name: "malformed e-mail", badInput: true, body: () => form({ email: "x" }), expect: { none: EVERYONE(same(400)) } },
  ],
  "routes/reset-password.$token loader": [{ name: "", params: token(), expect: { missing: EVERYONE(410) } }],
  "routes/reset-password.$token action": [
    { name: "unknown link", params: token(), body: () => form({ password: "en lång och bra fras", confirm: "en lång och bra fras" }), expect: { missing: EVERYONE(same(302)) } },
    { name: "mismatch", badInput: true, params: token(), body: () => form({ password: "en lång och bra fras", confirm: "en annan fras" }), expect: { missing: EVERYONE(same(400)) } },
  ],
  "routes/invite.$token loader": [
    { name: "", params: token((w) => w.invitationToken), expect: { own: EVERYONE(200), missing: EVERYONE(404) } },
  ],
  "routes/invite.$token action": [
    { name: "unknown link", params: token(), body: () => form({ name: "Ny Person", password: "en lång och bra fras", confirm: "en lång och bra fras" }), expect: { missing: EVERYONE(same(302)) } },
    { name: "mismatch", badInput: true, params: token((w) => w.invitationToken), body: () => form({ name: "Ny Person", password: "en lång och bra fras", confirm: "en annan fras" }), expect: { own: EVERYONE(same(400)) } },
  ],
  "routes/calendar.$token.meetings[.]ics loader": [
    // The secret in the URL is the only credential: the cookie does not matter.
    { name: "", params: token((w) => w.feedToken), expect: { own: EVERYONE(200), missing: EVERYONE(404) } },
  ],

  // --- Administration ---------------------------------------------------------------------
  "routes/admin.audit loader": [{ name: "", expect: { none: ADMIN_ONLY } }],
  "routes/admin.audit[.]csv loader": [{ name: "", expect: { none: ADMIN_ONLY } }],
  "routes/admin.outbox loader": [{ name: "", expect: { none: ADMIN_ONLY } }],
  "routes/admin.networks loader": [{ name: "", expect: { none: ADMIN_ONLY } }],
  "routes/admin.networks action": [
    { name: "new network", body: () => form({ name: "Matrisnätverket", slug: unique("matris"), description: "", kind: "authority_network" }), expect: { none: [L, 404, 404, 404, 404, 404, 302] } },
    { name: "bad slug", badInput: true, body: () => form({ name: "Matris", slug: "Inte OK!", kind: "authority_network" }), expect: { none: [L, 404, 404, 404, 404, 404, 400] } },
  ],
  "routes/admin.organisations loader": [{ name: "", expect: { none: ADMIN_ONLY } }],
  "routes/admin.organisations action": [
    { name: "new organisation", body: () => form({ name: unique("Matrisorganisationen"), shortName: "Matris", kind: "other" }), expect: { none: ADMIN_ONLY } },
    { name: "no name", badInput: true, body: () => form({ name: "", shortName: "Matris", kind: "other" }), expect: { none: [L, 404, 404, 404, 404, 404, 400] } },
  ],
  "routes/admin.organisations_.$id loader": [{ name: "", params: organisationId, expect: { own: ADMIN_ONLY, foreign: ADMIN_ONLY, missing: NOBODY } }],
  "routes/admin.organisations_.$id action": [
    {
      name: "save unchanged",
      params: organisationId,
      body: async (c) => {
        const o = (await currentOrganisation(pick(c.w.organisation, existing(c.kind), "organisation")))!;
        return form({ name: o.name, shortName: o.shortName, kind: o.kind, orgNumber: o.orgNumber ?? "", website: o.website ?? "", ...(o.requireMfa ? { requireMfa: "on" } : {}) });
      },
      expect: { own: ADMIN_ONLY, foreign: ADMIN_ONLY, missing: NOBODY },
    },
    { name: "no name", badInput: true, params: organisationId, body: () => form({ name: "", shortName: "X", kind: "other" }), expect: { own: [L, 404, 404, 404, 404, 404, 400] } },
  ],

  // --- Networks ---------------------------------------------------------------------------
  "routes/networks.$slug loader": networkPage(),
  "routes/networks.$slug_.action-items loader": networkPage(),
  "routes/networks.$slug_.updates loader": networkPage(),
  "routes/networks.$slug_.meetings._index loader": [
    { name: "", params: slug, expect: { own: SEES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } },
    { name: "month view", params: slug, search: () => ({ view: "month" }), expect: { own: SEES_OWN, foreign: SEES_FOREIGN } },
  ],
  "routes/networks.$slug_.manage loader": managerPage(),
  "routes/networks.$slug_.manage action": [
    {
      name: "intent=details (unchanged)",
      params: slug,
      body: async (c) => {
        const [n] = await db.select().from(networks).where(eq(networks.slug, c.kind === "foreign" ? FOREIGN_SLUG : OWN_SLUG));
        return form({ intent: "details", name: n!.name, description: n!.description });
      },
      expect: { own: MANAGES_OWN, foreign: SEES_FOREIGN, missing: NOBODY },
    },
    { name: "intent=add-member of a missing organisation", params: slug, body: () => form({ intent: "add-member", organisationId: MISSING_ID }), expect: { own: NOBODY } },
    { name: "bad details", badInput: true, params: slug, body: () => form({ intent: "details", name: "", description: "" }), expect: { own: SIGNED_IN(400) } },
  ],
  "routes/networks.$slug_.announcements.new loader": managerPage(),
  "routes/networks.$slug_.announcements.new action": [
    { name: "announce", params: slug, body: () => form({ title: "Matrismeddelande", body: "Text." }), expect: { own: [L, 404, 404, 404, 404, 302, 302], foreign: [L, 404, 404, 404, 404, 404, 302], missing: NOBODY } },
    { name: "no title", badInput: true, params: slug, body: () => form({ title: "", body: "Text." }), expect: { own: SIGNED_IN(400) } },
  ],
  "routes/networks.$slug_.meetings.new loader": managerPage(),
  "routes/networks.$slug_.meetings.new action": [
    {
      name: "fixed time",
      params: slug,
      body: () => form({ title: "Matrismöte", durationMinutes: "60", mode: "fixed", startsAt: "2031-03-04 10:00" }),
      expect: { own: [L, 404, 404, 404, 404, 302, 302], foreign: [L, 404, 404, 404, 404, 404, 302], missing: NOBODY },
    },
    { name: "no time", badInput: true, params: slug, body: () => form({ title: "Matrismöte", durationMinutes: "60", mode: "fixed" }), expect: { own: SIGNED_IN(400) } },
  ],

  // --- Library ----------------------------------------------------------------------------
  "routes/networks.$slug_.library loader": [
    {
      name: "",
      params: slug,
      search: (c): Record<string, string> => (c.kind === "mixed" ? { folder: c.w.folder.foreign } : {}),
      // mixed: Västernorrland's folder asked for in Myndighetsnätverket's library.
      expect: { own: SEES_OWN, foreign: SEES_FOREIGN, mixed: NOBODY, missing: NOBODY },
      // The restricted document lies at the library's root: its coordinator sees it listed.
      shows: { own: { [RESTRICTED_MARK]: ["coordinator"] }, foreign: { [FOREIGN_MARK]: ["platformAdmin"] } },
    },
  ],
  "routes/networks.$slug_.library action": [
    {
      name: "intent=createFolder",
      params: slug,
      body: (c) => form({ intent: "createFolder", name: unique("Matrismapp"), ...(c.kind === "mixed" ? { folder: c.w.folder.foreign } : {}) }),
      expect: { own: SEES_OWN, foreign: SEES_FOREIGN, mixed: NOBODY, missing: NOBODY },
    },
    { name: "intent=renameFolder (the seed's folder)", params: slug, body: (c) => form({ intent: "renameFolder", target: folderFor(c), name: "Handlingsplaner" }), expect: { own: MANAGES_OWN, mixed: NOBODY } },
    { name: "bad folder name", badInput: true, params: slug, body: () => form({ intent: "createFolder", name: "../etc" }), expect: { own: SIGNED_IN(400) } },
  ],
  "routes/networks.$slug_.library_.trash loader": managerPage(),
  "routes/networks.$slug_.library_.trash action": [
    {
      name: "restore",
      params: slug,
      prepare: async (c) => {
        if (c.kind !== "missing") await c.w.trash(c.kind === "own" ? c.w.trashed.own : c.w.trashed.foreign);
      },
      body: (c) => form({ document: pick({ own: c.w.trashed.own, foreign: c.w.trashed.foreign, mixed: c.w.trashed.foreign }, c.kind, "trashed document") }),
      // mixed: Västernorrland's trashed document restored through Myndighetsnätverket's trash.
      expect: { own: MANAGES_OWN, foreign: SEES_FOREIGN, mixed: NOBODY, missing: NOBODY },
    },
  ],
  "routes/networks.$slug_.library_.upload loader": [{ name: "", params: slug, expect: { own: EVERYONE(405), missing: EVERYONE(405) } }],
  "routes/networks.$slug_.library_.upload action": [
    {
      name: "new document",
      params: slug,
      body: (c) => multipart({ title: "Matrisdokument", classification: "internal", ...(c.kind === "mixed" ? { folder: c.w.folder.foreign } : {}) }, FILE),
      expect: { own: [L, 404, 302, 302, 404, 302, 302], foreign: [L, 404, 404, 404, 404, 404, 302], mixed: NOBODY, missing: NOBODY },
    },
    {
      name: "no file",
      badInput: true,
      params: slug,
      headers: { Accept: "application/json" },
      body: () => multipart({ title: "Utan fil" }),
      expect: { own: [L, 404, 400, 400, 404, 400, 400] },
    },
  ],
  "routes/documents.$id loader": [
    {
      name: "",
      params: documentId,
      expect: {
        own: SEES_OWN,
        otherOrg: SEES_OWN,
        // Restricted: the owner, those it is shared with, and the network's coordinators —
        // not even a platform admin otherwise.
        restricted: RESTRICTED,
        shared: SHARED,
        foreign: SEES_FOREIGN,
        missing: NOBODY,
      },
    },
  ],
  "routes/documents.$id action": [
    {
      name: "intent=move (to the library's root)",
      params: documentId,
      body: (c) => form({ intent: "move", folder: c.kind === "mixed" ? c.w.folder.foreign : "" }),
      expect: {
        // Members change what their own organisation posted; coordinators everything.
        own: SEES_OWN,
        otherOrg: MANAGES_OWN,
        restricted: RESTRICTED,
        foreign: SEES_FOREIGN,
        // mixed: moved into another network's folder.
        mixed: NOBODY,
        missing: NOBODY,
      },
    },
    { name: "bad title", badInput: true, params: documentId, body: () => form({ intent: "edit", title: "", classification: "internal", revision: "1" }), expect: { own: SIGNED_IN(400) } },
    { name: "unknown intent", badInput: true, params: documentId, body: () => form({ intent: "explode" }), expect: { own: SIGNED_IN(400) } },
  ],
  "routes/documents.$id_.download loader": [
    {
      name: "",
      params: documentId,
      expect: {
        own: SEES_OWN,
        otherOrg: SEES_OWN,
        restricted: RESTRICTED,
        shared: SHARED,
        foreign: SEES_FOREIGN,
        missing: NOBODY,
      },
    },
  ],
  "routes/documents.$id_.upload loader": [{ name: "", params: documentId, expect: { own: EVERYONE(405), missing: EVERYONE(405) } }],
  "routes/documents.$id_.upload action": [
    {
      name: "new version",
      params: documentId,
      body: () => multipart({}, FILE),
      expect: {
        own: [L, 404, 302, 302, 404, 302, 302],
        otherOrg: [L, 404, 404, 404, 404, 302, 302],
        restricted: [L, 404, 404, 404, 404, 302, 404],
        foreign: [L, 404, 404, 404, 404, 404, 302],
        missing: NOBODY,
      },
    },
    { name: "no file", badInput: true, params: documentId, headers: { Accept: "application/json" }, body: () => multipart({}), expect: { own: [L, 404, 400, 400, 404, 400, 400] } },
  ],

  // --- API --------------------------------------------------------------------------------
  "routes/api.v1.networks loader": [{ name: "", expect: { none: API_SIGNED_IN(200) } }],
  "routes/api.v1.networks.$slug.documents loader": [
    {
      name: "",
      params: slug,
      search: (c): Record<string, string> => (c.kind === "mixed" ? { folder: c.w.folder.foreign } : {}),
      expect: {
        own: [401, 404, 200, 200, 404, 200, 200],
        foreign: [401, 404, 404, 404, 404, 404, 200],
        mixed: API_SIGNED_IN(404),
        missing: API_SIGNED_IN(404),
      },
    },
  ],
  "routes/api.v1.networks.$slug.documents action": [
    {
      name: "new document",
      params: slug,
      body: (c) => multipart({ title: "API-dokument", classification: "internal", ...(c.kind === "mixed" ? { folder: c.w.folder.foreign } : {}) }, FILE),
      expect: {
        own: [401, 404, 201, 201, 404, 201, 201],
        foreign: [401, 404, 404, 404, 404, 404, 201],
        mixed: API_SIGNED_IN(404),
        missing: API_SIGNED_IN(404),
      },
    },
    { name: "bad classification", badInput: true, params: slug, body: () => multipart({ classification: "hemlig" }, FILE), expect: { own: [401, 404, 400, 400, 404, 400, 400] } },
  ],
  "routes/api.v1.documents.$id.content loader": [
    {
      name: "",
      params: documentId,
      expect: {
        own: [401, 404, 200, 200, 404, 200, 200],
        otherOrg: [401, 404, 200, 200, 404, 200, 200],
        restricted: [401, 404, 404, 404, 404, 200, 404],
        shared: [401, 404, 200, 200, 404, 200, 404],
        foreign: [401, 404, 404, 404, 404, 404, 200],
        missing: API_SIGNED_IN(404),
      },
    },
  ],
  "routes/api.v1.documents.$id.versions loader": [{ name: "", params: documentId, expect: { own: EVERYONE(405), missing: EVERYONE(405) } }],
  "routes/api.v1.documents.$id.versions action": [
    {
      name: "new version",
      params: documentId,
      body: () => multipart({}, FILE),
      expect: {
        own: [401, 404, 201, 201, 404, 201, 201],
        otherOrg: [401, 404, 404, 404, 404, 201, 201],
        restricted: [401, 404, 404, 404, 404, 201, 404],
        foreign: [401, 404, 404, 404, 404, 404, 201],
        missing: API_SIGNED_IN(404),
      },
    },
    { name: "no file", badInput: true, params: documentId, body: () => multipart({}), expect: { own: [401, 404, 400, 400, 404, 400, 400] } },
  ],
  "routes/api.v1.updates loader": [{ name: "", expect: { none: EVERYONE(405) } }],
  "routes/api.v1.updates action": [
    {
      name: "new update",
      body: (c) => json({ network: pick(slugs(), c.kind, "network"), title: "Via API", ...(c.kind === "mixed" ? { assignment: c.w.assignment.foreign } : {}) }),
      expect: {
        // Posting needs the organisation's membership (or a named place): seeing is not enough,
        // so not even a platform admin posts to Västernorrland.
        own: [401, 404, 201, 201, 404, 201, 201],
        foreign: API_SIGNED_IN(404),
        // mixed: to Myndighetsnätverket, tied to Sundsvall's assignment.
        mixed: API_SIGNED_IN(404),
        missing: API_SIGNED_IN(404),
      },
    },
    { name: "empty title", badInput: true, body: () => json({ network: OWN_SLUG, title: " " }), expect: { own: API_SIGNED_IN(400) } },
    { name: "not JSON", badInput: true, body: () => ({ body: "{", headers: { "Content-Type": "application/json" } }), expect: { own: API_SIGNED_IN(400) } },
  ],

  // --- Meetings ---------------------------------------------------------------------------
  "routes/meetings.$id loader": [{ name: "", params: meetingId, expect: { own: SEES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } }],
  "routes/meetings.$id_.calendar[.]ics loader": [{ name: "", params: meetingId, expect: { own: SEES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } }],
  "routes/meetings.$id action": [
    { name: "intent=rsvp", params: meetingId, body: () => form({ intent: "rsvp", answer: "attend" }), expect: { own: SEES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } },
    {
      name: "intent=linkDocument",
      params: meetingId,
      // mixed: Västernorrland's document linked to Myndighetsnätverket's meeting.
      body: (c) => form({ intent: "linkDocument", document: c.kind === "own" ? c.w.document.own : c.w.document.foreign }),
      expect: { own: MANAGES_OWN, foreign: SEES_FOREIGN, mixed: NOBODY, missing: NOBODY },
    },
    { name: "intent=agenda-add", params: meetingId, body: () => form({ intent: "agenda-add", title: "Matrispunkt" }), expect: { own: MANAGES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } },
    { name: "bad answer", badInput: true, params: meetingId, body: () => form({ intent: "rsvp", answer: "kanske" }), expect: { own: SIGNED_IN(400) } },
    { name: "unknown intent", badInput: true, params: meetingId, body: () => form({ intent: "explode" }), expect: { own: SIGNED_IN(400) } },
  ],
  "routes/meetings.$id_.minutes loader": [{ name: "", params: pastMeetingId, expect: { own: SEES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } }],
  "routes/meetings.$id_.minutes action": [
    {
      name: "intent=add-action",
      params: pastMeetingId,
      // mixed: the assignee is Sundsvall's contact, who was never invited.
      body: (c) => form({ intent: "add-action", title: "Matrisåtgärd", ...(c.kind === "mixed" ? { assigneeId: c.w.foreignPerson } : {}) }),
      expect: { own: MANAGES_OWN, foreign: SEES_FOREIGN, mixed: NOBODY, missing: NOBODY },
    },
    { name: "intent=preview", params: pastMeetingId, body: () => form({ intent: "preview", body: "# Utkast", version: "0" }), expect: { own: MANAGES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } },
    { name: "no title", badInput: true, params: pastMeetingId, body: () => form({ intent: "add-action", title: "" }), expect: { own: SIGNED_IN(400) } },
    { name: "unknown intent", badInput: true, params: pastMeetingId, body: () => form({ intent: "explode" }), expect: { own: SIGNED_IN(400) } },
  ],

  // --- Updates and assignments --------------------------------------------------------------
  "routes/updates.$id loader": [{ name: "", params: updateId, expect: { own: SEES_OWN, otherOrg: SEES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } }],
  "routes/updates.$id action": [
    {
      name: "intent=comment",
      params: updateId,
      body: () => form({ intent: "comment", body: "En kommentar från matrisen." }),
      expect: { own: [L, 404, 302, 302, 404, 302, 302], otherOrg: [L, 404, 302, 302, 404, 302, 302], foreign: [L, 404, 404, 404, 404, 404, 302], missing: NOBODY },
    },
    {
      name: "intent=linkDocument",
      params: updateId,
      // mixed: Västernorrland's document linked to Polismyndigheten's update in Myndighetsnätverket.
      body: (c) => form({ intent: "linkDocument", document: c.kind === "own" ? c.w.document.own : c.w.document.foreign }),
      expect: { own: SEES_OWN, foreign: SEES_FOREIGN, mixed: NOBODY, missing: NOBODY },
    },
    { name: "intent=pin", params: updateId, body: () => form({ intent: "pin" }), expect: { own: MANAGES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } },
    { name: "empty comment", badInput: true, params: updateId, body: () => form({ intent: "comment", body: " " }), expect: { own: SIGNED_IN(400) } },
  ],
  "routes/updates.$id_.edit loader": [
    { name: "", params: updateId, expect: { own: SEES_OWN, otherOrg: MANAGES_OWN, foreign: SEES_FOREIGN, missing: NOBODY } },
  ],
  "routes/updates.$id_.edit action": [
    {
      name: "save unchanged",
      params: updateId,
      body: async (c) => {
        const [p] = await db.select().from(posts).where(eq(posts.id, pick(c.w.update, existing(c.kind), "update")));
        return form({ title: p!.title, body: p!.body, version: String(p!.version) });
      },
      expect: { own: [L, 404, 302, 302, 404, 302, 302], otherOrg: [L, 404, 404, 404, 404, 302, 302], foreign: [L, 404, 404, 404, 404, 404, 302], missing: NOBODY },
    },
    { name: "no title", badInput: true, params: updateId, body: () => form({ title: "", body: "", version: "1" }), expect: { own: SIGNED_IN(400) } },
  ],
  "routes/updates.new loader": [{ name: "", expect: { none: SIGNED_IN(200) } }],
  "routes/updates.new action": [
    {
      name: "new update",
      body: (c) => form({ networks: pick(slugs(), c.kind, "network"), kind: "progress", title: "Matrisrapport", ...(c.kind === "mixed" ? { assignment: c.w.assignment.foreign } : {}) }),
      expect: { own: [L, 404, 302, 302, 404, 302, 302], foreign: NOBODY, mixed: NOBODY, missing: NOBODY },
    },
    { name: "no network", badInput: true, body: () => form({ kind: "progress", title: "Matrisrapport" }), expect: { none: SIGNED_IN(400) } },
  ],
  "routes/assignments._index loader": [{ name: "", expect: { none: SIGNED_IN(200) } }],
  "routes/assignments.new loader": [{ name: "", expect: { none: SIGNED_IN(200) } }],
  "routes/assignments.new action": [
    { name: "new assignment", body: () => form({ title: "Matrisuppdrag", status: "ongoing" }), expect: { none: SIGNED_IN(302) } },
    { name: "due before start", badInput: true, body: () => form({ title: "Matrisuppdrag", status: "ongoing", startDate: "2026-05-01", reportDueDate: "2026-01-01" }), expect: { none: SIGNED_IN(400) } },
  ],
  "routes/assignments.$id loader": [
    {
      name: "",
      params: assignmentId,
      // Whoever sees a network the organisation is a member of sees its register entries.
      expect: { own: SEES_OWN, otherOrg: SEES_OWN, foreign: SEES_FOREIGN, missing: NOBODY },
    },
  ],
  "routes/assignments.$id action": [
    {
      name: "save unchanged",
      params: assignmentId,
      body: async (c) => {
        const [a] = await db.select().from(assignments).where(eq(assignments.id, pick(c.w.assignment, existing(c.kind), "assignment")));
        return form({ title: a!.title, reference: a!.reference, issuer: a!.issuer, status: a!.status, description: a!.description, ...(a!.startDate ? { startDate: a!.startDate } : {}), ...(a!.reportDueDate ? { reportDueDate: a!.reportDueDate } : {}), ...(a!.link ? { link: a!.link } : {}) });
      },
      // Kept by the organisation's own people (and platform admins) only.
      expect: { own: [L, 404, 302, 302, 404, 404, 302], otherOrg: [L, 404, 404, 404, 404, 404, 302], foreign: [L, 404, 404, 404, 404, 404, 302], missing: NOBODY },
    },
    { name: "no title", badInput: true, params: assignmentId, body: () => form({ title: "", status: "ongoing" }), expect: { own: SIGNED_IN(400) } },
  ],

  // --- Organisations ----------------------------------------------------------------------
  "routes/organisations.$id loader": [
    {
      name: "",
      params: organisationId,
      expect: {
        // Polismyndigheten's people are named in the Dalarna groups, so their coordinator sees it too.
        own: [L, 404, 200, 200, 200, 200, 200],
        otherOrg: SEES_OWN,
        foreign: SEES_FOREIGN,
        missing: NOBODY,
      },
    },
  ],
  "routes/organisations.$id action": [
    {
      name: "intent=invite",
      params: organisationId,
      body: () => form({ intent: "invite", email: `${unique("inbjuden")}@example.org` }),
      expect: {
        // The organisation's admin, coordinators of networks it is a member of, platform admins.
        own: [L, 404, 404, 200, 404, 200, 200],
        otherOrg: MANAGES_OWN,
        foreign: SEES_FOREIGN,
        missing: NOBODY,
      },
    },
    {
      name: "intent=deactivate Sundsvall's contact",
      params: organisationId,
      prepare: (c) => c.w.reactivateForeignPerson(),
      body: (c) => form({ intent: "deactivate", id: c.w.foreignPerson }),
      expect: { foreign: [L, 404, 404, 404, 404, 404, 200] },
    },
    // An invitation id that does not exist, or is not even one.
    { name: "intent=revoke", params: organisationId, body: (c) => form({ intent: "revoke", id: pick({}, c.kind, "invitation") }), expect: { missing: NOBODY } },
    { name: "malformed e-mail", badInput: true, params: organisationId, body: () => form({ intent: "invite", email: "x" }), expect: { own: SIGNED_IN(400) } },
    { name: "unknown intent", badInput: true, params: organisationId, body: () => form({ intent: "explode", id: MISSING_ID }), expect: { own: SIGNED_IN(400) } },
  ],
};

// Malformed ids are answered like missing ones.
for (const cases of Object.values(matrix)) {
  for (const c of cases) if (c.expect.missing && !c.expect.malformed) c.expect.malformed = c.expect.missing;
}

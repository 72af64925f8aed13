/**
 * Document libraries: folders, documents, versions, classification, trash and links.
 * Visibility is one SQL predicate (documentVisibleTo) used by every list, page, download,
 * search and API answer, so a restricted document's id behaves exactly like an unknown
 * id for everyone it is not shared with.
 */
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import {
  documentAccess,
  documentLinks,
  documents,
  documentVersions,
  folders,
  meetings,
  networkOrganisations,
  networks,
  organisations,
  postNetworks,
  posts,
  users,
} from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db, type Database, rowsOf } from "~/lib/db.server";
import type { TextCut } from "~/lib/text-extract.server";
import { audit } from "./audit.server";
import { findNetwork, managesNetwork, networkVisibleTo } from "./networks.server";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Meta = { ip: string; userAgent: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string | null | undefined): value is string => typeof value === "string" && UUID.test(value);
export const CLASSIFICATIONS = ["open", "internal", "restricted"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const PAGE_SIZE = 50;
export const TRASH_DAYS = 30;
const DAY_MS = 86_400_000;


/** Coordinators of the network or its parent, without the platform admin's general pass. */
function coordinates(actor: Actor): SQL {
  return sql`exists (select 1 from network_people cp where cp.user_id = ${actor.userId} and cp.role = 'coordinator'
    and (cp.network_id = ${networks.id} or cp.network_id = ${networks.parentId}))`;
}

/**
 * The one rule: a live document in a network the actor sees, and, when restricted, the
 * actor's organisation owns it or is named on it, or the actor coordinates the network.
 * (A platform admin sees every network but not restricted documents that are not shared.)
 */
export function documentVisibleTo(actor: Actor, includeDeleted = false): SQL {
  return sql`(${includeDeleted ? sql`true` : sql`${documents.deletedAt} is null`} and exists (
    select 1 from ${networks} where ${networks.id} = ${documents.networkId} and ${networkVisibleTo(actor)} and (
      ${documents.classification} <> 'restricted'
      or ${documents.organisationId} = ${actor.organisationId}
      or exists (select 1 from ${documentAccess} da where da.document_id = ${documents.id} and da.organisation_id = ${actor.organisationId})
      or ${coordinates(actor)}
    )))`;
}

/** The network as the library needs it, or null when the actor may not see it. */
export async function libraryNetwork(actor: Actor, slug: string, executor: Tx | Database = db) {
  const network = await findNetwork(actor, slug, executor);
  return network ? { ...network, mayUpload: network.mayPost || network.manages } : null;
}

/** A live folder of the network, or null. */
async function folderIn(networkId: string, folderId: string, executor: Tx | Database = db) {
  if (!isUuid(folderId)) return null;
  const [row] = await executor
    .select()
    .from(folders)
    .where(and(eq(folders.id, folderId), eq(folders.networkId, networkId), isNull(folders.deletedAt)));
  return row ?? null;
}

export interface Cursor {
  title: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.title, c.id])).toString("base64url");
}

export function decodeCursor(value: string | null): Cursor | undefined {
  if (!value || value.length > 2000) return undefined;
  try {
    const [title, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown[];
    return typeof title === "string" && isUuid(id as string) ? { title, id: id as string } : undefined;
  } catch {
    return undefined;
  }
}

const documentColumns = {
  id: documents.id,
  title: documents.title,
  description: documents.description,
  registrationNumber: documents.registrationNumber,
  classification: documents.classification,
  currentVersion: documents.currentVersion,
  updatedAt: documents.updatedAt,
  organisationId: documents.organisationId,
  organisationName: organisations.name,
  fileName: documentVersions.fileName,
  mimeType: documentVersions.mimeType,
  size: documentVersions.size,
  sha256: documentVersions.sha256,
};

/**
 * One page of a folder: its path, subfolders and documents (keyset by title), with a
 * fixed number of queries whatever the folder holds.
 */
export async function getLibraryPage(actor: Actor, slug: string, folderId: string | null, after?: Cursor, pageSize = PAGE_SIZE) {
  const network = await libraryNetwork(actor, slug);
  if (!network) return null;
  const folder = folderId ? await folderIn(network.id, folderId) : null;
  if (folderId && !folder) return null;

  const inFolder = folder ? eq(documents.folderId, folder.id) : isNull(documents.folderId);
  const conditions = [eq(documents.networkId, network.id), inFolder, documentVisibleTo(actor)];
  if (after) {
    // A row comparison, so the folder index serves a deep page directly (an OR of the two
    // cases made PostgreSQL read the folder from its start).
    conditions.push(sql`(${documents.title}, ${documents.id}) > (${after.title}, ${after.id})`);
  }
  const [path, subfolders, rows, [count]] = await Promise.all([
    folder
      ? rowsOf<{ id: string; name: string }>(sql`
          with recursive up as (
            select id, name, parent_id, 0 as depth from ${folders} where id = ${folder.id}
            union all
            select f.id, f.name, f.parent_id, up.depth + 1 from ${folders} f join up on f.id = up.parent_id where up.depth < 50
          ) select id, name from up order by depth desc`)
      : Promise.resolve([]),
    db
      .select({ id: folders.id, name: folders.name, organisationId: folders.organisationId })
      .from(folders)
      .where(and(eq(folders.networkId, network.id), folder ? eq(folders.parentId, folder.id) : isNull(folders.parentId), isNull(folders.deletedAt)))
      .orderBy(asc(folders.name)),
    db
      .select(documentColumns)
      .from(documents)
      .innerJoin(organisations, eq(organisations.id, documents.organisationId))
      .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.number, documents.currentVersion)))
      .where(and(...conditions))
      .orderBy(asc(documents.title), asc(documents.id))
      .limit(pageSize + 1),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(documents)
      .where(and(eq(documents.networkId, network.id), inFolder, documentVisibleTo(actor))),
  ]);
  const items = rows.slice(0, pageSize);
  const next = rows.length > pageSize ? encodeCursor(items[items.length - 1]!) : null;
  return {
    network,
    folder,
    path,
    subfolders: subfolders.map((f) => ({ ...f, mayChange: network.manages || f.organisationId === actor.organisationId })),
    documents: items,
    total: count?.n ?? 0,
    next,
  };
}

/** Every live folder of the network, as paths, for "move to" choices. */
export async function folderChoices(networkId: string) {
  return rowsOf<{ id: string; path: string }>(sql`
    with recursive tree as (
      select id, name::text as path, 1 as depth from ${folders} where network_id = ${networkId} and parent_id is null and deleted_at is null
      union all
      select f.id, tree.path || ' / ' || f.name, tree.depth + 1 from ${folders} f join tree on f.parent_id = tree.id
      where f.deleted_at is null and tree.depth < 50
    ) select id, path from tree order by path`);
}

// ---------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex -- control characters are what we refuse
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A folder or document name: no control characters, no path separators, no dot-only names. */
export function checkName(name: string, max = 200): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "validation.required";
  if (trimmed.length > max) return `validation.tooLong|${max}`;
  if (CONTROL.test(trimmed) || /[/\\]/.test(trimmed) || /^\.+$/.test(trimmed)) return "library.errors.badName";
  return null;
}

/** A safe file name for storage metadata and downloads: the last path segment, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(new RegExp(CONTROL, "g"), "").replace(/^\.+/, "").trim().slice(0, 200);
  return cleaned || "dokument";
}

// ---------------------------------------------------------------------------------------
// Folders
// ---------------------------------------------------------------------------------------

export type FolderResult = { ok: true; id: string } | { ok: false; reason: "not_found" } | { ok: false; reason: "invalid"; message: string };

export async function createFolder(actor: Actor, slug: string, parentId: string | null, name: string, meta: Meta): Promise<FolderResult> {
  const problem = checkName(name);
  if (problem) return { ok: false, reason: "invalid", message: problem };
  return db.transaction(async (tx) => {
    const network = await libraryNetwork(actor, slug, tx);
    if (!network || !network.mayUpload) return { ok: false, reason: "not_found" } as const;
    if (parentId && !(await folderIn(network.id, parentId, tx))) return { ok: false, reason: "not_found" } as const;
    const created = await tx
      .insert(folders)
      .values({ networkId: network.id, parentId, name: name.trim(), organisationId: actor.organisationId, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning({ id: folders.id });
    if (created.length === 0) return { ok: false, reason: "invalid", message: "library.errors.folderExists" } as const;
    await audit({ action: "folder.created", actor, targetType: "folder", targetId: created[0]!.id, ...meta, details: { network: slug, name } }, tx);
    return { ok: true, id: created[0]!.id } as const;
  });
}

/** Renames (name) or deletes (name null) a folder; deleting needs it to be empty. */
export async function changeFolder(actor: Actor, slug: string, folderId: string, name: string | null, meta: Meta): Promise<FolderResult> {
  if (name !== null) {
    const problem = checkName(name);
    if (problem) return { ok: false, reason: "invalid", message: problem };
  }
  return db.transaction(async (tx) => {
    const network = await libraryNetwork(actor, slug, tx);
    const folder = network ? await folderIn(network.id, folderId, tx) : null;
    if (!network || !folder || !(network.manages || folder.organisationId === actor.organisationId)) return { ok: false, reason: "not_found" } as const;
    if (name === null) {
      const [inside] = await tx
        .select({
          n: sql<number>`(select count(*) from ${folders} where parent_id = ${folderId} and deleted_at is null)
             + (select count(*) from ${documents} where folder_id = ${folderId} and deleted_at is null)`,
        })
        .from(sql`(select 1) as one`);
      if (Number(inside?.n ?? 0) > 0) return { ok: false, reason: "invalid", message: "library.errors.folderNotEmpty" } as const;
      await tx.update(folders).set({ deletedAt: new Date(), deletedBy: actor.userId }).where(eq(folders.id, folderId));
      await audit({ action: "folder.deleted", actor, targetType: "folder", targetId: folderId, ...meta }, tx);
      return { ok: true, id: folderId } as const;
    }
    const renamed = await tx
      .update(folders)
      .set({ name: name.trim() })
      .where(eq(folders.id, folderId))
      .returning({ id: folders.id })
      .catch((error: unknown) => {
        if (String((error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code) === "23505") return [];
        throw error;
      });
    if (renamed.length === 0) return { ok: false, reason: "invalid", message: "library.errors.folderExists" } as const;
    await audit({ action: "folder.renamed", actor, targetType: "folder", targetId: folderId, ...meta, details: { name } }, tx);
    return { ok: true, id: folderId } as const;
  });
}

// ---------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------

export interface StoredUpload {
  storageKey: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  scanned: boolean;
  text: string;
  /** Why `text` is not the file's whole text, if it is not. */
  textCut?: TextCut | null;
}

export interface DocumentInput {
  title: string;
  description: string;
  registrationNumber: string;
  classification: Classification;
  secrecyReference: string;
  /** For restricted documents: organisation ids (of the network's members) that may see it. */
  organisations: string[];
  folderId: string | null;
}

export type DocumentResult =
  | { ok: true; id: string; version: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; field: string; message: string };

function checkDocumentInput(input: Omit<DocumentInput, "folderId">): DocumentResult | null {
  const title = checkName(input.title, 300);
  if (title) return { ok: false, reason: "invalid", field: "title", message: title };
  if (input.description.length > 5000) return { ok: false, reason: "invalid", field: "description", message: "validation.tooLong|5000" };
  if (input.registrationNumber.length > 100 || CONTROL.test(input.registrationNumber)) {
    return { ok: false, reason: "invalid", field: "registrationNumber", message: "validation.tooLong|100" };
  }
  if (input.secrecyReference.length > 200) return { ok: false, reason: "invalid", field: "secrecyReference", message: "validation.tooLong|200" };
  if (!CLASSIFICATIONS.includes(input.classification)) return { ok: false, reason: "invalid", field: "classification", message: "validation.invalidChoice" };
  if (input.organisations.some((id) => !isUuid(id))) return { ok: false, reason: "invalid", field: "organisations", message: "validation.invalidChoice" };
  return null;
}

/** The named organisations must be members of the network. */
async function checkAccessList(tx: Tx, networkId: string, organisationIds: string[]): Promise<boolean> {
  if (organisationIds.length === 0) return true;
  const found = await tx
    .select({ id: networkOrganisations.organisationId })
    .from(networkOrganisations)
    .where(and(eq(networkOrganisations.networkId, networkId), inArray(networkOrganisations.organisationId, organisationIds)));
  return found.length === new Set(organisationIds).size;
}

/** A new document with its first version (the bytes are already stored under `file.storageKey`). */
export async function createDocument(actor: Actor, slug: string, input: DocumentInput, file: StoredUpload, meta: Meta): Promise<DocumentResult> {
  const invalid = checkDocumentInput(input);
  if (invalid) return invalid;
  return db.transaction(async (tx) => {
    const network = await libraryNetwork(actor, slug, tx);
    if (!network || !network.mayUpload) return { ok: false, reason: "not_found" } as const;
    if (input.folderId && !(await folderIn(network.id, input.folderId, tx))) return { ok: false, reason: "not_found" } as const;
    const shared = input.classification === "restricted" ? [...new Set(input.organisations)] : [];
    if (!(await checkAccessList(tx, network.id, shared))) return { ok: false, reason: "invalid", field: "organisations", message: "validation.invalidChoice" } as const;
    const [doc] = await tx
      .insert(documents)
      .values({
        networkId: network.id,
        folderId: input.folderId,
        title: input.title.trim(),
        description: input.description.trim(),
        organisationId: actor.organisationId,
        registrationNumber: input.registrationNumber.trim(),
        classification: input.classification,
        secrecyReference: input.classification === "restricted" ? input.secrecyReference.trim() : "",
        contentText: file.text,
        createdBy: actor.userId,
      })
      .returning({ id: documents.id });
    await tx.insert(documentVersions).values(versionRow(doc!.id, 1, file, actor));
    if (shared.length > 0) await tx.insert(documentAccess).values(shared.map((organisationId) => ({ documentId: doc!.id, organisationId })));
    await audit(
      {
        action: "document.created",
        actor,
        targetType: "document",
        targetId: doc!.id,
        ...meta,
        details: { network: slug, classification: input.classification, sha256: file.sha256, size: file.size },
      },
      tx,
    );
    return { ok: true, id: doc!.id, version: 1 } as const;
  });
}

function versionRow(documentId: string, number: number, file: StoredUpload, actor: Actor) {
  return {
    documentId,
    number,
    storageKey: file.storageKey,
    fileName: file.fileName,
    mimeType: file.mimeType,
    size: file.size,
    sha256: file.sha256,
    scan: file.scanned ? ("clean" as const) : ("not_scanned" as const),
    extractedText: file.text,
    textCut: file.textCut ?? null,
    uploadedBy: actor.userId,
  };
}

/** The visible document with what decides who may change it. */
export async function findDocument(actor: Actor, documentId: string) {
  return documentFacts(actor, documentId);
}

// A document's columns but its extracted text and search vector: they can run to
// megabytes, and nothing that looks a document up needs them (search reads them in SQL).
const { contentText: _contentText, search: _search, ...documentRowColumns } = getTableColumns(documents);

async function documentFacts(actor: Actor, documentId: string, executor: Tx | Database = db, lock = false, includeDeleted = false) {
  if (!isUuid(documentId)) return null;
  const query = executor
    .select({
      document: documentRowColumns,
      networkSlug: networks.slug,
      networkName: networks.name,
      manages: sql<boolean>`${managesNetwork(actor)}`,
    })
    .from(documents)
    .innerJoin(networks, eq(networks.id, documents.networkId))
    .where(and(eq(documents.id, documentId), documentVisibleTo(actor, includeDeleted)));
  const [row] = lock ? await query.for("update", { of: documents }) : await query;
  if (!row) return null;
  // DESIGN.md: members change what their own organisation posted; coordinators everything in their network.
  const mayChange = row.manages || row.document.organisationId === actor.organisationId;
  return { ...row, mayChange };
}

export async function addVersion(actor: Actor, documentId: string, file: StoredUpload, meta: Meta): Promise<DocumentResult> {
  return db.transaction(async (tx) => {
    const facts = await documentFacts(actor, documentId, tx, true);
    if (!facts || !facts.mayChange) return { ok: false, reason: "not_found" } as const;
    const [last] = await tx
      .select({ n: sql<number>`max(${documentVersions.number})::int` })
      .from(documentVersions)
      .where(eq(documentVersions.documentId, documentId));
    const number = (last?.n ?? 0) + 1;
    await tx.insert(documentVersions).values(versionRow(documentId, number, file, actor));
    await tx.update(documents).set({ currentVersion: number, contentText: file.text, updatedAt: new Date() }).where(eq(documents.id, documentId));
    await audit({ action: "document.version_added", actor, targetType: "document", targetId: documentId, ...meta, details: { version: number, sha256: file.sha256 } }, tx);
    return { ok: true, id: documentId, version: number } as const;
  });
}

/** Restoring an earlier version makes a new newest version with the same bytes (the history is never rewritten). */
export async function restoreVersion(actor: Actor, documentId: string, number: number, meta: Meta): Promise<DocumentResult> {
  return db.transaction(async (tx) => {
    const facts = await documentFacts(actor, documentId, tx, true);
    if (!facts || !facts.mayChange) return { ok: false, reason: "not_found" } as const;
    const [old] = await tx
      .select()
      .from(documentVersions)
      .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.number, number)));
    if (!old) return { ok: false, reason: "not_found" } as const;
    const [last] = await tx
      .select({ n: sql<number>`max(${documentVersions.number})::int` })
      .from(documentVersions)
      .where(eq(documentVersions.documentId, documentId));
    const next = (last?.n ?? 0) + 1;
    const { id: _id, createdAt: _createdAt, number: _number, ...copy } = old;
    await tx.insert(documentVersions).values({ ...copy, number: next, restoredFrom: number, uploadedBy: actor.userId });
    await tx.update(documents).set({ currentVersion: next, contentText: old.extractedText, updatedAt: new Date() }).where(eq(documents.id, documentId));
    await audit({ action: "document.version_restored", actor, targetType: "document", targetId: documentId, ...meta, details: { from: number, version: next } }, tx);
    return { ok: true, id: documentId, version: next } as const;
  });
}

export type MetadataResult =
  | { ok: true }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; field: string; message: string }
  | { ok: false; reason: "conflict"; current: { title: string; description: string; registrationNumber: string; revision: number } };

/** Saves metadata on top of the revision the editor saw (409-style conflict otherwise). */
export async function updateMetadata(
  actor: Actor,
  documentId: string,
  input: Omit<DocumentInput, "folderId">,
  revision: number,
  meta: Meta,
): Promise<MetadataResult> {
  const invalid = checkDocumentInput(input);
  if (invalid && !invalid.ok && invalid.reason === "invalid") return invalid;
  return db.transaction(async (tx) => {
    const facts = await documentFacts(actor, documentId, tx, true);
    if (!facts || !facts.mayChange) return { ok: false, reason: "not_found" } as const;
    const d = facts.document;
    if (d.revision !== revision) {
      return {
        ok: false,
        reason: "conflict",
        current: { title: d.title, description: d.description, registrationNumber: d.registrationNumber, revision: d.revision },
      } as const;
    }
    const shared = input.classification === "restricted" ? [...new Set(input.organisations)] : [];
    if (!(await checkAccessList(tx, d.networkId, shared))) return { ok: false, reason: "invalid", field: "organisations", message: "validation.invalidChoice" } as const;
    await tx
      .update(documents)
      .set({
        title: input.title.trim(),
        description: input.description.trim(),
        registrationNumber: input.registrationNumber.trim(),
        classification: input.classification,
        secrecyReference: input.classification === "restricted" ? input.secrecyReference.trim() : "",
        revision: d.revision + 1,
        updatedAt: new Date(),
      })
      .where(eq(documents.id, documentId));
    await tx.delete(documentAccess).where(eq(documentAccess.documentId, documentId));
    if (shared.length > 0) await tx.insert(documentAccess).values(shared.map((organisationId) => ({ documentId, organisationId })));
    await audit(
      {
        action: "document.updated",
        actor,
        targetType: "document",
        targetId: documentId,
        ...meta,
        details: { classification: input.classification, from: d.classification },
      },
      tx,
    );
    return { ok: true } as const;
  });
}

export async function moveDocument(actor: Actor, documentId: string, folderId: string | null, meta: Meta): Promise<boolean> {
  return db.transaction(async (tx) => {
    const facts = await documentFacts(actor, documentId, tx, true);
    if (!facts || !facts.mayChange) return false;
    if (folderId && !(await folderIn(facts.document.networkId, folderId, tx))) return false;
    await tx.update(documents).set({ folderId, updatedAt: new Date() }).where(eq(documents.id, documentId));
    await audit({ action: "document.moved", actor, targetType: "document", targetId: documentId, ...meta, details: { folder: folderId ?? "root" } }, tx);
    return true;
  });
}

/** To the trash: gone from lists and search; coordinators can restore it for 30 days. */
export async function trashDocument(actor: Actor, documentId: string, meta: Meta): Promise<boolean> {
  return db.transaction(async (tx) => {
    const facts = await documentFacts(actor, documentId, tx, true);
    if (!facts || !facts.mayChange) return false;
    await tx.update(documents).set({ deletedAt: new Date(), deletedBy: actor.userId }).where(eq(documents.id, documentId));
    await audit({ action: "document.trashed", actor, targetType: "document", targetId: documentId, ...meta, details: { title: facts.document.title } }, tx);
    return true;
  });
}

export async function listTrash(actor: Actor, slug: string, now = new Date()) {
  const network = await libraryNetwork(actor, slug);
  if (!network || !network.manages) return null;
  const rows = await db
    .select({ id: documents.id, title: documents.title, deletedAt: documents.deletedAt, deletedByName: users.name, classification: documents.classification })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.deletedBy))
    .where(
      and(
        eq(documents.networkId, network.id),
        isNotNull(documents.deletedAt),
        gt(documents.deletedAt, new Date(now.getTime() - TRASH_DAYS * DAY_MS)),
        documentVisibleTo(actor, true),
      ),
    )
    .orderBy(desc(documents.deletedAt))
    .limit(500);
  return { network, documents: rows };
}

export async function restoreFromTrash(actor: Actor, slug: string, documentId: string, meta: Meta, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const network = await libraryNetwork(actor, slug, tx);
    if (!network || !network.manages || !isUuid(documentId)) return false;
    const facts = await documentFacts(actor, documentId, tx, true, true);
    const deletedAt = facts?.document.deletedAt;
    if (!facts || facts.document.networkId !== network.id || !deletedAt || now.getTime() - deletedAt.getTime() > TRASH_DAYS * DAY_MS) return false;
    // A folder deleted meanwhile: the document comes back to the library's root.
    const folder = facts.document.folderId ? await folderIn(network.id, facts.document.folderId, tx) : null;
    await tx.update(documents).set({ deletedAt: null, deletedBy: null, folderId: folder?.id ?? null }).where(eq(documents.id, documentId));
    await audit({ action: "document.restored", actor, targetType: "document", targetId: documentId, ...meta }, tx);
    return true;
  });
}

/** The document page: metadata, versions, who may see it, and where it is linked. */
export async function getDocumentPage(actor: Actor, documentId: string) {
  const facts = await documentFacts(actor, documentId);
  if (!facts) return null;
  const d = facts.document;
  const [versions, shared, owner, linkedPosts, linkedMeetings, memberOrganisations, folders] = await Promise.all([
    db
      .select({
        number: documentVersions.number,
        fileName: documentVersions.fileName,
        mimeType: documentVersions.mimeType,
        size: documentVersions.size,
        sha256: documentVersions.sha256,
        scan: documentVersions.scan,
        textCut: documentVersions.textCut,
        restoredFrom: documentVersions.restoredFrom,
        createdAt: documentVersions.createdAt,
        uploadedByName: users.name,
      })
      .from(documentVersions)
      .leftJoin(users, eq(users.id, documentVersions.uploadedBy))
      .where(eq(documentVersions.documentId, documentId))
      .orderBy(desc(documentVersions.number)),
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(documentAccess)
      .innerJoin(organisations, eq(organisations.id, documentAccess.organisationId))
      .where(eq(documentAccess.documentId, documentId))
      .orderBy(asc(organisations.name)),
    db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, d.organisationId)),
    db
      .select({ id: posts.id, title: posts.title })
      .from(documentLinks)
      .innerJoin(posts, eq(posts.id, documentLinks.postId))
      .where(
        and(
          eq(documentLinks.documentId, documentId),
          isNull(posts.deletedAt),
          sql`exists (select 1 from post_networks lpn join ${networks} on ${networks.id} = lpn.network_id where lpn.post_id = ${posts.id} and ${networkVisibleTo(actor)})`,
        ),
      ),
    db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
      .from(documentLinks)
      .innerJoin(meetings, eq(meetings.id, documentLinks.meetingId))
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(and(eq(documentLinks.documentId, documentId), networkVisibleTo(actor))),
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(networkOrganisations)
      .innerJoin(organisations, eq(organisations.id, networkOrganisations.organisationId))
      .where(eq(networkOrganisations.networkId, d.networkId))
      .orderBy(asc(organisations.name)),
    // One query gives both the document's folder path and, for those who may move it, the choices.
    d.folderId || facts.mayChange ? folderChoices(d.networkId) : Promise.resolve([]),
  ]);
  const folderPath = d.folderId ? (folders.find((f) => f.id === d.folderId)?.path ?? null) : null;
  return {
    document: { ...d, organisationName: owner[0]?.name ?? "" },
    network: { slug: facts.networkSlug, name: facts.networkName },
    folderPath,
    versions,
    shared,
    linkedPosts,
    linkedMeetings,
    memberOrganisations,
    folders: facts.mayChange ? folders : [],
    mayChange: facts.mayChange,
    manages: facts.manages,
  };
}

/** What a download needs, for a visible document: the version's storage key and headers. */
export async function versionForDownload(actor: Actor, documentId: string, number?: number) {
  const facts = await documentFacts(actor, documentId);
  if (!facts) return null;
  const wanted = number ?? facts.document.currentVersion;
  if (!Number.isInteger(wanted) || wanted < 1) return null;
  const [version] = await db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.number, wanted)));
  if (!version) return null;
  return { document: facts.document, version };
}

/** Documents of the network for the API: id, title, classification, version, size, sha256. */
export async function listDocumentsForApi(actor: Actor, slug: string, options: { q?: string; folder?: string }) {
  const network = await libraryNetwork(actor, slug);
  if (!network) return null;
  if (options.folder && !(await folderIn(network.id, options.folder))) return null;
  const conditions = [eq(documents.networkId, network.id), documentVisibleTo(actor)];
  if (options.folder) conditions.push(eq(documents.folderId, options.folder));
  if (options.q?.trim()) conditions.push(sql`${documents.search} @@ websearch_to_tsquery('swedish', ${options.q.trim().slice(0, 200)})`);
  return db
    .select({
      id: documents.id,
      title: documents.title,
      classification: documents.classification,
      registrationNumber: documents.registrationNumber,
      folder: documents.folderId,
      version: documents.currentVersion,
      size: documentVersions.size,
      sha256: documentVersions.sha256,
      mimeType: documentVersions.mimeType,
      fileName: documentVersions.fileName,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.number, documents.currentVersion)))
    .where(and(...conditions))
    .orderBy(asc(documents.title), asc(documents.id))
    .limit(500);
}

export async function apiDocument(actor: Actor, documentId: string) {
  const facts = await documentFacts(actor, documentId);
  if (!facts) return null;
  const [version] = await db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.number, facts.document.currentVersion)));
  const d = facts.document;
  return {
    id: d.id,
    network: facts.networkSlug,
    title: d.title,
    description: d.description,
    classification: d.classification,
    registrationNumber: d.registrationNumber,
    folder: d.folderId,
    version: d.currentVersion,
    size: version?.size ?? 0,
    sha256: version?.sha256 ?? "",
    mimeType: version?.mimeType ?? "",
    fileName: version?.fileName ?? "",
  };
}

/** Visible documents by title for linking from updates and meetings (of these networks), with their network. */
export async function linkableDocuments(actor: Actor, networkSlugs: string[]) {
  if (networkSlugs.length === 0) return [];
  return db
    .select({ id: documents.id, title: documents.title, networkSlug: networks.slug })
    .from(documents)
    .innerJoin(networks, eq(networks.id, documents.networkId))
    .where(and(inArray(networks.slug, networkSlugs), documentVisibleTo(actor)))
    .orderBy(asc(documents.title))
    .limit(500);
}

/**
 * Links a visible document to a post or meeting the caller may change (checked by the
 * caller). The document must belong to the meeting's network or to one of the post's, so
 * that a link never points into a library the target's readers have nothing to do with.
 */
export async function linkDocument(actor: Actor, documentId: string, target: { postId?: string; meetingId?: string }, meta: Meta): Promise<boolean> {
  return db.transaction(async (tx) => {
    const facts = await documentFacts(actor, documentId, tx);
    if (!facts) return false;
    const networkId = facts.document.networkId;
    const sameNetwork = target.postId
      ? isUuid(target.postId) &&
        (await tx.select({ id: postNetworks.postId }).from(postNetworks).where(and(eq(postNetworks.postId, target.postId), eq(postNetworks.networkId, networkId)))).length > 0
      : target.meetingId
        ? isUuid(target.meetingId) &&
          (await tx.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.id, target.meetingId), eq(meetings.networkId, networkId)))).length > 0
        : false;
    if (!sameNetwork) return false;
    await tx
      .insert(documentLinks)
      .values({ documentId, postId: target.postId ?? null, meetingId: target.meetingId ?? null, createdBy: actor.userId })
      .onConflictDoNothing();
    await audit({ action: "document.linked", actor, targetType: "document", targetId: documentId, ...meta, details: target }, tx);
    return true;
  });
}

/** The visible documents linked to a post or a meeting. */
export async function linkedDocuments(actor: Actor, target: { postId?: string; meetingId?: string }) {
  const where = target.postId ? eq(documentLinks.postId, target.postId) : target.meetingId ? eq(documentLinks.meetingId, target.meetingId) : sql`false`;
  return db
    .select({ id: documents.id, title: documents.title, classification: documents.classification })
    .from(documentLinks)
    .innerJoin(documents, eq(documents.id, documentLinks.documentId))
    .where(and(where, documentVisibleTo(actor)))
    .orderBy(asc(documents.title));
}

/** May the actor add a version to this document? (Checked before an upload is read.) */
export async function mayChangeDocument(actor: Actor, documentId: string): Promise<boolean> {
  const facts = await documentFacts(actor, documentId);
  return Boolean(facts?.mayChange);
}

/** The network's member organisations (whom a restricted document can be shared with). */
export async function getMemberOrganisations(networkId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(networkOrganisations)
    .innerJoin(organisations, eq(organisations.id, networkOrganisations.organisationId))
    .where(eq(networkOrganisations.networkId, networkId))
    .orderBy(asc(organisations.name));
}

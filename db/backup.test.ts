/**
 * Backup and restore, end to end: demo data (with real stored files) in one instance,
 * `backup`, `restore` into an empty one, then every row of every table, every sequence,
 * and every document's bytes and SHA-256 compared. Also the path a pilot takes to
 * production: from the embedded PGlite into PostgreSQL.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fsStorage, type Storage } from "../app/lib/storage.server";
import { hashPassword } from "../app/auth/password.server";
import { assertEmbeddedDatabaseIdle, backup, type Manifest, rawDatabase, restore } from "./backup";
import { createConnection, MIGRATIONS_DIR, type Connection } from "./client";
import { auditEvents, documents, documentVersions, folders, networks, organisations, users } from "./schema/index";
import { DEMO_PASSWORD, seed } from "./seed";
import { seedLibrary } from "./seed-library";
import { readTar, tarStream, type TarEntryInput } from "./tar";

const serverUrl = inject("serverUrl");
const work = await fs.mkdtemp(path.join(os.tmpdir(), "np-backup-test-"));
const open: Connection[] = [];
const databases: string[] = [];
let passwordHash = "";

beforeAll(async () => {
  passwordHash = await hashPassword(DEMO_PASSWORD);
});

afterAll(async () => {
  for (const c of open) await c.close();
  if (serverUrl && databases.length > 0) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    for (const name of databases) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  await fs.rm(work, { recursive: true, force: true });
});

interface Instance {
  connection: Connection;
  storage: Storage;
  filesDir: string;
}

async function pgliteInstance(name: string): Promise<Instance> {
  const connection = createConnection({ dataDir: path.join(work, name, "pglite") });
  open.push(connection);
  const filesDir = path.join(work, name, "files");
  return { connection, storage: fsStorage(filesDir), filesDir };
}

async function postgresInstance(name: string): Promise<Instance> {
  const db = `np_backup_${name}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${db}`);
  await admin.end();
  databases.push(db);
  const url = new URL(serverUrl);
  url.pathname = `/${db}`;
  const connection = createConnection({ databaseUrl: url.toString(), poolMax: 3 });
  open.push(connection);
  const filesDir = path.join(work, name, "files");
  return { connection, storage: fsStorage(filesDir), filesDir };
}

/** A PostgreSQL target when a server is configured, otherwise an embedded one. */
const freshTarget = (name: string) => (serverUrl ? postgresInstance(name) : pgliteInstance(name));

/** The demo data, plus the awkward cases a backup must carry over unchanged. */
async function seedInstance({ connection, storage }: Instance): Promise<void> {
  const db = connection.db;
  await connection.migrate();
  await seed(db, passwordHash);
  expect(await seedLibrary(db, storage)).toBeGreaterThan(0);

  const [network] = await db.select().from(networks).where(eq(networks.slug, "myndighetsnatverket"));
  const [user] = await db.select().from(users).limit(1);
  const [doc] = await db.select().from(documents).limit(1);
  // A child folder stored before its parent's live row (the parent is updated after the
  // child exists), so a load in physical order meets the child first.
  const [parent] = await db.insert(folders).values({ networkId: network!.id, name: "Förälder", createdBy: user!.id }).returning();
  await db.insert(folders).values({ networkId: network!.id, parentId: parent!.id, name: "Barn", createdBy: user!.id });
  await db.update(folders).set({ name: "Förälder (omdöpt)" }).where(eq(folders.id, parent!.id));
  // Text that COPY has to escape, and a multi-megabyte file under a long non-ASCII key.
  await db
    .update(documents)
    .set({ description: "Tabb\there, rad\nbrytning, \\backslash\\, \r vagnretur, emoji 🙂, citat \"x\" och 'y'" })
    .where(eq(documents.id, doc!.id));
  const bytes = randomBytes(3 * 1024 * 1024 + 17);
  const key = `objects/zz/${randomUUID()}-${"långt-filnamn-".repeat(8)}.bin`;
  const stored = await storage.put(key, Readable.from([bytes]), { maxBytes: bytes.length });
  const version = {
    documentId: doc!.id,
    storageKey: key,
    fileName: "stor fil.bin",
    mimeType: "application/octet-stream",
    size: stored.size,
    sha256: stored.sha256,
    scan: "not_scanned" as const,
    uploadedBy: user!.id,
  };
  await db.insert(documentVersions).values({ ...version, number: 2 });
  // Restoring an old version reuses its key: the archive holds the object once.
  await db.insert(documentVersions).values({ ...version, number: 3, restoredFrom: 2 });
  await db.update(documents).set({ currentVersion: 3 }).where(eq(documents.id, doc!.id));
  // Enough rows to span many heap pages (and a used sequence to carry over).
  await db.insert(auditEvents).values(
    Array.from({ length: 1500 }, (_, i) => ({
      action: "test.backup",
      actorUserId: user!.id,
      targetId: String(i),
      details: { i, note: "x".repeat(200), nested: { ok: true, at: null } },
    })),
  );
}

interface Snapshot {
  tables: Record<string, string[]>;
  sequences: Record<string, string | null>;
  migrations: string[];
}

/** Every row of every public table (generated columns included) as JSON, sorted. */
async function snapshotOf(connection: Connection): Promise<Snapshot> {
  return rawDatabase(connection).transaction("snapshot", async (s) => {
    const names = await s.rows<{ name: string }>(
      "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
    );
    const tables: Record<string, string[]> = {};
    for (const { name } of names) {
      const rows = await s.rows<{ j: string }>(`select row_to_json(t)::text as j from public."${name}" t`);
      tables[name] = rows.map((r) => r.j).sort();
    }
    const sequences: Record<string, string | null> = {};
    for (const row of await s.rows<{ name: string; value: string | null }>(
      "select sequencename as name, last_value::text as value from pg_sequences where schemaname = 'public'",
    )) {
      sequences[row.name] = row.value;
    }
    const migrations = (
      await s.rows<{ hash: string }>("select hash from drizzle.__drizzle_migrations order by created_at")
    ).map((r) => r.hash);
    return { tables, sequences, migrations };
  });
}

/** Each stored object's SHA-256 as read back from storage, checked against its rows. */
async function storedFiles({ connection, storage }: Instance): Promise<Record<string, string>> {
  const versions = await connection.db.select().from(documentVersions);
  const out: Record<string, string> = {};
  for (const v of versions) {
    const hash = createHash("sha256");
    let size = 0;
    for await (const chunk of await storage.get(v.storageKey)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    const sha256 = hash.digest("hex");
    expect({ key: v.storageKey, size, sha256 }).toEqual({ key: v.storageKey, size: v.size, sha256: v.sha256 });
    out[v.storageKey] = sha256;
  }
  return out;
}

function flip(bytes: Buffer, at: number, mask: number): void {
  bytes[at] = bytes[at]! ^ mask;
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Rows in all tables; migrates first, since a refused restore may not have created any. */
async function rowCount(connection: Connection): Promise<number> {
  await connection.migrate();
  const snapshot = await snapshotOf(connection);
  return Object.values(snapshot.tables).reduce((n, rows) => n + rows.length, 0);
}

async function searchTitles(connection: Connection, words: string): Promise<string[]> {
  const rows = await connection.db
    .select({ title: documents.title })
    .from(documents)
    .where(sql`${documents.search} @@ websearch_to_tsquery('swedish', ${words})`)
    .orderBy(documents.title);
  return rows.map((r) => r.title);
}

async function expectSameInstance(source: Instance, target: Instance, { generated }: { generated: boolean }) {
  const [a, b] = [await snapshotOf(source.connection), await snapshotOf(target.connection)];
  expect(Object.keys(b.tables)).toEqual(Object.keys(a.tables));
  expect(Object.keys(a.tables).length).toBeGreaterThan(20);
  const strip = (rows: string[]) =>
    generated
      ? rows
      : rows
          .map((r) => {
            const { search: _search, ...rest } = JSON.parse(r) as Record<string, unknown>;
            return JSON.stringify(rest);
          })
          .sort();
  for (const table of Object.keys(a.tables)) {
    expect({ table, rows: strip(b.tables[table]!) }).toEqual({ table, rows: strip(a.tables[table]!) });
  }
  expect(b.sequences).toEqual(a.sequences);
  expect(b.migrations).toEqual(a.migrations);
  // Every document's bytes and checksum, read back from each instance's own storage.
  const [fa, fb] = [await storedFiles(source), await storedFiles(target)];
  expect(Object.keys(fa).length).toBeGreaterThanOrEqual(5);
  expect(fb).toEqual(fa);
  // Search runs on the generated columns, recomputed by the target.
  const hits = await searchTitles(target.connection, "handlingsplanerna");
  expect(hits).toContain("Polismyndighetens handlingsplan 2026");
  expect(hits).toEqual(await searchTitles(source.connection, "handlingsplanerna"));
}

// One embedded source for the tests below (PGlite's start and migrations are the slow part).
let source: Instance;
let gzArchive: string;
let archive: string;
let manifest: Manifest;

beforeAll(async () => {
  source = await pgliteInstance("embedded");
  await seedInstance(source);
  gzArchive = path.join(work, "embedded.tar.gz");
  const made = await backup({ ...source, out: gzArchive, pgliteChunkPages: 1 });
  manifest = made.manifest;
  archive = path.join(work, "embedded.tar");
  await backup({ ...source, out: archive });
}, 240_000);

describe("backup and restore", { timeout: 180_000 }, () => {
  it.skipIf(!serverUrl)("move an embedded instance into PostgreSQL with every row and file intact", async () => {
    expect(manifest.source.kind).toBe("pglite");
    expect(manifest.objects).toHaveLength(5); // four demo documents and the big file, stored once
    const head = await fs.readFile(gzArchive);
    expect(head.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    const target = await postgresInstance("from_embedded");
    const restored = await restore({ ...target, archive: gzArchive });
    expect(restored.rows).toBe(manifest.tables.reduce((n, t) => n + t.rows, 0));
    expect(restored.rows).toBeGreaterThan(1500);
    await expectSameInstance(source, target, { generated: true });
    // The restored schema is the one the migrations make, constraints included.
    const fresh = createConnection({ databaseUrl: process.env.DATABASE_URL!, poolMax: 1 });
    open.push(fresh);
    await fresh.migrate();
    const constraints = (c: Connection) =>
      rawDatabase(c).transaction("snapshot", (s) =>
        s.rows<{ name: string; definition: string }>(
          `select conrelid::regclass::text || '.' || conname as name, pg_get_constraintdef(oid) as definition
             from pg_constraint where connamespace = 'public'::regnamespace order by 1`,
        ),
      );
    expect(await constraints(target.connection)).toEqual(await constraints(fresh));
  });

  it.skipIf(!serverUrl)("copy PostgreSQL into PostgreSQL", async () => {
    const pgSource = await postgresInstance("pg_source");
    await seedInstance(pgSource);
    const file = path.join(work, "postgres.tar");
    const made = await backup({ ...pgSource, out: file });
    expect(made.manifest.source.kind).toBe("postgres");
    const target = await postgresInstance("pg_target");
    await restore({ ...target, archive: file });
    await expectSameInstance(pgSource, target, { generated: true });
  });

  it("copy an embedded instance into another embedded one", async () => {
    const target = await pgliteInstance("pglite_target");
    await restore({ ...target, archive: gzArchive, pgliteLoadBytes: 4096 });
    await expectSameInstance(source, target, { generated: true });
  });

  describe("refusals", () => {
    /** A restore that must fail and leave the target exactly as empty as it was. */
    async function expectRefused(file: string, message: RegExp) {
      const target = await freshTarget(`t${randomBytes(3).toString("hex")}`);
      await expect(restore({ ...target, archive: file })).rejects.toThrow(message);
      expect(await rowCount(target.connection)).toBe(0);
      expect(await filesIn(target.filesDir)).toEqual([]);
      return target;
    }

    async function rewrite(name: string, change: (entry: { name: string; bytes: Buffer }) => Buffer | null) {
      const entries: TarEntryInput[] = [];
      for await (const entry of readTar(Readable.from([await fs.readFile(archive)]))) {
        const chunks: Buffer[] = [];
        for await (const c of entry.body) chunks.push(c);
        const bytes = change({ name: entry.name, bytes: Buffer.concat(chunks) });
        if (bytes) entries.push({ name: entry.name, size: bytes.length, body: () => Readable.from([bytes]) });
      }
      const file = path.join(work, name);
      const parts: Buffer[] = [];
      for await (const c of tarStream(entries)) parts.push(c);
      await fs.writeFile(file, Buffer.concat(parts));
      return file;
    }

    it("refuse a target database that already has rows, and change nothing", async () => {
      const before = await snapshotOf(source.connection);
      const emptyFiles = path.join(work, "unused-files");
      await expect(restore({ ...source, storage: fsStorage(emptyFiles), filesDir: emptyFiles, archive })).rejects.toThrow(
        /target database is not empty/,
      );
      expect(await snapshotOf(source.connection)).toEqual(before);
    });

    it("refuse a file folder that is not empty", async () => {
      const target = await freshTarget("nonempty_files");
      await fs.mkdir(path.join(target.filesDir, "x"), { recursive: true });
      await fs.writeFile(path.join(target.filesDir, "x", "left-over"), "data");
      await expect(restore({ ...target, archive })).rejects.toThrow(/file folder .* is not empty/);
      expect(await rowCount(target.connection)).toBe(0);
    });

    it("refuse storage that already holds one of the archive's objects", async () => {
      const target = await freshTarget("taken_key");
      const key = manifest.objects[0]!.key;
      await target.storage.put(key, Readable.from([Buffer.from("other")]), { maxBytes: 10 });
      // No filesDir: the check that also works for S3.
      await expect(restore({ ...target, filesDir: undefined, archive })).rejects.toThrow(/already holds/);
      expect(await rowCount(target.connection)).toBe(0);
    });

    it("refuse a document whose bytes changed, leaving no rows and no files", async () => {
      const tar = await fs.readFile(archive);
      const text = Buffer.from("Polismyndighetens handlingsplan för arbetet mot brott");
      const at = tar.indexOf(text);
      expect(at).toBeGreaterThan(0);
      expect(tar.indexOf(text, at + 1)).toBeGreaterThan(at); // also in documents.copy
      // The last occurrence is the stored file (files come after the database).
      const last = tar.lastIndexOf(text);
      flip(tar, last + 3, 0x20);
      const file = path.join(work, "flipped-file.tar");
      await fs.writeFile(file, tar);
      await expectRefused(file, /archive is damaged: files\/objects\/.* does not match its SHA-256/);
    });

    it("refuse a table dump whose bytes changed", async () => {
      const tar = await fs.readFile(archive);
      const at = tar.indexOf(Buffer.from("Polismyndighetens handlingsplan 2026"));
      flip(tar, at + 1, 0x01); // "Polis…" becomes "Pnlis…": still valid text, wrong data
      const file = path.join(work, "flipped-row.tar");
      await fs.writeFile(file, tar);
      await expectRefused(file, /archive is damaged: database\/documents\.copy does not match its SHA-256/);
    });

    it("refuse a flipped byte in a compressed archive", async () => {
      const bytes = await fs.readFile(gzArchive);
      flip(bytes, Math.floor(bytes.length * 0.6), 0xff);
      const file = path.join(work, "flipped.tar.gz");
      await fs.writeFile(file, bytes);
      await expectRefused(file, /archive is damaged/);
    });

    it("refuse a truncated archive and a missing file", async () => {
      const tar = await fs.readFile(archive);
      const cut = path.join(work, "truncated.tar");
      await fs.writeFile(cut, tar.subarray(0, tar.length - 600_000));
      await expectRefused(cut, /archive is damaged: .*truncated/);
      const lost = manifest.objects[1]!.key;
      const without = await rewrite("missing-object.tar", (e) => (e.name === `files/${lost}` ? null : e.bytes));
      await expectRefused(without, /archive is damaged: missing files\//);
    });

    it("refuse an archive from a newer version of the portal", async () => {
      const newer = await rewrite("newer.tar", (e) => {
        if (e.name !== "manifest.json") return e.bytes;
        const m = JSON.parse(e.bytes.toString("utf8")) as Manifest;
        m.migrations.push({ tag: "9999_future", createdAt: Date.now() + 1e9, hash: "f".repeat(64) });
        return Buffer.from(JSON.stringify(m));
      });
      const target = await freshTarget("newer");
      await expect(restore({ ...target, archive: newer })).rejects.toThrow(/newer version of the portal/);
    });

    it("restore an archive made before the latest migrations, then migrate it", async () => {
      // An archive one migration behind: its table list and level as an older portal wrote them.
      const older = await freshTarget("older");
      const levels = manifest.migrations.length - 1;
      const journal = JSON.parse(await fs.readFile(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as {
        entries: { tag: string }[];
      };
      const folder = path.join(work, "older-migrations");
      await fs.mkdir(path.join(folder, "meta"), { recursive: true });
      const entries = journal.entries.slice(0, levels);
      await fs.writeFile(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
      for (const e of entries) await fs.copyFile(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
      await older.connection.migrate({ migrationsFolder: folder });
      // (The demo seed writes columns of the latest schema; plain rows do here.)
      await older.connection.db.insert(organisations).values([
        { name: "Äldre myndighet", shortName: "ÄM", kind: "authority" },
        { name: "Äldre kommun", shortName: "ÄK", kind: "municipality" },
      ]);
      const file = path.join(work, "older.tar");
      const made = await backup({ ...older, out: file });
      expect(made.manifest.migrations).toHaveLength(levels);
      const target = await freshTarget("older_target");
      const restored = await restore({ ...target, archive: file });
      expect(restored.migratedAfter).toBe(1);
      const snapshot = await snapshotOf(target.connection);
      expect(snapshot.migrations).toEqual(manifest.migrations.map((m) => m.hash));
      expect(snapshot.tables.organisations).toEqual((await snapshotOf(older.connection)).tables.organisations);
      expect(snapshot.tables.organisations).toHaveLength(2);
    });

    it("refuse to open an embedded database another process has open", async () => {
      const dir = path.join(work, "in-use");
      await fs.mkdir(dir, { recursive: true });
      expect(() => assertEmbeddedDatabaseIdle(dir)).not.toThrow();
      await fs.writeFile(path.join(dir, "postmaster.pid"), "-42\n");
      expect(() => assertEmbeddedDatabaseIdle(dir)).toThrow(/in use/);
    });
  });
});

/**
 * Backup and restore of a whole instance: every row of every table and every stored
 * document, in one tar archive (gzip-compressed unless its name ends in .tar).
 *
 * One logical format serves both databases, so a pilot on the embedded PGlite can move to
 * PostgreSQL: each table is dumped as PostgreSQL's COPY text format, read inside one
 * REPEATABLE READ READ ONLY transaction (one snapshot for all tables and for the list of
 * stored objects). Stored objects are never changed after they are written (a new version
 * is a new key), so copying them after the snapshot is consistent; each one's size and
 * SHA-256 are checked against document_versions on the way into the archive.
 *
 * Archive layout, in this order (restore reads it front to back, once):
 *   manifest.json            format, source, migration level, tables, sequences, objects
 *   database/<table>.copy    COPY text format, UTC/ISO settings, generated columns left out
 *   files/<storage key>      the stored objects' bytes
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import type { PGlite, Transaction as PgliteTransaction } from "@electric-sql/pglite";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type postgres from "postgres";
import type { Storage } from "../app/lib/storage.server";
import { MIGRATIONS_DIR, type Connection } from "./client";
import { readTar, tarStream, TarFormatError, type TarEntry, type TarEntryInput } from "./tar";

export const FORMAT = "natverksportalen-backup";
export const FORMAT_VERSION = 1;

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  source: { kind: "postgres" | "pglite"; serverVersion: string };
  /** The applied migrations (drizzle's __drizzle_migrations), oldest first. */
  migrations: { tag: string | null; createdAt: number; hash: string }[];
  tables: { name: string; columns: string[]; rows: number; bytes: number; sha256: string }[];
  sequences: { name: string; lastValue: string | null }[];
  objects: { key: string; size: number; sha256: string }[];
}

/** A refusal or a failure the operator can act on; the CLI prints its message alone. */
export class BackupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BackupError";
  }
}

const tableEntry = (table: string) => `database/${table}.copy`;
const objectEntry = (key: string) => `files/${key}`;

// ---------------------------------------------------------------------------------------
// The driver-level operations both directions need, for postgres.js and for PGlite.

interface Session {
  rows<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** The table's rows in COPY text format, never the whole table at once. */
  copyOut(table: string, columns: string[]): AsyncIterable<Uint8Array>;
  copyIn(table: string, columns: string[], data: AsyncIterable<Uint8Array>): Promise<void>;
}

export interface RawDatabase {
  readonly kind: "postgres" | "pglite";
  /**
   * Runs `fn` in one transaction with dump-friendly settings (UTC, ISO dates). "snapshot"
   * is REPEATABLE READ READ ONLY: every statement sees the same committed state.
   */
  transaction<T>(mode: "snapshot" | "write", fn: (session: Session) => Promise<T>): Promise<T>;
}

// Output that reads back identically whatever the target session's defaults are.
const SESSION_SETTINGS = [
  "set local timezone to 'UTC'",
  "set local datestyle to 'ISO, YMD'",
  "set local intervalstyle to 'postgres'",
  "set local extra_float_digits to 3",
  "set local bytea_output to 'hex'",
];

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const qualified = (table: string) => `public.${ident(table)}`;
const columnList = (columns: string[]) => columns.map(ident).join(", ");

export interface RawOptions {
  /** PGlite dumps a table this many 8 kB heap pages at a time (bounds memory). */
  pgliteChunkPages?: number;
  /** PGlite loads a table this many bytes of COPY data at a time. */
  pgliteLoadBytes?: number;
}

export function rawDatabase(connection: Connection, options: RawOptions = {}): RawDatabase {
  // The driver's own client: COPY streams need it unwrapped (see Connection.rawClient).
  const client = connection.rawClient;
  return connection.kind === "postgres"
    ? postgresRaw(client as postgres.Sql)
    : pgliteRaw(client as PGlite, options.pgliteChunkPages ?? 1024, options.pgliteLoadBytes ?? 4 * 1024 * 1024);
}

function postgresRaw(sql: postgres.Sql): RawDatabase {
  function session(tx: postgres.TransactionSql): Session {
    return {
      async rows<T>(text: string, params: unknown[] = []) {
        return (await tx.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
      },
      async *copyOut(table, columns) {
        const stream = await tx.unsafe(`copy ${qualified(table)} (${columnList(columns)}) to stdout`).readable();
        try {
          for await (const chunk of stream) yield chunk as Buffer;
        } finally {
          // postgres.js pauses the socket when the stream's buffer is full; if the COPY ends
          // in that same batch of messages nothing resumes it, and the next query on the
          // connection waits forever (porsager/postgres#499, fix pending in #1016). The
          // stream's read hook is what resumes the socket.
          (stream as unknown as { _read: (size: number) => void })._read(0);
        }
      },
      async copyIn(table, columns, data) {
        const query = tx.unsafe(`copy ${qualified(table)} (${columnList(columns)}) from stdin`) as unknown as
          postgres.PendingQuery<postgres.Row[]> & { reject: (err: unknown) => void };
        // postgres.js reports an error that arrives after the last chunk (a duplicate key
        // in the final rows, say) only by rejecting the query, whose promise has already
        // resolved to the stream: listen for it, or the load would wait forever.
        const failed = new Promise<never>((_, reject) => {
          const original = query.reject;
          query.reject = (err) => {
            reject(err);
            original(err);
          };
        });
        failed.catch(() => undefined);
        const writable = await query.writable();
        await Promise.race([pipeline(Readable.from(data, { objectMode: false }), writable), failed]);
      },
    };
  }
  return {
    kind: "postgres",
    async transaction(mode, fn) {
      const body = async (tx: postgres.TransactionSql) => {
        for (const statement of SESSION_SETTINGS) await tx.unsafe(statement);
        return fn(session(tx));
      };
      const result =
        mode === "snapshot" ? await sql.begin("isolation level repeatable read, read only", body) : await sql.begin(body);
      return result as Awaited<ReturnType<typeof fn>>;
    },
  };
}

function pgliteRaw(pg: PGlite, chunkPages: number, loadBytes: number): RawDatabase {
  function session(tx: PgliteTransaction): Session {
    return {
      async rows<T>(text: string, params: unknown[] = []) {
        return (await tx.query<T>(text, params)).rows;
      },
      // PGlite has no COPY TO STDOUT stream, but COPY TO '/dev/blob' of one range of heap
      // pages at a time (a TID range scan) bounds what is held at once.
      async *copyOut(table, columns) {
        const [size] = (
          await tx.query<{ pages: string }>(
            "select (pg_relation_size($1::regclass) / current_setting('block_size')::bigint)::text as pages",
            [qualified(table)],
          )
        ).rows;
        const pages = Number(size?.pages ?? 0);
        for (let start = 0; start < pages; start += chunkPages) {
          const result = await tx.query(
            `copy (select ${columnList(columns)} from ${qualified(table)} ` +
              `where ctid >= '(${start},0)'::tid and ctid < '(${start + chunkPages},0)'::tid) to '/dev/blob'`,
          );
          if (result.blob && result.blob.size > 0) yield new Uint8Array(await result.blob.arrayBuffer());
        }
      },
      async copyIn(table, columns, data) {
        const statement = `copy ${qualified(table)} (${columnList(columns)}) from '/dev/blob'`;
        const load = async (bytes: Buffer) => {
          await tx.query(statement, [], { blob: new Blob([new Uint8Array(bytes)]) });
        };
        // COPY text has one row per line (newlines inside values are escaped), so cutting
        // at a newline never splits a row.
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        for await (const chunk of data) {
          pending.push(Buffer.from(chunk));
          pendingBytes += chunk.length;
          if (pendingBytes < loadBytes) continue;
          const all = Buffer.concat(pending);
          const cut = all.lastIndexOf(0x0a) + 1;
          if (cut === 0) {
            pending = [all];
            continue;
          }
          await load(all.subarray(0, cut));
          pending = cut < all.length ? [all.subarray(cut)] : [];
          pendingBytes = all.length - cut;
        }
        if (pendingBytes > 0) await load(Buffer.concat(pending));
      },
    };
  }
  return {
    kind: "pglite",
    async transaction(mode, fn) {
      return pg.transaction(async (tx) => {
        if (mode === "snapshot") await tx.exec("set transaction isolation level repeatable read, read only");
        for (const statement of SESSION_SETTINGS) await tx.exec(statement);
        return fn(session(tx));
      });
    },
  };
}

// ---------------------------------------------------------------------------------------
// Catalog questions, the same on both databases.

interface TableInfo {
  name: string;
  /** Stored columns in table order; generated ones are recomputed on restore. */
  columns: string[];
}

async function listTables(s: Session): Promise<TableInfo[]> {
  const rows = await s.rows<{ name: string; columns: string }>(
    `select c.relname as name,
            coalesce(json_agg(a.attname order by a.attnum) filter (where a.attgenerated = ''), '[]')::text as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = 'public' and c.relkind = 'r'
      group by c.relname
      order by c.relname`,
  );
  return rows.map((r) => ({ name: r.name, columns: JSON.parse(r.columns) as string[] }));
}

async function appliedMigrations(s: Session): Promise<{ hash: string; createdAt: number }[]> {
  const [present] = await s.rows<{ present: boolean }>(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as present",
  );
  if (!present?.present) return [];
  const rows = await s.rows<{ hash: string; created_at: string }>(
    "select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id",
  );
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

interface CodeMigration {
  tag: string;
  createdAt: number;
  hash: string;
  sql: string;
}

/** The migrations this code ships, as drizzle's migrator reads and hashes them. */
function codeMigrations(): CodeMigration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  return journal.entries.map((entry, i) => ({
    tag: entry.tag,
    createdAt: entry.when,
    hash: files[i]!.hash,
    sql: fs.readFileSync(path.join(MIGRATIONS_DIR, `${entry.tag}.sql`), "utf8"),
  }));
}

async function countRows(s: Session, table: string): Promise<number> {
  const [row] = await s.rows<{ n: string }>(`select count(*)::text as n from ${qualified(table)}`);
  return Number(row?.n ?? 0);
}

function countNewlines(chunk: Uint8Array): number {
  let n = 0;
  for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) n++;
  return n;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

function errorCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err && typeof err.code === "string" ? err.code : undefined;
}

// ---------------------------------------------------------------------------------------
// Backup

export interface BackupOptions extends RawOptions {
  connection: Connection;
  storage: Storage;
  /** The archive to write; gzip-compressed unless the name ends in ".tar". Must not exist. */
  out: string;
  log?: (line: string) => void;
}

export interface BackupResult {
  file: string;
  archiveBytes: number;
  tables: number;
  rows: number;
  objects: number;
  objectBytes: number;
  manifest: Manifest;
}

export async function backup(options: BackupOptions): Promise<BackupResult> {
  const { connection, storage, out } = options;
  const log = options.log ?? (() => undefined);
  const raw = rawDatabase(connection, options);
  if (fs.existsSync(out)) throw new BackupError(`${out} already exists; choose another --out`);
  const spool = await fsp.mkdtemp(path.join(path.dirname(path.resolve(out)), ".backup-spool-"));
  const partial = `${out}.partial`;
  try {
    const code = codeMigrations();
    const manifest = await raw.transaction("snapshot", async (s) => {
      const applied = await appliedMigrations(s);
      if (applied.length === 0) throw new BackupError("The database has no migrations applied: nothing to back up");
      const [version] = await s.rows<{ version: string }>("select version() as version");
      const tables: Manifest["tables"] = [];
      for (const [i, table] of (await listTables(s)).entries()) {
        const expected = await countRows(s, table.name);
        const hash = createHash("sha256");
        let bytes = 0;
        let rows = 0;
        const file = path.join(spool, `${i}.copy`);
        await pipeline(
          Readable.from(
            (async function* () {
              for await (const chunk of s.copyOut(table.name, table.columns)) {
                hash.update(chunk);
                bytes += chunk.length;
                rows += countNewlines(chunk);
                yield chunk;
              }
            })(),
            { objectMode: false },
          ),
          fs.createWriteStream(file, { flags: "wx" }),
        );
        // The dump and count(*) see the same snapshot; a difference is a bug, not a race.
        if (rows !== expected) throw new BackupError(`Dumped ${rows} rows of ${table.name}, but it has ${expected}`);
        tables.push({ name: table.name, columns: table.columns, rows, bytes, sha256: hash.digest("hex") });
      }
      const sequences = await s.rows<{ name: string; lastValue: string | null }>(
        `select sequencename as "name", last_value::text as "lastValue"
           from pg_sequences where schemaname = 'public' order by sequencename`,
      );
      // The one table that refers to stored objects. Restoring an old version reuses its
      // key, so a key can appear more than once, always with the same bytes.
      const objects = new Map<string, { key: string; size: number; sha256: string }>();
      const [hasVersions] = await s.rows<{ present: boolean }>(
        "select to_regclass('public.document_versions') is not null as present",
      );
      if (hasVersions?.present) {
        const rows = await s.rows<{ key: string; size: string; sha256: string }>(
          "select storage_key as key, size::text as size, sha256 from document_versions order by storage_key",
        );
        for (const row of rows) {
          const object = { key: row.key, size: Number(row.size), sha256: row.sha256 };
          const seen = objects.get(row.key);
          if (seen && (seen.size !== object.size || seen.sha256 !== object.sha256)) {
            throw new BackupError(`document_versions gives two different sizes or checksums for stored object ${row.key}`);
          }
          objects.set(row.key, object);
        }
      }
      return {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        source: { kind: connection.kind, serverVersion: version?.version ?? "" },
        migrations: applied.map((m) => ({
          tag: code.find((c) => c.createdAt === m.createdAt)?.tag ?? null,
          createdAt: m.createdAt,
          hash: m.hash,
        })),
        tables,
        sequences,
        objects: [...objects.values()],
      } satisfies Manifest;
    });
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    log(`Database: ${manifest.tables.length} tables, ${rows} rows (one snapshot, migration level ${manifest.migrations.at(-1)?.tag ?? "?"})`);

    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8");
    const mtime = new Date(manifest.createdAt);
    let copied = 0;
    const entries = function* (): Generator<TarEntryInput> {
      yield { name: "manifest.json", size: manifestBytes.length, mtime, body: () => Readable.from([manifestBytes]) };
      for (const [i, table] of manifest.tables.entries()) {
        const file = path.join(spool, `${i}.copy`);
        yield { name: tableEntry(table.name), size: table.bytes, mtime, body: () => fs.createReadStream(file) };
      }
      for (const object of manifest.objects) {
        yield {
          name: objectEntry(object.key),
          size: object.size,
          mtime,
          body: () => verifiedObject(storage, object, () => (copied += 1)),
        };
      }
    };
    const gzip = !out.endsWith(".tar");
    const source = Readable.from(tarStream(entries()), { objectMode: false });
    const target = fs.createWriteStream(partial, { flags: "wx" });
    if (gzip) await pipeline(source, zlib.createGzip({ level: 6 }), target);
    else await pipeline(source, target);
    // Durable before it takes the final name: a crash leaves a .partial, never a short archive.
    const handle = await fsp.open(partial, "r+");
    await handle.sync();
    await handle.close();
    await fsp.rename(partial, out);
    const objectBytes = manifest.objects.reduce((n, o) => n + o.size, 0);
    log(`Files: ${copied} stored objects, ${formatBytes(objectBytes)}, sizes and SHA-256 checked`);
    const archiveBytes = (await fsp.stat(out)).size;
    return {
      file: out,
      archiveBytes,
      tables: manifest.tables.length,
      rows,
      objects: manifest.objects.length,
      objectBytes,
      manifest,
    };
  } catch (err) {
    await fsp.rm(partial, { force: true });
    throw err;
  } finally {
    await fsp.rm(spool, { recursive: true, force: true });
  }
}

/** The object's bytes from storage, failing unless size and SHA-256 are what the database says. */
async function* verifiedObject(
  storage: Storage,
  object: { key: string; size: number; sha256: string },
  done: () => void,
): AsyncGenerator<Buffer> {
  let stream: Readable;
  try {
    stream = await storage.get(object.key);
  } catch (err) {
    if (errorCode(err) === "ENOENT") {
      throw new BackupError(`Stored object ${object.key} (in document_versions) is missing from the ${storage.kind} storage`, {
        cause: err,
      });
    }
    throw err;
  }
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > object.size) break;
    hash.update(buf);
    yield buf;
  }
  stream.destroy();
  const sha256 = hash.digest("hex");
  if (size !== object.size || sha256 !== object.sha256) {
    throw new BackupError(
      `Stored object ${object.key} does not match document_versions: expected ${object.size} bytes with SHA-256 ${object.sha256}, ` +
        (size > object.size ? `found more than ${object.size} bytes` : `found ${size} bytes with SHA-256 ${sha256}`),
    );
  }
  done();
}

// ---------------------------------------------------------------------------------------
// Restore

export interface RestoreOptions extends RawOptions {
  connection: Connection;
  storage: Storage;
  archive: string;
  /** The folder of fs storage: restore refuses unless it holds no files (the Storage interface cannot list). */
  filesDir?: string;
  log?: (line: string) => void;
}

export interface RestoreResult {
  tables: number;
  rows: number;
  objects: number;
  objectBytes: number;
  /** Migrations applied after loading, to bring the archive's schema to this code's. */
  migratedAfter: number;
  manifest: Manifest;
}

/** The archive's bytes, gunzipped when it starts with the gzip magic number. */
async function openArchive(file: string): Promise<Readable> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, "r");
  } catch (err) {
    if (errorCode(err) === "ENOENT") throw new BackupError(`No such archive: ${file}`);
    throw err;
  }
  const magic = Buffer.alloc(2);
  await handle.read(magic, 0, 2, 0);
  await handle.close();
  const stream = fs.createReadStream(file);
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return stream;
  const gunzip = zlib.createGunzip();
  stream.on("error", (err) => gunzip.destroy(err));
  // A restore that stops early destroys the gunzip stream; close the file with it.
  gunzip.on("close", () => stream.destroy());
  return stream.pipe(gunzip);
}

async function readAll(body: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw new BackupError("manifest.json is implausibly large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseManifest(bytes: Buffer): Manifest {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(bytes.toString("utf8")) as Manifest;
  } catch (err) {
    throw new BackupError("The archive is damaged: manifest.json is not valid JSON", { cause: err });
  }
  if (manifest.format !== FORMAT) throw new BackupError("This is not a Nätverksportalen backup (unknown manifest format)");
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw new BackupError(`The archive has format version ${manifest.formatVersion}; this code reads version ${FORMAT_VERSION}`);
  }
  if (!Array.isArray(manifest.tables) || !Array.isArray(manifest.objects) || !Array.isArray(manifest.migrations)) {
    throw new BackupError("The archive is damaged: manifest.json lacks tables, objects or migrations");
  }
  return manifest;
}

/** How many of this code's migrations the archive has applied; refuses an archive the code cannot load. */
function archiveLevel(manifest: Manifest, code: CodeMigration[]): number {
  const archived = manifest.migrations;
  if (archived.length > code.length) {
    const last = archived.at(-1)!;
    throw new BackupError(
      `The archive comes from a newer version of the portal (migration ${last.tag ?? last.createdAt}); ` +
        `this code only knows migrations up to ${code.at(-1)?.tag}. Restore with the same or a newer version.`,
    );
  }
  archived.forEach((m, i) => {
    const c = code[i]!;
    if (m.createdAt !== c.createdAt || m.hash !== c.hash) {
      throw new BackupError(
        `The archive's migration ${i + 1} (${m.tag ?? m.createdAt}) differs from this code's ${c.tag}: ` +
          "the archive was made by a different line of the portal and cannot be restored with this version",
      );
    }
  });
  return archived.length;
}

/** A copy of the committed migrations that stops after the first `count`. */
async function migrationsUpTo(code: CodeMigration[], count: number): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "np-migrations-"));
  await fsp.mkdir(path.join(dir, "meta"));
  const journal = JSON.parse(await fsp.readFile(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  journal.entries = journal.entries.slice(0, count);
  await fsp.writeFile(path.join(dir, "meta", "_journal.json"), JSON.stringify(journal, null, 2));
  for (const m of code.slice(0, count)) await fsp.writeFile(path.join(dir, `${m.tag}.sql`), m.sql);
  return dir;
}

async function hasFiles(dir: string): Promise<boolean> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (errorCode(err) === "ENOENT") return false;
    throw err;
  }
  for (const entry of entries) {
    if (entry.isDirectory() ? await hasFiles(path.join(dir, entry.name)) : true) return true;
  }
  return false;
}

async function checkTargetEmpty(
  raw: RawDatabase,
  storage: Storage,
  manifest: Manifest,
  filesDir: string | undefined,
): Promise<void> {
  const { applied, filled } = await raw.transaction("snapshot", async (s) => {
    const filled: string[] = [];
    for (const table of await listTables(s)) {
      const [row] = await s.rows<{ present: boolean }>(`select exists (select 1 from ${qualified(table.name)}) as present`);
      if (row?.present) filled.push(table.name);
    }
    return { applied: await appliedMigrations(s), filled };
  });
  if (filled.length > 0) {
    throw new BackupError(
      `The target database is not empty (rows in ${filled.slice(0, 5).join(", ")}${filled.length > 5 ? ", …" : ""}). ` +
        "Restore only into a new, empty database.",
    );
  }
  const prefix = applied.every(
    (m, i) => manifest.migrations[i]?.createdAt === m.createdAt && manifest.migrations[i]?.hash === m.hash,
  );
  if (applied.length > manifest.migrations.length || !prefix) {
    throw new BackupError(
      "The target database's schema is newer than the archive's (or different). Restore into a new, empty database; " +
        "the restore creates the schema itself.",
    );
  }
  if (filesDir && (await hasFiles(filesDir))) {
    throw new BackupError(`The target file folder ${filesDir} is not empty. Restore into an empty folder.`);
  }
  // Interface-only check that works for S3 too: none of the archive's keys may exist.
  for (let i = 0; i < manifest.objects.length; i += 16) {
    const batch = manifest.objects.slice(i, i + 16);
    const found = await Promise.all(batch.map(async (o) => ((await storage.exists(o.key)) ? o.key : null)));
    const taken = found.find((key) => key !== null);
    if (taken) {
      throw new BackupError(`The target ${storage.kind} storage already holds ${taken}. Restore into empty storage.`);
    }
  }
}

export async function restore(options: RestoreOptions): Promise<RestoreResult> {
  const { connection, storage } = options;
  const log = options.log ?? (() => undefined);
  const raw = rawDatabase(connection, options);
  const entries = readTar(await openArchive(options.archive));
  let closed = false;
  try {
    const first = await nextEntry(entries);
    if (!first || first.name !== "manifest.json") {
      throw new BackupError("This is not a Nätverksportalen backup: it does not start with manifest.json");
    }
    const manifest = parseManifest(await readAll(first.body, 512 * 1024 * 1024));
    const code = codeMigrations();
    const level = archiveLevel(manifest, code);
    await checkTargetEmpty(raw, storage, manifest, options.filesDir);

    // The schema as the archive knew it, so every column it holds has a place.
    if (level === code.length) {
      await connection.migrate();
    } else {
      const folder = await migrationsUpTo(code, level);
      try {
        await connection.migrate({ migrationsFolder: folder });
      } finally {
        await fsp.rm(folder, { recursive: true, force: true });
      }
    }

    const stored: string[] = [];
    let objectBytes = 0;
    try {
      await raw.transaction("write", async (s) => {
        // Foreign keys are dropped for the load and re-created (and so re-checked) at the
        // end, as pg_dump does: rows then load in any order, self-references included.
        const foreignKeys = await s.rows<{ table: string; name: string; definition: string }>(
          `select cl.relname as "table", co.conname as "name", pg_get_constraintdef(co.oid) as "definition"
             from pg_constraint co
             join pg_class cl on cl.oid = co.conrelid
             join pg_namespace n on n.oid = cl.relnamespace
            where co.contype = 'f' and n.nspname = 'public'
            order by cl.relname, co.conname`,
        );
        for (const fk of foreignKeys) {
          await s.rows(`alter table ${qualified(fk.table)} drop constraint ${ident(fk.name)}`);
        }

        const tables = new Map(manifest.tables.map((t) => [tableEntry(t.name), t]));
        const objects = new Map(manifest.objects.map((o) => [objectEntry(o.key), o]));
        for (let entry = await nextEntry(entries); entry; entry = await nextEntry(entries)) {
          const table = tables.get(entry.name);
          const object = objects.get(entry.name);
          if (table) {
            tables.delete(entry.name);
            await loadTable(s, table, entry);
          } else if (object) {
            objects.delete(entry.name);
            let result;
            try {
              result = await storage.put(object.key, Readable.from(entry.body, { objectMode: false }), {
                maxBytes: object.size,
              });
            } catch (err) {
              if (err instanceof Error && err.name === "SizeLimitError") throw damaged(`${entry.name} is larger than the manifest says`);
              throw err;
            }
            stored.push(object.key);
            if (result.size !== object.size || result.sha256 !== object.sha256) {
              throw damaged(`${entry.name} does not match its SHA-256 in the manifest`);
            }
            objectBytes += result.size;
          } else {
            throw damaged(`unexpected entry ${entry.name}`);
          }
        }
        closed = true;
        const missing = [...tables.keys(), ...objects.keys()];
        if (missing.length > 0) throw damaged(`missing ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""}`);

        for (const fk of foreignKeys) {
          try {
            await s.rows(`alter table ${qualified(fk.table)} add constraint ${ident(fk.name)} ${fk.definition}`);
          } catch (err) {
            throw new BackupError(`The archive's rows break the foreign key ${fk.name} on ${fk.table}: ${String(err)}`, { cause: err });
          }
        }
        for (const sequence of manifest.sequences) {
          if (sequence.lastValue === null) continue;
          await s.rows("select setval($1::regclass, $2::bigint, true)", [`public.${ident(sequence.name)}`, sequence.lastValue]);
        }
        for (const table of manifest.tables) {
          const rows = await countRows(s, table.name);
          if (rows !== table.rows) throw damaged(`${table.name} has ${rows} rows after loading, the manifest says ${table.rows}`);
        }
      });
    } catch (err) {
      // The database rolled back; take the files back out too.
      for (const key of stored) await storage.delete(key).catch(() => undefined);
      throw err;
    }
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    log(`Database: ${manifest.tables.length} tables, ${rows} rows loaded and counted`);
    log(`Files: ${manifest.objects.length} stored objects, ${formatBytes(objectBytes)}, SHA-256 checked`);

    // Then up to this code's schema, as the server would at its next start.
    const migratedAfter = code.length - level;
    if (migratedAfter > 0) {
      await connection.migrate();
      log(`Applied ${migratedAfter} newer migrations`);
    }
    return { tables: manifest.tables.length, rows, objects: manifest.objects.length, objectBytes, migratedAfter, manifest };
  } catch (err) {
    if (err instanceof TarFormatError) throw damaged(err.message, err);
    if (errorCode(err)?.startsWith("Z_")) throw damaged(`gzip: ${(err as Error).message}`, err);
    throw err;
  } finally {
    if (!closed) await entries.return(undefined).catch(() => undefined);
  }
}

function damaged(detail: string, cause?: unknown): BackupError {
  return new BackupError(`The archive is damaged: ${detail}. Nothing was restored.`, { cause });
}

async function nextEntry(entries: AsyncGenerator<TarEntry>): Promise<TarEntry | undefined> {
  const next = await entries.next();
  return next.done ? undefined : next.value;
}

async function loadTable(s: Session, table: Manifest["tables"][number], entry: TarEntry): Promise<void> {
  const hash = createHash("sha256");
  let bytes = 0;
  const tapped = (async function* () {
    for await (const chunk of entry.body) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  })();
  try {
    await s.copyIn(table.name, table.columns, tapped);
  } catch (err) {
    if (err instanceof TarFormatError || errorCode(err)?.startsWith("Z_")) throw err;
    // A damaged dump usually fails to parse before its checksum can be compared.
    throw new BackupError(`Loading ${table.name} failed: ${err instanceof Error ? err.message : String(err)}. Nothing was restored.`, {
      cause: err,
    });
  }
  if (bytes !== table.bytes || hash.digest("hex") !== table.sha256) {
    throw damaged(`${entry.name} does not match its SHA-256 in the manifest`);
  }
}

/**
 * The embedded database must not be open in another process (PGlite has no lock of its
 * own, and two writers corrupt it). PGlite keeps postmaster.pid while it is open.
 */
export function assertEmbeddedDatabaseIdle(dataDir: string): void {
  if (fs.existsSync(path.join(dataDir, "postmaster.pid"))) {
    throw new BackupError(
      `The embedded database in ${dataDir} is in use (postmaster.pid exists): stop the portal first. ` +
        "If the portal is not running (it stopped abruptly), start it once and stop it cleanly, then try again.",
    );
  }
}

/**
 * `npm run restore -- FILE`: brings a backup archive into an empty instance, configured
 * like the server (DATABASE_URL or DATA_DIR; FILES_DIR or S3_*). See db/backup.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createStorage } from "../app/lib/storage.server";
import { assertEmbeddedDatabaseIdle, BackupError, restore } from "./backup";
import { configFromEnv, createConnection } from "./client";

const usage = `Usage: npm run restore -- FILE

Restores an archive made by \`npm run backup\` into the configured instance, which must be
empty: a new PostgreSQL database (DATABASE_URL) or a DATA_DIR without an embedded database,
and an empty file folder or bucket. Checks every table's row count and every file's
SHA-256; on any error nothing is left behind.`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { help: { type: "boolean", short: "h" } } });
} catch (err) {
  fail(`${(err as Error).message}\n\n${usage}`);
}
if (parsed.values.help) {
  console.log(usage);
  process.exit(0);
}
if (parsed.positionals.length !== 1) fail(usage);
const archive = path.resolve(parsed.positionals[0]!);
if (!fs.existsSync(archive)) fail(`No such archive: ${archive}`);

const config = configFromEnv();
if (!config.databaseUrl) {
  const dataDir = config.dataDir ?? "";
  if (dataDir.startsWith("memory://")) fail("DATA_DIR=memory:// would throw the restored data away; set DATA_DIR or DATABASE_URL.");
  try {
    assertEmbeddedDatabaseIdle(dataDir);
  } catch (err) {
    fail((err as Error).message);
  }
}
// The same folder createStorage() uses when no bucket is configured.
const filesDir = process.env.S3_BUCKET?.trim()
  ? undefined
  : path.resolve(process.env.FILES_DIR || path.join(process.env.DATA_DIR || "./data", "files"));

const started = Date.now();
const connection = createConnection({ ...config, poolMax: 2 });
try {
  const where = connection.kind === "postgres" ? "PostgreSQL" : `the embedded database in ${config.dataDir}`;
  console.log(`Restoring ${archive} into ${where}${filesDir ? ` and ${filesDir}` : " and the S3 bucket"}…`);
  const result = await restore({ connection, storage: createStorage(), archive, filesDir, log: (line) => console.log(line) });
  const from = result.manifest.source.kind === "pglite" ? "an embedded database" : "PostgreSQL";
  console.log(
    `Restored the backup of ${from} made ${result.manifest.createdAt} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
} catch (err) {
  process.exitCode = 1;
  if (err instanceof BackupError) console.error(`Restore failed: ${err.message}`);
  else console.error("Restore failed:", err);
} finally {
  await connection.close();
}

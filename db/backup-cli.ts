/**
 * `npm run backup -- [--out FILE]`: one archive with a consistent dump of the configured
 * database and every stored document (see db/backup.ts and the README).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createStorage } from "../app/lib/storage.server";
import { assertEmbeddedDatabaseIdle, backup, BackupError } from "./backup";
import { configFromEnv, createConnection } from "./client";

const usage = `Usage: npm run backup -- [--out FILE]

Writes one archive (gzip-compressed tar; plain tar when FILE ends in .tar) with a consistent
dump of the database and every stored document. Reads the same configuration as the
server: DATABASE_URL, or the embedded database in DATA_DIR (stop the portal first), and
FILES_DIR or S3_*. Default FILE: natverksportalen-backup-<UTC time>.tar.gz`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args;
try {
  args = parseArgs({ options: { out: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } } }).values;
} catch (err) {
  fail(`${(err as Error).message}\n\n${usage}`);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

const config = configFromEnv();
if (!config.databaseUrl) {
  const dataDir = config.dataDir ?? "";
  if (dataDir.startsWith("memory://")) fail("DATA_DIR=memory:// keeps nothing to back up.");
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) fail(`There is no embedded database in ${dataDir} (check DATA_DIR).`);
  try {
    assertEmbeddedDatabaseIdle(dataDir);
  } catch (err) {
    fail((err as Error).message);
  }
}

const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
const out = path.resolve(args.out ?? `natverksportalen-backup-${stamp}.tar.gz`);
const started = Date.now();
const connection = createConnection({ ...config, poolMax: 2 });
try {
  console.log(`Backing up ${connection.kind === "postgres" ? "PostgreSQL" : `the embedded database in ${config.dataDir}`}…`);
  const result = await backup({ connection, storage: createStorage(), out, log: (line) => console.log(line) });
  const mb = (result.archiveBytes / 1024 / 1024).toFixed(1);
  console.log(`Wrote ${result.file} (${mb} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (err) {
  process.exitCode = 1;
  if (err instanceof BackupError) console.error(`Backup failed: ${err.message}`);
  else console.error("Backup failed:", err);
} finally {
  await connection.close();
}

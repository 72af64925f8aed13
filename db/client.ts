/**
 * The one module that knows which database the portal runs on. Everything above it
 * sees a Drizzle `Database`: PostgreSQL through postgres.js when DATABASE_URL is set,
 * otherwise PGlite (PostgreSQL compiled to WebAssembly) in the data folder.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { createGate, guardClient } from "./availability";
import { queryCounter } from "./query-counter";
import * as schema from "./schema/index";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface ConnectionConfig {
  /** postgres://… ; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** Folder for PGlite's files; "memory://" keeps it in memory (tests). */
  dataDir?: string;
  poolMax?: number;
  /** How long a query may wait for a free pooled connection before DatabaseBusyError; 0 waits forever. */
  acquireTimeoutMs?: number;
  /**
   * Named (server-side prepared) statements, parsed once per connection: on unless turned
   * off for a connection pooler in transaction mode that cannot keep them (PgBouncer
   * before 1.21, or with max_prepared_statements = 0).
   */
  preparedStatements?: boolean;
}

export interface Connection {
  readonly kind: "postgres" | "pglite";
  readonly db: Database;
  /**
   * The driver's own client (postgres.js or PGlite), without the availability gate: for
   * tools that stream COPY data (backup and restore), which the gate's wrapper cannot.
   */
  readonly rawClient: unknown;
  /**
   * Applies the committed SQL migrations; safe when several instances start at once.
   * `migrationsFolder` (default: the committed ones) lets a restore stop at the level of
   * the backup it loads.
   */
  migrate(options?: { migrationsFolder?: string }): Promise<void>;
  /** Resolves when the database answers within `timeoutMs`, rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

// db/client.ts and build/index.js (where this file is bundled) both sit one level
// below the repository root, so the migrations are found from either.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const MIGRATIONS_DIR = path.join(ROOT, "db", "migrations");

// Arbitrary but fixed: every instance takes this advisory lock before migrating.
const MIGRATION_LOCK_KEY = 4_711_2026;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Closing twice (a second SIGTERM, a test's own cleanup) must not throw. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

/** The same server's URL with another database name (test and benchmark databases). */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectionConfig {
  const dataDir = env.DATA_DIR ?? "./data";
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: dataDir.startsWith("memory://") ? dataDir : path.resolve(dataDir, "pglite"),
    poolMax: env.DATABASE_POOL_MAX ? Number(env.DATABASE_POOL_MAX) : undefined,
    acquireTimeoutMs: env.DATABASE_ACQUIRE_TIMEOUT_MS ? Number(env.DATABASE_ACQUIRE_TIMEOUT_MS) : undefined,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS !== "false",
  };
}

export function createConnection(config: ConnectionConfig): Connection {
  if (config.databaseUrl)
    return createPostgresConnection(config.databaseUrl, config.poolMax ?? 10, config.acquireTimeoutMs ?? 5000, config.preparedStatements ?? true);
  return createPgliteConnection(config.dataDir ?? "memory://");
}

function createPostgresConnection(url: string, poolMax: number, acquireTimeoutMs: number, preparedStatements: boolean): Connection {
  // A server that is down refuses at once; one that does not answer at all costs at most
  // connect_timeout. After a restart the pool reconnects by itself on the next query.
  const client = postgres(url, {
    max: poolMax,
    connect_timeout: 5,
    idle_timeout: 60,
    // Between reconnection attempts to a server that is away, postgres.js waits up to 20 s
    // by default, and so does every request that needs a connection. At most a second
    // here: during an outage requests are answered 503 at once, and the first request
    // after it gets through.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
    onnotice: () => {},
  });
  // Every query waits at most acquireTimeoutMs for a connection, and a restart of
  // PostgreSQL cannot crash the process (see db/availability.ts).
  const guarded = guardClient(client, acquireTimeoutMs > 0 ? createGate(poolMax, acquireTimeoutMs) : null, { prepare: preparedStatements });
  const db = drizzlePostgres(guarded, { schema, logger: queryCounter }) as unknown as Database;
  return {
    kind: "postgres",
    db,
    rawClient: client,
    async migrate(options) {
      // A session-level advisory lock on a dedicated connection: a second instance
      // waits here and then finds nothing left to apply.
      const lockClient = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(lockClient), {
          migrationsFolder: options?.migrationsFolder ?? MIGRATIONS_DIR,
        });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await lockClient.end({ timeout: 5 });
      }
    },
    async ping(timeoutMs = 2000) {
      await withTimeout(client`select 1`.execute(), timeoutMs);
    },
    close: once(() => client.end({ timeout: 3 })),
  };
}

function createPgliteConnection(dataDir: string): Connection {
  if (!dataDir.startsWith("memory://")) fs.mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzlePglite(client, { schema, logger: queryCounter }) as unknown as Database;
  return {
    kind: "pglite",
    db,
    rawClient: client,
    async migrate(options) {
      // PGlite is a single process's database: nobody else can be migrating it.
      await migratePglite(drizzlePglite(client), { migrationsFolder: options?.migrationsFolder ?? MIGRATIONS_DIR });
    },
    async ping(timeoutMs = 2000) {
      await withTimeout(db.execute(sql`select 1`), timeoutMs);
    },
    close: once(() => client.close()),
  };
}

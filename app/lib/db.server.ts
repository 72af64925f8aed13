import type { SQL } from "drizzle-orm";
import { configFromEnv, createConnection } from "../../db/client";

/** The process-wide connection, configured from the environment (see README). */
export const connection = createConnection(configFromEnv());
export const db = connection.db;
export type { Database } from "../../db/client";

/** Rows of a raw query, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export async function rowsOf<T>(query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

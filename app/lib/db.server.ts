import { configFromEnv, createConnection } from "../../db/client";

/** The process-wide connection, configured from the environment (see README). */
export const connection = createConnection(configFromEnv());
export const db = connection.db;
export type { Database } from "../../db/client";

import { customType } from "drizzle-orm/pg-core";

/** PostgreSQL's tsvector, for generated full-text search columns. */
export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

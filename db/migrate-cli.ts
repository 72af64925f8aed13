/** `npm run db:migrate`: applies the committed migrations to the configured database. */
import { configFromEnv, createConnection } from "./client";

const connection = createConnection(configFromEnv());
try {
  await connection.migrate();
  console.log(`Migrations applied (${connection.kind}).`);
} finally {
  await connection.close();
}

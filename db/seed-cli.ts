/** `npm run db:seed`: migrates, then seeds whichever database is configured. */
import { hashPassword } from "../app/auth/password.server";
import { configFromEnv, createConnection } from "./client";
import { DEMO_PASSWORD, seed } from "./seed";

const connection = createConnection(configFromEnv());
try {
  await connection.migrate();
  const counts = await seed(connection.db, await hashPassword(DEMO_PASSWORD));
  console.log(
    `Seeded ${connection.kind}: ${counts.organisations} organisations, ${counts.people} people, ${counts.networks} networks.`,
  );
} finally {
  await connection.close();
}

/** `npm run db:seed`: migrates, then seeds whichever database is configured. */
import { hashPassword } from "../app/auth/password.server";
import { configFromEnv, createConnection } from "./client";
import { createStorage } from "../app/lib/storage.server";
import { DEMO_PASSWORD, seed } from "./seed";
import { seedLibrary } from "./seed-library";

const connection = createConnection(configFromEnv());
try {
  await connection.migrate();
  const counts = await seed(connection.db, await hashPassword(DEMO_PASSWORD));
  const documents = await seedLibrary(connection.db, createStorage());
  console.log(
    `Seeded ${connection.kind}: ${counts.organisations} organisations, ${counts.people} people, ${counts.networks} networks, ${documents} documents.`,
  );
} finally {
  await connection.close();
}

/** Demo data for integration tests: the same seed the portal ships with. */
import { eq, sql } from "drizzle-orm";
import { networks, users } from "../../db/schema/index";
import { DEMO_PASSWORD, seed } from "../../db/seed";
import { actorOf, type Actor } from "~/auth/policy";
import { hashPassword } from "~/auth/password.server";
import { db } from "~/lib/db.server";

export { DEMO_PASSWORD };

/** The demo data, dated from `now` (the real clock unless a test fixes its own). */
export async function seedDemo(now = new Date()) {
  return seed(db, await hashPassword(DEMO_PASSWORD), now);
}

export async function userByEmail(email: string) {
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  if (!user) throw new Error(`no such demo user: ${email}`);
  return user;
}

export async function actorByEmail(email: string): Promise<Actor> {
  return actorOf(await userByEmail(email));
}

export async function networkBySlug(slug: string) {
  const [network] = await db.select().from(networks).where(eq(networks.slug, slug));
  if (!network) throw new Error(`no such demo network: ${slug}`);
  return network;
}

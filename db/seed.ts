/**
 * Demo data: the organisations and networks of the seeds, with invented people.
 * Idempotent: running it again updates what it created and adds what is missing.
 */
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database } from "./client";
import { networkOrganisations, networkPeople, networks, organisations, users } from "./schema/index";
import * as data from "./seed-data";
import { seedMeetings } from "./seed-meetings";
import { seedUpdates } from "./seed-updates";

export { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "./seed-data";

export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
  return (row?.n ?? 0) === 0;
}

/**
 * `passwordHash` is the argon2id hash of DEMO_PASSWORD, given by the caller. Meetings and
 * posts are dated relative to `now` (upcoming meeting in two weeks, posts of the last
 * weeks), so a test that works at fixed times seeds with one of its own and does not
 * depend on the day it runs.
 */
export async function seed(db: Database, passwordHash: string, now = new Date()): Promise<{ organisations: number; people: number; networks: number }> {
  return db.transaction(async (tx) => {
    const orgIds = new Map<string, string>();
    for (const o of data.organisations) {
      const values = {
        name: o.name,
        shortName: o.shortName,
        kind: o.kind,
        orgNumber: o.orgNumber ?? null,
        website: o.website ?? null,
      };
      const [row] = await tx
        .insert(organisations)
        .values(values)
        .onConflictDoUpdate({ target: organisations.name, set: values })
        .returning({ id: organisations.id });
      orgIds.set(o.key, row!.id);
    }

    const userIds = new Map<string, string>();
    for (const p of data.people) {
      const organisationId = orgIds.get(p.orgKey);
      if (!organisationId) throw new Error(`seed: unknown organisation ${p.orgKey} for ${p.email}`);
      const values = {
        organisationId,
        name: p.name,
        title: p.title,
        email: p.email.toLowerCase(),
        phone: p.phone,
        locale: p.locale ?? ("sv" as const),
        status: "active" as const,
        passwordHash,
        isPlatformAdmin: p.isPlatformAdmin ?? false,
        isOrgAdmin: p.isOrgAdmin ?? false,
      };
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, values.email));
      if (existing) {
        await tx.update(users).set(values).where(eq(users.id, existing.id));
        userIds.set(p.email, existing.id);
      } else {
        const [row] = await tx.insert(users).values(values).returning({ id: users.id });
        userIds.set(p.email, row!.id);
      }
    }

    // Parents before groups, whatever order the data lists them in.
    const ordered = [...data.networks].sort((a, b) => Number(Boolean(a.parentSlug)) - Number(Boolean(b.parentSlug)));
    const networkIds = new Map<string, string>();
    for (const n of ordered) {
      const parentId = n.parentSlug ? networkIds.get(n.parentSlug) : null;
      if (n.parentSlug && !parentId) throw new Error(`seed: unknown parent ${n.parentSlug} of ${n.slug}`);
      const values = { slug: n.slug, name: n.name, kind: n.kind, description: n.description, parentId: parentId ?? null };
      const [row] = await tx
        .insert(networks)
        .values(values)
        .onConflictDoUpdate({ target: networks.slug, set: values })
        .returning({ id: networks.id });
      const networkId = row!.id;
      networkIds.set(n.slug, networkId);

      for (const key of n.memberOrgKeys) {
        const organisationId = orgIds.get(key);
        if (!organisationId) throw new Error(`seed: unknown organisation ${key} in ${n.slug}`);
        await tx.insert(networkOrganisations).values({ networkId, organisationId }).onConflictDoNothing();
      }
      const roles = [
        ...n.coordinatorEmails.map((email) => ({ email, role: "coordinator" as const })),
        ...n.groupMemberEmails.map((email) => ({ email, role: "member" as const })),
      ];
      for (const { email, role } of roles) {
        const userId = userIds.get(email);
        if (!userId) throw new Error(`seed: unknown person ${email} in ${n.slug}`);
        await tx.insert(networkPeople).values({ networkId, userId, role }).onConflictDoNothing();
      }
    }
    // Those who must use MFA get the demo secret (see README), so demo sign-in works.
    await tx
      .update(users)
      .set({ mfaSecret: data.DEMO_TOTP_SECRET, mfaEnabledAt: now })
      .where(
        and(
          isNull(users.mfaSecret),
          or(eq(users.isPlatformAdmin, true), inArray(users.id, tx.select({ id: networkPeople.userId }).from(networkPeople).where(eq(networkPeople.role, "coordinator")))),
        ),
      );
    await seedMeetings(tx, now);
    await seedUpdates(tx, now);
    return { organisations: orgIds.size, people: userIds.size, networks: networkIds.size };
  });
}

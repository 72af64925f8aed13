import { and, eq, gt, lt } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemo } from "~/test/demo";
import { actionItems, agendaItems, assignments, meetingMinutes, meetings, networks, organisations, postNetworks, posts, users } from "./schema/index";

describe("demo data", () => {
  it("can be seeded twice without duplicates, and gives Myndighetsnätverket its demo meetings", async () => {
    const first = await seedDemo();
    const second = await seedDemo();
    expect(second).toEqual(first);
    expect((await db.select().from(organisations)).length).toBe(first.organisations);
    expect((await db.select().from(users)).length).toBe(first.people);

    const [network] = await db.select().from(networks).where(eq(networks.slug, "myndighetsnatverket"));
    const all = await db.select().from(meetings).where(eq(meetings.networkId, network!.id));
    expect(all).toHaveLength(3);
    const now = new Date();
    const upcoming = await db.select().from(meetings).where(and(eq(meetings.networkId, network!.id), gt(meetings.startsAt, now)));
    expect(upcoming).toHaveLength(1);
    expect((await db.select().from(agendaItems).where(eq(agendaItems.meetingId, upcoming[0]!.id))).length).toBeGreaterThan(0);
    expect(all.filter((m) => m.status === "polling")).toHaveLength(1);
    const [past] = await db.select().from(meetings).where(and(eq(meetings.networkId, network!.id), lt(meetings.endsAt, now)));
    const [minutes] = await db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, past!.id));
    expect(minutes?.status).toBe("published");
    expect((await db.select().from(actionItems).where(eq(actionItems.meetingId, past!.id))).length).toBe(3);
  });

  it("gives at least 8 agencies assignments, Myndighetsnätverket 12+ updates from several organisations, and both networks announcements", async () => {
    await seedDemo();
    const assigned = await db.selectDistinct({ org: assignments.organisationId }).from(assignments);
    expect(assigned.length).toBeGreaterThanOrEqual(8);
    const inNetwork = (slug: string) =>
      db
        .select({ type: posts.type, org: posts.organisationId })
        .from(posts)
        .innerJoin(postNetworks, eq(postNetworks.postId, posts.id))
        .innerJoin(networks, eq(networks.id, postNetworks.networkId))
        .where(eq(networks.slug, slug));
    const authority = await inNetwork("myndighetsnatverket");
    const updates = authority.filter((p) => p.type === "update");
    expect(updates.length).toBeGreaterThanOrEqual(12);
    expect(new Set(updates.map((u) => u.org)).size).toBeGreaterThanOrEqual(8);
    expect(authority.some((p) => p.type === "announcement")).toBe(true);
    expect((await inNetwork("ideella-organisationer")).some((p) => p.type === "announcement")).toBe(true);
  });
});

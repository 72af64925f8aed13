import { and, eq, gt, lt } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemo } from "~/test/demo";
import { actionItems, agendaItems, meetingMinutes, meetings, networks, organisations, users } from "./schema/index";

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
});

import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsv } from "~/lib/csv.server";
import { actorByEmail, seedDemo } from "~/test/demo";
import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { toStockholmInput } from "~/lib/time";
import { audit, sanitiseDetails } from "./audit.server";
import { auditFilterFrom, exportAuditEvents, listAuditEvents } from "./audit-log.server";

describe("audit log", () => {
  it("filters by person, organisation, action and day, and pages through every event once", async () => {
    await seedDemo();
    const admin = await actorByEmail("admin@example.org");
    const police = await actorByEmail("polisen@example.org");
    for (let i = 0; i < 7; i++) await audit({ action: "test.event", actor: police, targetId: String(i), ip: "198.51.100.1" });
    await audit({ action: "test.other", actor: admin });

    const byAction = await listAuditEvents(admin, { action: "test.event" });
    expect(byAction!.events).toHaveLength(7);
    expect(byAction!.events.map((e) => e.targetId)).toEqual(["6", "5", "4", "3", "2", "1", "0"]);
    expect((await listAuditEvents(admin, { person: "Petra" }))!.events.every((e) => e.actorEmail === "polisen@example.org")).toBe(true);
    expect((await listAuditEvents(admin, { organisationId: police.organisationId }))!.events.length).toBe(7);
    expect((await listAuditEvents(admin, { organisationId: "not-a-uuid", action: "test.other" }))!.events.length).toBe(1);

    const seen: string[] = [];
    let cursor = undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listAuditEvents(admin, { action: "test.event" }, cursor, 3);
      seen.push(...page!.events.map((e) => e.targetId!));
      if (!page!.next) break;
      cursor = page!.next;
    }
    expect(seen).toEqual(["6", "5", "4", "3", "2", "1", "0"]);


    // The filter's days are Stockholm's: just before midnight UTC it is already tomorrow there.
    const today = toStockholmInput(new Date()).slice(0, 10);
    const filter = auditFilterFrom(new URLSearchParams({ from: today, to: today, action: "test.event" }));
    expect((await listAuditEvents(admin, filter))!.events.length).toBe(7);
    const tomorrow = toStockholmInput(new Date(Date.now() + 2 * 86_400_000)).slice(0, 10);
    expect((await listAuditEvents(admin, auditFilterFrom(new URLSearchParams({ from: tomorrow, action: "test.event" }))))!.events.length).toBe(0);

    // Events in the same millisecond (the log is append-only, so these are new ones): the
    // cursor must not cut between them and skip some.
    for (let i = 0; i < 7; i++) {
      await db.execute(sql`insert into audit_events (at, action, target_id)
        values ('2026-11-20T10:00:00.123Z'::timestamptz + ${i} * interval '100 microseconds', 'test.same_ms', ${String(i)})`);
    }
    const sameMs: string[] = [];
    let at = undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listAuditEvents(admin, { action: "test.same_ms" }, at, 2);
      sameMs.push(...page!.events.map((e) => e.targetId!));
      if (!page!.next) break;
      at = page!.next;
    }
    expect(sameMs).toEqual(["6", "5", "4", "3", "2", "1", "0"]);
  });

  it("shows nothing to anyone but a platform admin", async () => {
    const police = await actorByEmail("polisen@example.org");
    expect(await listAuditEvents(police, {})).toBeNull();
    expect(await exportAuditEvents(police, {})).toBeNull();
  });

  it("keeps line breaks and secrets out of events", async () => {
    expect(sanitiseDetails({ email: "a@b.se\r\nforged", password: "x", token: "y", resetCode: "z", n: 3 })).toEqual({ email: "a@b.se  forged", n: 3 });
    const admin = await actorByEmail("admin@example.org");
    await audit({ action: "test.evil\nforged", actor: admin, userAgent: "UA\r\nX-Forged: 1" });
    const [event] = (await listAuditEvents(admin, { action: "test.evil forged" }))!.events;
    expect(event?.userAgent).toBe("UA  X-Forged: 1");
  });

  it("exports CSV in which a line break stays in its cell and formulas are neutralised", () => {
    const csv = toCsv(["a", "b"], [["=HYPERLINK(\"http://evil\")", "line one\n=cmd()"], ["+1", { k: "v" }]]);
    const rows = parse(csv) as string[][];
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(["'=HYPERLINK(\"http://evil\")", "line one\n=cmd()"]);
    expect(rows[2]).toEqual(["'+1", '{"k":"v"}']);
  });
});

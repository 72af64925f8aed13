import { describe, expect, it } from "vitest";
import { isCalendarDay, parseStockholm, toStockholmInput } from "./time";

describe("Stockholm wall time", () => {
  it("reads winter and summer times with the right offset", () => {
    expect(parseStockholm("2026-12-03 09:30")?.toISOString()).toBe("2026-12-03T08:30:00.000Z");
    expect(parseStockholm("2026-07-01T09:30")?.toISOString()).toBe("2026-07-01T07:30:00.000Z");
  });
  it("refuses malformed and non-existent times", () => {
    expect(parseStockholm("3 dec 09:30")).toBeNull();
    expect(parseStockholm("2026-13-01 09:30")).toBeNull();
    expect(parseStockholm("2026-03-29 02:30")).toBeNull(); // clocks jump from 02:00 to 03:00
  });
  it("round-trips through the form format", () => {
    const t = parseStockholm("2026-10-25 14:05")!;
    expect(toStockholmInput(t)).toBe("2026-10-25T14:05");
  });
  it("knows which days exist", () => {
    expect(isCalendarDay("2026-12-03")).toBe(true);
    expect(isCalendarDay("2028-02-29")).toBe(true);
    for (const bad of ["2026-13-45", "2026-02-29", "2026-04-31", "2026-00-10", "0000-01-01", "2026-1-1", "x"]) expect(isCalendarDay(bad)).toBe(false);
  });
});

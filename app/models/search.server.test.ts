import { describe, expect, it } from "vitest";
import { walks } from "./search.server";

describe("search candidates", () => {
  it("walk the date index once the matches outnumber √(100 × rows), and use GIN below that", () => {
    // 100,000 documents: the crossing is at about 3,162 matches.
    expect(walks(3_000, 100_000)).toBe(false);
    expect(walks(3_300, 100_000)).toBe(true);
    // 9,500 minutes: about 975. A fixed 5,000 sent 3,700 matches to a plan that joined every meeting.
    expect(walks(900, 9_500)).toBe(false);
    expect(walks(3_700, 9_500)).toBe(true);
    // A table not yet analysed (-1 rows) or a rare word: GIN.
    expect(walks(1, -1)).toBe(false);
    expect(walks(0, 200_000)).toBe(false);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { HIT_END, HIT_START } from "~/lib/search-kinds";
import { actorByEmail, seedDemo } from "~/test/demo";
import { createMeeting } from "./meetings.server";
import { publishMinutes, saveMinutes } from "./minutes.server";
import { createUpdate } from "./posts.server";
import { search } from "./search.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const ORIGIN = "https://portal.example.se";
/** The snippet with its highlights as [brackets], as the page shows them with <mark>. */
const shown = (snippet: string) => snippet.replaceAll(HIT_START, "[").replaceAll(HIT_END, "]");

const BODY = [
  "## Läget i regionerna",
  "",
  "Vi har anställt två **regionsamordnare** som tar fram _handlingsplaner_ med `mallen` och ~~gamla~~ [nya riktlinjer](https://example.org/riktlinjer).",
  "",
  "- Regionsamordnarna träffas varje månad",
  "> Citat om regionsamordnarnas arbete med file_name kvar",
].join("\n");

beforeAll(() => seedDemo());

describe("search snippets", () => {
  it("show posts as plain text, the whole matching words marked", async () => {
    const police = await actorByEmail("polisen@example.org");
    const created = await createUpdate(police, { networks: ["myndighetsnatverket"], title: "Nya roller", body: BODY, kind: "progress", assignmentId: null }, meta);
    expect(created.ok).toBe(true);

    const [hit] = (await search(police, { q: "regionsamordnare", kind: "update" })).map((h) => shown(h.snippet));
    expect(hit).toBeDefined();
    expect(hit).toContain("två [regionsamordnare] som tar fram handlingsplaner med mallen och gamla nya riktlinjer.");
    expect(hit).toContain("[Regionsamordnarna] träffas");
    expect(hit).not.toMatch(/\*|`|~|#|\]\(|https:/);

    const [other] = (await search(police, { q: "handlingsplaner", kind: "update" })).map((h) => shown(h.snippet));
    expect(other).toContain("tar fram [handlingsplaner] med");
  });

  it("mark whole words that soft hyphens or zero-width spaces split for the parser", async () => {
    const police = await actorByEmail("polisen@example.org");
    // As pasted from a hyphenated PDF or a web page: invisible, but word breaks to PostgreSQL.
    const body = "Länets regionsamordn\u00ADare möts i Västerås. Regionsamordn\u200Bare från fyra län deltar.";
    const created = await createUpdate(police, { networks: ["myndighetsnatverket"], title: "Möte i Västerås", body, kind: "progress", assignmentId: null }, meta);
    expect(created.ok).toBe(true);
    const hits = await search(police, { q: "regionsamordnare västerås", kind: "update" });
    const snippet = shown(hits.find((h) => h.title === "Möte i Västerås")!.snippet);
    expect(snippet).toContain("Länets [regionsamordnare] möts i [Västerås]. [Regionsamordnare] från fyra län deltar");
    expect(snippet).not.toMatch(/[\u00AD\u200B]/);
  });

  it("show published minutes as plain text", async () => {
    const coordinator = await actorByEmail("samordnare@example.org");
    const created = await createMeeting(
      coordinator,
      "myndighetsnatverket",
      { title: "Samordningsmöte", description: "", place: "Linköping", onlineLink: "", durationMinutes: 60, mode: "fixed", startsAt: new Date(Date.now() + 86_400_000) },
      meta,
      ORIGIN,
    );
    if (!created.ok) throw new Error("meeting not created");
    expect(await saveMinutes(coordinator, created.meetingId, BODY, 0, meta)).toEqual({ ok: true, version: 1 });
    expect(await publishMinutes(coordinator, created.meetingId, 1, meta, ORIGIN)).toEqual({ ok: true });

    const police = await actorByEmail("polisen@example.org");
    const [hit] = (await search(police, { q: "regionsamordnare", kind: "minutes" })).map((h) => shown(h.snippet));
    expect(hit).toContain("två [regionsamordnare] som tar fram handlingsplaner");
    expect(hit).toContain("Citat om [regionsamordnarnas] arbete med file_name kvar");
    expect(hit).not.toMatch(/\*|`|~|#|\]\(|https:/);
  });
});

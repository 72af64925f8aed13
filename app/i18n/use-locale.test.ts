/**
 * translatorFor (the page's `t`, useT) must give exactly what i18next gives: every key of
 * both languages, with and without options, and the new language after a switch.
 */
import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nOptions, resources } from "./config";
import { translatorFor } from "./use-locale";

function keysOf(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

async function instance(lng: "sv" | "en") {
  const i18n = createInstance();
  await i18n.init({ ...i18nOptions(lng), initAsync: false });
  return i18n;
}

describe("translatorFor", () => {
  for (const lng of ["sv", "en"] as const) {
    it(`gives i18next's own text for every key in ${lng}, the first time and from memory`, async () => {
      const i18n = await instance(lng);
      const t = translatorFor(i18n);
      const keys = keysOf(resources[lng].translation);
      expect(keys.length).toBeGreaterThan(300);
      for (const round of [1, 2]) {
        for (const key of keys) expect(t(key), `${key} (round ${round})`).toBe(i18n.t(key));
      }
    });
  }

  it("translates afresh whenever there are options: interpolation, plurals, missing keys", async () => {
    const i18n = await instance("sv");
    const t = translatorFor(i18n);
    expect(t("home.greeting", { name: "Anna" })).toBe(i18n.t("home.greeting", { name: "Anna" }));
    expect(t("home.greeting", { name: "Bo" })).toContain("Bo");
    expect(t("network.memberOrganisations", { count: 3 })).toBe("Medlemsorganisationer (3)");
    expect(t("no.such.key")).toBe("no.such.key");
  });

  it("remembers texts with plain options per value, and translates other options afresh", async () => {
    const i18n = await instance("sv");
    const t = translatorFor(i18n);
    const own = i18n.t.bind(i18n);
    let calls = 0;
    i18n.t = ((...args: Parameters<typeof own>) => {
      calls++;
      return own(...args);
    }) as typeof i18n.t;
    expect(t("updates.comments", { count: 1 })).toBe("1 kommentar");
    expect(t("updates.comments", { count: 2 })).toBe("2 kommentarer");
    expect(t("updates.comments", { count: 1 })).toBe("1 kommentar");
    expect(t("home.greeting", { name: "Anna" })).toBe(own("home.greeting", { name: "Anna" }));
    expect(t("home.greeting", { name: "Anna" })).toContain("Anna");
    expect(calls).toBe(3);
    // Values that would collide if joined without their lengths.
    expect(t("home.greeting", { name: "a\u0000x" })).toContain("a\u0000x");
    expect(t("home.greeting", { name: "a" })).not.toContain("\u0000");
    expect(calls).toBe(5);
    const person = { toString: () => "Objekt" };
    t("home.greeting", { name: person });
    t("home.greeting", { name: person });
    expect(calls).toBe(7);
  });

  it("follows a change of language, with its own memory per language", async () => {
    const i18n = await instance("sv");
    expect(translatorFor(i18n)("app.signOut")).toBe("Logga ut");
    await i18n.changeLanguage("en");
    expect(translatorFor(i18n)("app.signOut")).toBe(i18n.t("app.signOut"));
    expect(translatorFor(i18n)("app.signOut")).not.toBe("Logga ut");
    await i18n.changeLanguage("sv");
    expect(translatorFor(i18n)("app.signOut")).toBe("Logga ut");
  });

  it("keeps one translator per instance and language, so components share it", async () => {
    const a = await instance("sv");
    const b = await instance("sv");
    expect(translatorFor(a)).toBe(translatorFor(a));
    expect(translatorFor(a)).not.toBe(translatorFor(b));
  });
});

import { DEMO, expect, signIn, test } from "./fixtures";

// The browser tab's title follows the chosen language on every page, fixed parts and all.
const PAGES: [path: string, sv: string, en: string][] = [
  ["/", "Start · Nätverksportalen", "Home · Nätverksportalen"],
  ["/networks/myndighetsnatverket", "Myndighetsnätverket · Nätverksportalen", "Myndighetsnätverket · Nätverksportalen"],
  ["/networks/myndighetsnatverket/updates", "Nyheter · Myndighetsnätverket · Nätverksportalen", "News · Myndighetsnätverket · Nätverksportalen"],
  ["/networks/myndighetsnatverket/meetings", "Möten · Myndighetsnätverket · Nätverksportalen", "Meetings · Myndighetsnätverket · Nätverksportalen"],
  ["/networks/myndighetsnatverket/library", "Dokument · Myndighetsnätverket · Nätverksportalen", "Documents · Myndighetsnätverket · Nätverksportalen"],
  ["/networks/myndighetsnatverket/action-items", "Åtgärder · Nätverksportalen", "Action items · Nätverksportalen"],
  ["/assignments", "Uppdragsregister · Nätverksportalen", "Assignments register · Nätverksportalen"],
  ["/action-items", "Mina åtgärder · Nätverksportalen", "My action items · Nätverksportalen"],
  ["/notifications", "Aviseringar · Nätverksportalen", "Notifications · Nätverksportalen"],
  ["/search?q=handlingsplan", "Sök · Nätverksportalen", "Search · Nätverksportalen"],
  ["/account", "Mitt konto · Nätverksportalen", "My account · Nätverksportalen"],
];

test("tab titles follow the chosen language on the main pages", async ({ page }) => {
  await page.goto("/login");
  await expect(page).toHaveTitle("Logga in · Nätverksportalen");
  await page.getByRole("button", { name: "Byt språk till engelska" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveTitle("Sign in · Nätverksportalen");

  await signIn(page, DEMO.police);
  await page.goto("/");
  try {
    if ((await page.locator("html").getAttribute("lang")) !== "en") await page.getByRole("button", { name: "Byt språk till engelska" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    for (const [path, , en] of PAGES) {
      await page.goto(path);
      await expect(page, path).toHaveTitle(en);
    }
    // A meeting page's title after the switch, without reloading: the title changes with the page.
    await page.goto("/networks/myndighetsnatverket/meetings");
    await page.getByRole("button", { name: "Switch language to Swedish" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page).toHaveTitle("Möten · Myndighetsnätverket · Nätverksportalen");
    for (const [path, sv] of PAGES) {
      await page.goto(path);
      await expect(page, path).toHaveTitle(sv);
    }
  } finally {
    // Leave the shared demo person in Swedish for the other tests.
    if ((await page.locator("html").getAttribute("lang")) === "en") {
      await page.goto("/");
      await page.getByRole("button", { name: "Switch language to Swedish" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    }
  }
});

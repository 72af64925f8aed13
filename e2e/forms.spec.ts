import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "./fixtures";

/** Counts the POST requests the page sends from now on (a double click must send one). */
function countPosts(page: Page) {
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  return posts;
}

/**
 * A person's double click: two clicks some 50 ms apart. (Playwright's dblclick sends both
 * in one go, before the browser has issued the first request, so the router drops the
 * first submission unsent and the test would prove nothing.)
 */
async function doubleClick(page: Page, name: string) {
  const box = await page.getByRole("button", { name }).boundingBox();
  if (!box) throw new Error(`no button ${name}`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(50);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

// Forms that add something to the page they stay on: after a successful submit their
// fields are back at their defaults (a second item does not inherit the first one's
// values), and a double click adds one item.

async function createMeeting(page: Page, title: string) {
  await page.goto("/networks/myndighetsnatverket/meetings/new");
  await page.getByLabel("Rubrik").fill(title);
  const when = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Datum och tid").fill(`${when}T10:00`);
  await page.getByRole("button", { name: "Skapa möte" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  return page.url();
}

test("agenda form: empty after adding, a second item has no presenter, a double click adds one item", async ({ page }) => {
  await signIn(page, DEMO.coordinator);
  await createMeeting(page, `Dagordningsformulär ${Date.now()}`);
  const agenda = page.getByTestId("agenda").locator("li");

  await page.getByLabel("Punkt", { exact: true }).fill("Polisens lägesbild");
  await page.getByLabel("Föredragande").selectOption({ label: "Polismyndigheten" });
  await page.getByLabel("Klockan").fill("10:15");
  await page.getByRole("button", { name: "Lägg till punkt" }).click();
  await expect(agenda).toHaveCount(1);
  await expect(agenda.first()).toContainText("(Polismyndigheten)");
  await expect(page.getByLabel("Punkt", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Föredragande")).toHaveValue("");
  await expect(page.getByLabel("Klockan")).toHaveValue("");

  await page.getByLabel("Punkt", { exact: true }).fill("Övriga frågor");
  await page.getByRole("button", { name: "Lägg till punkt" }).click();
  await expect(agenda).toHaveCount(2);
  await expect(agenda.nth(1)).toHaveText("Övriga frågor↑↓✕");

  await page.getByLabel("Punkt", { exact: true }).fill("Nästa möte");
  const posts = countPosts(page);
  await doubleClick(page, "Lägg till punkt");
  await expect(agenda).toHaveCount(3);
  expect(posts).toHaveLength(1);
  await page.reload();
  await expect(agenda).toHaveCount(3);
  await expect(agenda.filter({ hasText: "Nästa möte" })).toHaveCount(1);
});

test("action-item form: empty after adding, a second item has no person or date, a double click adds one item", async ({ page }) => {
  await signIn(page, DEMO.coordinator);
  await createMeeting(page, `Åtgärdsformulär ${Date.now()}`);
  await page.getByRole("link", { name: "Protokoll och åtgärder" }).click();
  const rows = page.getByTestId("action-items").locator("tbody tr");

  await page.getByLabel("Vad ska göras?").fill("Skicka underlag");
  await page.getByLabel("Ansvarig person").selectOption({ label: "Petra Nyström" });
  await page.getByLabel("Klart senast").fill("2030-01-31");
  await page.getByRole("button", { name: "Lägg till åtgärd" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Petra Nyström");
  await expect(page.getByLabel("Vad ska göras?")).toHaveValue("");
  await expect(page.getByLabel("Ansvarig person")).toHaveValue("");
  await expect(page.getByLabel("Klart senast")).toHaveValue("");

  await page.getByLabel("Vad ska göras?").fill("Boka lokal");
  await page.getByRole("button", { name: "Lägg till åtgärd" }).click();
  await expect(rows).toHaveCount(2);
  const second = rows.filter({ hasText: "Boka lokal" });
  await expect(second).not.toContainText("Petra Nyström");
  await expect(second.locator("td").nth(0)).toHaveText("–");
  await expect(second.locator("td").nth(1)).toHaveText("–");

  await page.getByLabel("Vad ska göras?").fill("Skriv inbjudan");
  const posts = countPosts(page);
  await doubleClick(page, "Lägg till åtgärd");
  await expect(rows).toHaveCount(3);
  expect(posts).toHaveLength(1);
  await page.reload();
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "Skriv inbjudan" })).toHaveCount(1);
});

test("new-folder form: empty after creating, a double click creates one folder", async ({ page }) => {
  await signIn(page, DEMO.police);
  await page.goto("/networks/myndighetsnatverket/library");
  const name = `Formulärmapp ${Date.now()}`;
  const folders = page.getByTestId("folders").getByRole("link");

  await page.getByLabel("Mappens namn").fill(`${name} A`);
  await page.getByRole("button", { name: "Skapa mapp" }).click();
  await expect(folders.filter({ hasText: `${name} A` })).toHaveCount(1);
  await expect(page.getByLabel("Mappens namn")).toHaveValue("");

  await page.getByLabel("Mappens namn").fill(`${name} B`);
  const posts = countPosts(page);
  await doubleClick(page, "Skapa mapp");
  await expect(folders.filter({ hasText: `${name} B` })).toHaveCount(1);
  await expect(page.getByLabel("Mappens namn")).toHaveValue("");
  expect(posts).toHaveLength(1);
  await page.reload();
  await expect(folders.filter({ hasText: name })).toHaveCount(2);
});

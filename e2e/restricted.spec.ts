import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

const LIBRARY = "/networks/myndighetsnatverket/library";

test("restricted with nobody ticked says who will see it before saving, and the document page names who may see it", async ({ page, browser }) => {
  await signIn(page, DEMO.police);
  await page.goto(LIBRARY);
  const stamp = Date.now();
  await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "lagesbild.txt", mimeType: "text/plain", buffer: Buffer.from("Lägesbild för polisen.\n") });
  await page.getByLabel("Titel", { exact: true }).fill(`Polisens egen lägesbild ${stamp}`);
  await page.getByLabel(/Begränsad/).check();

  // Before saving: the form says that only the owner and the coordinators will see it.
  const notice = page.getByTestId("nobody-chosen");
  await expect(notice).toHaveText("Ingen organisation är vald: bara Polismyndigheten och nätverkets samordnare kommer att kunna se dokumentet.");
  await expect(page.getByText("Polismyndigheten (ägare) och nätverkets samordnare ser alltid ett begränsat dokument.", { exact: false })).toBeVisible();
  // The owner is not offered as a choice: it always sees the document.
  await expect(page.getByRole("checkbox", { name: "Polismyndigheten" })).toHaveCount(0);
  await page.getByLabel("Socialstyrelsen").check();
  await expect(notice).toHaveCount(0);
  await page.getByLabel("Socialstyrelsen").uncheck();
  await expect(notice).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Ladda upp" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Polisens egen lägesbild ${stamp}`);
  await expect(page.getByTestId("visible-to")).toHaveText("Polismyndigheten och nätverkets samordnare");

  // Shared with Migrationsverket: its people see the page, and the same names.
  await page.goto(LIBRARY);
  await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "delad.txt", mimeType: "text/plain", buffer: Buffer.from("Delad lägesbild.\n") });
  await page.getByLabel("Titel", { exact: true }).fill(`Delad lägesbild ${stamp}`);
  await page.getByLabel(/Begränsad/).check();
  await page.getByLabel("Migrationsverket").check();
  await page.getByRole("button", { name: "Ladda upp" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Delad lägesbild ${stamp}`);
  await expect(page.getByTestId("visible-to")).toHaveText("Polismyndigheten, Migrationsverket och nätverkets samordnare");

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, "elin.forsberg@example.org");
  await otherPage.goto(new URL(page.url()).pathname);
  await expect(otherPage.getByTestId("visible-to")).toHaveText("Polismyndigheten, Migrationsverket och nätverkets samordnare");
  await other.close();
});

import { parse } from "csv-parse/sync";
import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

test("a platform admin filters the audit log and downloads it as CSV", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/");
  await page.getByRole("link", { name: "Granskningslogg" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Granskningslogg");
  await page.getByLabel("Händelse").selectOption("auth.sign_in");
  await page.getByLabel("Person (namn eller e-post)").fill("admin@example.org");
  await page.getByRole("button", { name: "Filtrera" }).click();
  const rows = page.getByTestId("audit-events").locator("tbody tr");
  await expect(rows.first()).toContainText("auth.sign_in");
  await expect(rows.first()).toContainText("Agnes Lindqvist");
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Ladda ner som CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^granskningslogg-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parse(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"))) as string[][];
  expect(csv[0]).toEqual(["time", "actor_email", "actor_organisation", "action", "target_type", "target_id", "ip", "user_agent", "details"]);
  expect(csv.length).toBeGreaterThan(1);
  expect(csv.slice(1).every((r) => r[3] === "auth.sign_in" && r[1] === "admin@example.org")).toBe(true);
});

test("the audit log answers 404 to everyone but platform admins", async ({ page }) => {
  await signIn(page, DEMO.coordinator);
  expect((await page.goto("/admin/audit"))?.status()).toBe(404);
  expect((await page.request.get("/admin/audit.csv")).status()).toBe(404);
  await page.context().clearCookies();
  await signIn(page, DEMO.police);
  expect((await page.goto("/admin/audit"))?.status()).toBe(404);
  expect((await page.request.get("/admin/audit.csv")).status()).toBe(404);
});

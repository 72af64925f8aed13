import { DEMO, expect, expectAccessible, passMfaStep, signIn, test } from "./fixtures";

test("the portal speaks Swedish first, switches to English and remembers it", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logga in");

  await page.getByRole("button", { name: "Byt språk till engelska" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expectAccessible(page);

  await page.getByLabel("E-mail address").fill(DEMO.coordinator);
  await page.getByLabel("Password").fill("demo-portal-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-step verification");
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert")).toContainText("The code is wrong");
  await passMfaStep(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
  await page.getByRole("link", { name: "Myndighetsnätverket", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Coordinators" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Coordinators" })).toBeVisible();
  await expectAccessible(page);

  // The choice is stored with the person: a fresh browser gets English after sign-in.
  await page.context().clearCookies();
  await signIn(page, DEMO.coordinator);
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("button", { name: "Switch language to Swedish" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Välkommen");
});

test("dates are shown in Swedish format, Stockholm time", async ({ page }) => {
  await page.goto("/login");
  const email = "throttle-date@example.org";
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("E-postadress").fill(email);
    await page.getByLabel("Lösenord").fill(`wrong ${i} password`);
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page.getByRole("alert").first()).toBeVisible();
  }
  const text = await page.getByRole("alert").filter({ hasText: "kl." }).innerText();
  const shown = text.match(/kl\. (\d{2}):(\d{2})/)!;
  const expected = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit" })
    .format(new Date(Date.now() + 15 * 60_000))
    .split(":");
  const minutes = (h: string, m: string) => Number(h) * 60 + Number(m);
  expect(Math.abs(minutes(shown[1]!, shown[2]!) - minutes(expected[0]!, expected[1]!)) % (24 * 60)).toBeLessThanOrEqual(1);
});

import { Secret, TOTP } from "otpauth";
import { expect, expectAccessible, ORIGIN, signIn, test } from "./fixtures";

const person = "johanna.ek@example.org";

test("a contact turns on two-step verification, then signs in with a code and with a recovery code", async ({ page, browser }) => {
  await signIn(page, person);
  await page.goto("/account");
  await page.getByRole("link", { name: "Tvåstegsverifiering (MFA)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tvåstegsverifiering");
  await expectAccessible(page);
  const secret = (await page.getByTestId("mfa-secret").innerText()).trim();
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });

  await page.getByLabel("Kod", { exact: true }).fill("000000");
  await page.getByLabel("Ditt lösenord").fill("demo-portal-2026");
  await page.getByRole("button", { name: "Aktivera" }).click();
  await expect(page.getByRole("alert")).toContainText("Koden stämmer inte");
  // The same secret is still offered after the mistake.
  await expect(page.getByTestId("mfa-secret")).toHaveText(secret);

  await page.getByLabel("Kod", { exact: true }).fill(totp.generate());
  await page.getByLabel("Ditt lösenord").fill("demo-portal-2026");
  await page.getByRole("button", { name: "Aktivera" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  const codes = await page.getByTestId("recovery-codes").locator("li").allInnerTexts();
  expect(codes).toHaveLength(10);
  await expectAccessible(page);

  // A new browser: password, then the app's code.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/login");
  await otherPage.getByLabel("E-postadress").fill(person);
  await otherPage.getByLabel("Lösenord").fill("demo-portal-2026");
  await otherPage.getByRole("button", { name: "Logga in" }).click();
  await expect(otherPage.getByRole("heading", { level: 1 })).toHaveText("Tvåstegsverifiering");
  // Nothing else opens before the second step.
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login\/mfa/);
  await otherPage.getByLabel("Kod").fill(codes[0]!.trim());
  await otherPage.getByRole("button", { name: "Verifiera" }).click();
  await expect(otherPage.getByRole("heading", { level: 1 })).toHaveText("Mitt konto");

  // The recovery code is spent.
  await other.clearCookies();
  const login = await otherPage.request.post("/login", { form: { email: person, password: "demo-portal-2026" }, headers: { Origin: ORIGIN }, maxRedirects: 0 });
  expect(login.headers()["location"]).toMatch(/^\/login\/mfa/);
  const reuse = await otherPage.request.post("/login/mfa", { form: { code: codes[0]!.trim() }, headers: { Origin: ORIGIN }, maxRedirects: 0 });
  expect(reuse.status()).toBe(400);
  await other.close();
});

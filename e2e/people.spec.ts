import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

/** The newest link with this path in the mail outbox, read as the platform admin would. */
async function linkFromOutbox(browser: Browser, to: string, path: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.admin);
  await page.goto("/admin/outbox");
  const card = page.getByTestId("outbox").locator("li").filter({ hasText: to }).first();
  await card.getByText(/Visa meddelandet|Show the message/).click();
  const text = await card.locator(".mail-text").innerText();
  await expectAccessible(page);
  await context.close();
  const match = text.match(new RegExp(`https?://\\S+${path}[A-Za-z0-9_-]+`));
  expect(match, `link in mail to ${to}`).not.toBeNull();
  return new URL(match![0]).pathname;
}

async function openPoliceOrganisation(page: Page) {
  await signIn(page, DEMO.police);
  await page.goto("/networks/myndighetsnatverket");
  await page.getByTestId("member-organisations").getByRole("link", { name: "Polismyndigheten" }).click();
  await expect(page.getByRole("heading", { name: "Hantera kontaktpersoner" })).toBeVisible();
}

test.describe("people and access", () => {
  test("an organisation admin invites a colleague, who joins through the mailed link", async ({ page, browser }) => {
    await openPoliceOrganisation(page);
    await expectAccessible(page);
    await page.getByLabel("E-postadress").fill("ny.utredare@example.org");
    await page.getByLabel("Namn (valfritt)").fill("Nils Utredare");
    await page.getByRole("button", { name: "Skicka inbjudan" }).click();
    await expect(page.getByRole("status")).toContainText("En inbjudan har skickats till ny.utredare@example.org");
    await expect(page.getByTestId("pending-invitations")).toContainText("ny.utredare@example.org");

    // Another organisation's account gets the same answer as a new address: nothing tells the admin it exists.
    await page.getByLabel("E-postadress").fill("raddabarnen@example.org");
    await page.getByRole("button", { name: "Skicka inbjudan" }).click();
    await expect(page.getByRole("status")).toContainText("En inbjudan har skickats till raddabarnen@example.org");
    // A colleague already in the organisation (shown on the page anyway) is refused with a clear message.
    await page.getByLabel("E-postadress").fill("mats.lindberg@example.org");
    await page.getByRole("button", { name: "Skicka inbjudan" }).click();
    await expect(page.getByText("Personen med den adressen är redan kontaktperson för organisationen.")).toBeVisible();

    const path = await linkFromOutbox(browser, "ny.utredare@example.org", "/invite/");
    const joiner = await browser.newContext();
    const joinPage = await joiner.newPage();
    await joinPage.goto(path);
    await expect(joinPage.getByTestId("invited-email")).toHaveText("ny.utredare@example.org");
    await expectAccessible(joinPage);
    await joinPage.getByLabel("Titel").fill("Utredare");
    await joinPage.getByLabel("Lösenord", { exact: true }).fill("password1234");
    await joinPage.getByLabel("Upprepa lösenordet").fill("password1234");
    await joinPage.getByRole("button", { name: "Skapa mitt konto" }).click();
    await expect(joinPage.getByText(/för vanligt/)).toBeVisible();
    await joinPage.getByLabel("Lösenord", { exact: true }).fill("tre blå hus vid sjön");
    await joinPage.getByLabel("Upprepa lösenordet").fill("tre blå hus vid sjön");
    await joinPage.getByRole("button", { name: "Skapa mitt konto" }).click();
    await expect(joinPage.getByRole("heading", { level: 1 })).toHaveText("Välkommen, Nils Utredare");

    // The link is spent: a second visit explains that, and changes nothing.
    const again = await joinPage.goto(path);
    expect(again?.status()).toBe(410);
    await expect(joinPage.getByRole("alert")).toContainText("redan använts");
    await joiner.close();
  });

  test("an organisation admin deactivates a contact, whose session ends at once", async ({ page, browser }) => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, "mats.lindberg@example.org");
    await otherPage.goto("/");
    await expect(otherPage.getByRole("heading", { level: 1 })).toContainText("Välkommen");

    await openPoliceOrganisation(page);
    const row = page.getByTestId("seats").getByRole("row").filter({ hasText: "mats.lindberg@example.org" });
    await row.getByRole("button", { name: "Inaktivera" }).click();
    await expect(page.getByRole("status")).toContainText("är inaktiverad");
    await expect(row).toContainText("Inaktiverad");

    await otherPage.goto("/");
    await expect(otherPage).toHaveURL(/\/login/);
    await row.getByRole("button", { name: "Aktivera igen" }).click();
    await expect(page.getByRole("status")).toContainText("är aktiv igen");
    await other.close();
  });

  test("a forgotten password is reset through a mailed link; the answer never tells whether the address exists", async ({ page, browser }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Glömt lösenordet?" }).click();
    await expectAccessible(page);
    await page.getByLabel("E-postadress").fill("nobody-at-all@example.org");
    await page.getByRole("button", { name: "Skicka länk" }).click();
    const answer = await page.getByRole("status").innerText();
    await page.getByLabel("E-postadress").fill("oskar.lund@example.org");
    await page.getByRole("button", { name: "Skicka länk" }).click();
    await expect(page.getByRole("status")).toHaveText(answer);

    const path = await linkFromOutbox(browser, "oskar.lund@example.org", "/reset-password/");
    await page.goto(path);
    await expectAccessible(page);
    await page.getByLabel("Nytt lösenord", { exact: true }).fill("skolan börjar i augusti");
    await page.getByLabel("Upprepa nytt lösenord").fill("skolan börjar i augusti");
    await page.getByRole("button", { name: "Spara nytt lösenord" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("status")).toContainText("Lösenordet är bytt");
    await signIn(page, "oskar.lund@example.org", "skolan börjar i augusti");
    expect((await page.goto(path))?.status()).toBe(410);
  });

  test("a person lists their sessions and ends another one", async ({ page, browser }) => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, "elin.forsberg@example.org");
    await signIn(page, "elin.forsberg@example.org");
    await page.goto("/account/sessions");
    await expect(page.getByTestId("session-row")).toHaveCount(2);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Avsluta", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("Sessionen är avslutad.");
    await expect(page.getByTestId("session-row")).toHaveCount(1);
    await otherPage.goto("/");
    await expect(otherPage).toHaveURL(/\/login/);
    await other.close();
  });

  test("pages for admins and organisation admins answer 404 to everyone else", async ({ page }) => {
    await signIn(page, DEMO.police);
    expect((await page.goto("/admin/outbox"))?.status()).toBe(404);
    await page.context().clearCookies();
    await signIn(page, "mats.lindberg@example.org");
    await page.goto("/networks/myndighetsnatverket");
    await page.getByTestId("member-organisations").getByRole("link", { name: "Polismyndigheten" }).click();
    await expect(page.getByRole("heading", { name: "Hantera kontaktpersoner" })).toHaveCount(0);
  });
});

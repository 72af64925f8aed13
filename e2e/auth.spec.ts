import { networks } from "../db/seed-data";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, ORIGIN, passMfaStep, signIn, test } from "./fixtures";

const topLevel = networks.filter((n) => !n.parentSlug);
const nameOf = (slug: string) => networks.find((n) => n.slug === slug)!.name;

async function networkNames(page: Page) {
  return (await page.getByTestId("network-list").locator(":scope > li h3").allInnerTexts()).map((s) => s.trim()).sort();
}

test.describe("sign-in", () => {
  const cases: [string, string[]][] = [
    [DEMO.police, [nameOf("myndighetsnatverket")]],
    [DEMO.ngo, [nameOf("ideella-organisationer")]],
    [
      DEMO.coordinator,
      topLevel
        .filter((n) => n.coordinatorEmails.includes(DEMO.coordinator) || n.memberOrgKeys.includes("lst-ostergotland"))
        .map((n) => n.name),
    ],
    [DEMO.admin, topLevel.map((n) => n.name)],
  ];

  for (const [email, expected] of cases) {
    test(`${email} signs in with the form and sees exactly their networks`, async ({ page }) => {
      await page.goto("/");
      await expect(page).toHaveURL(/\/login$/);
      await page.getByLabel("E-postadress").fill(email);
      await page.getByLabel("Lösenord").fill("demo-portal-2026");
      await page.getByRole("button", { name: "Logga in" }).click();
      if (email === DEMO.admin || email === DEMO.coordinator) {
        // Platform admins and coordinators must give a code from their authenticator.
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tvåstegsverifiering");
        await expectAccessible(page);
        await passMfaStep(page);
      }
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Välkommen");
      const names = await networkNames(page);
      // The admin sees every network, including any another spec created; the others exactly theirs.
      if (email === DEMO.admin) expect(names).toEqual(expect.arrayContaining(expected));
      else expect(names).toEqual([...expected].sort());
      await expectAccessible(page);
    });
  }

  test("a wrong password and an unknown address get the same answer", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-postadress").fill(DEMO.police);
    await page.getByLabel("Lösenord").fill("not the right password");
    await page.getByRole("button", { name: "Logga in" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Fel e-postadress eller lösenord." });
    await expect(alert).toBeVisible();
    // What was typed stays; the password does not come back.
    await expect(page.getByLabel("E-postadress")).toHaveValue(DEMO.police);
    await expect(page.getByLabel("Lösenord")).toHaveValue("");

    const wrong = await page.request.post("/login", { form: { email: DEMO.police, password: "x".repeat(20) }, headers: { Origin: ORIGIN } });
    const unknown = await page.request.post("/login", { form: { email: "nobody@example.org", password: "x".repeat(20) }, headers: { Origin: ORIGIN } });
    expect(wrong.status()).toBe(400);
    expect(unknown.status()).toBe(wrong.status());
    await expectAccessible(page);
  });

  test("repeated failures are throttled with a clear message and a time to retry", async ({ page }) => {
    await page.goto("/login");
    const email = "throttle-test@example.org";
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("E-postadress").fill(email);
      await page.getByLabel("Lösenord").fill(`wrong password ${i}`);
      await page.getByRole("button", { name: "Logga in" }).click();
      await expect(page.getByRole("alert").first()).toBeVisible();
    }
    await expect(page.getByRole("alert").filter({ hasText: "För många misslyckade inloggningar" })).toContainText(/kl\. \d{2}:\d{2}/);
    const response = await page.request.post("/login", { form: { email, password: "anything at all" }, headers: { Origin: ORIGIN } });
    expect(response.status()).toBe(429);
    expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  });

  test("empty and oversized fields get clear messages and sign nobody in", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Logga in" }).click();
    // With JavaScript, the form validates before sending; each field says what is wrong.
    await expect(page.getByText("Fältet måste fyllas i.").first()).toBeVisible();

    const long = await page.request.post("/login", {
      form: { email: "a".repeat(10_000), password: "p".repeat(10_000) },
      headers: { Origin: ORIGIN },
    });
    expect(long.status()).toBe(400);
    const malformed = await page.request.post("/login", { form: { email: "not-an-address", password: "whatever" }, headers: { Origin: ORIGIN } });
    expect(malformed.status()).toBe(400);
    expect(await page.context().cookies()).toEqual(expect.not.arrayContaining([expect.objectContaining({ name: "np_session" })]));
  });

  test("a request from a foreign origin is refused with 403", async ({ page }) => {
    const foreign = await page.request.post("/login", {
      form: { email: DEMO.police, password: "demo-portal-2026" },
      headers: { Origin: "https://evil.example.com" },
      maxRedirects: 0,
    });
    expect(foreign.status()).toBe(403);
    const none = await page.request.post("/logout", { maxRedirects: 0, headers: { Origin: "" } });
    expect(none.status()).toBe(403);
  });

  test("signing out ends the session, and a tampered cookie counts as signed out", async ({ page, context }) => {
    await signIn(page, DEMO.police);
    await page.goto("/");
    const token = (await context.cookies()).find((c) => c.name === "np_session")!;
    expect(token.httpOnly).toBe(true);
    expect(token.sameSite).toBe("Lax");

    await context.addCookies([{ ...token, value: token.value.slice(0, -2) + "xx" }]);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);

    await context.addCookies([token]);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Välkommen");
    await page.getByRole("button", { name: "Logga ut" }).click();
    await expect(page).toHaveURL(/\/login$/);
    // The old token is dead on the server, not merely forgotten by the browser.
    await context.addCookies([token]);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("after sign-in the person returns to the page they asked for", async ({ page }) => {
    await page.goto("/networks/myndighetsnatverket");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fnetworks%2Fmyndighetsnatverket$/);
    await page.getByLabel("E-postadress").fill(DEMO.police);
    await page.getByLabel("Lösenord").fill("demo-portal-2026");
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page).toHaveURL(/\/networks\/myndighetsnatverket$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Myndighetsnätverket");
  });
});

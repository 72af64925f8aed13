import { people } from "../db/seed-data";
import { DEMO, expect, expectAccessible, ORIGIN, signIn, test } from "./fixtures";

// A seeded person no other spec signs in as, so changing their password disturbs nothing.
const person = people.find((p) => p.orgKey === "socialstyrelsen") ?? people.find((p) => !Object.values(DEMO).includes(p.email as never) && !p.isPlatformAdmin)!;

test.describe("my account", () => {
  test("edits name, title and phone, and keeps what was typed when something is wrong", async ({ page }) => {
    await signIn(page, person.email);
    await page.goto("/account");
    await expectAccessible(page);
    await page.getByLabel("Titel").fill("Utredare, hedersrelaterat våld");
    await page.getByLabel("Telefon").fill("010-000 00 99");
    await page.getByLabel("Namn", { exact: true }).fill("");
    await page.getByRole("button", { name: "Spara", exact: true }).click();
    await expect(page.getByText("Fältet måste fyllas i.")).toBeVisible();
    await expect(page.getByLabel("Titel")).toHaveValue("Utredare, hedersrelaterat våld");

    await page.getByLabel("Namn", { exact: true }).fill(person.name + " Test");
    await page.getByRole("button", { name: "Spara", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("Dina uppgifter är sparade.");
    await page.reload();
    await expect(page.getByLabel("Namn", { exact: true })).toHaveValue(person.name + " Test");
    await expect(page.getByText(`Inloggad som ${person.name} Test`)).toBeVisible();
    await expectAccessible(page);
  });

  test("posted fields that try to set a role or an organisation are ignored", async ({ page }) => {
    await signIn(page, person.email);
    const response = await page.request.post("/account", {
      form: {
        intent: "profile",
        name: person.name,
        title: "",
        phone: "",
        locale: "sv",
        isPlatformAdmin: "true",
        isOrgAdmin: "true",
        organisationId: "00000000-0000-4000-8000-000000000000",
        email: "someone.else@example.org",
      },
      headers: { Origin: ORIGIN },
    });
    expect(response.status()).toBe(200);
    await page.goto("/account");
    await expect(page.getByText(person.email)).toBeVisible();
    expect((await page.goto("/admin/outbox"))?.status()).toBe(404);
  });

  test("a too-long name is refused on the server with a clear message", async ({ page }) => {
    await signIn(page, person.email);
    const response = await page.request.post("/account", {
      form: { intent: "profile", name: "x".repeat(10_000), title: "", phone: "", locale: "sv" },
      headers: { Origin: ORIGIN },
    });
    expect(response.status()).toBe(400);
    await page.goto("/account");
    await expect(page.getByLabel("Namn", { exact: true })).not.toHaveValue("x".repeat(10_000));
  });

  test("changing the password ends the person's other sessions", async ({ page, browser }) => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, person.email);
    await otherPage.goto("/");
    await expect(otherPage.getByRole("heading", { level: 1 })).toContainText("Välkommen");

    await signIn(page, person.email);
    await page.goto("/account");
    await page.getByLabel("Nuvarande lösenord").fill("wrong password entirely");
    await page.getByLabel("Nytt lösenord", { exact: true }).fill("ett nytt och långt lösenord");
    await page.getByLabel("Upprepa nytt lösenord").fill("ett nytt och långt lösenord");
    await page.getByRole("button", { name: "Byt lösenord" }).click();
    await expect(page.getByText("Det nuvarande lösenordet är fel.")).toBeVisible();

    await page.getByLabel("Nuvarande lösenord").fill("demo-portal-2026");
    await page.getByLabel("Nytt lösenord", { exact: true }).fill("kort");
    await page.getByLabel("Upprepa nytt lösenord").fill("kort");
    await page.getByRole("button", { name: "Byt lösenord" }).click();
    await expect(page.getByText("Lösenordet måste ha minst 12 tecken.")).toBeVisible();

    // A common password is refused on the server, with the reason.
    await page.getByLabel("Nuvarande lösenord").fill("demo-portal-2026");
    await page.getByLabel("Nytt lösenord", { exact: true }).fill("password1234");
    await page.getByLabel("Upprepa nytt lösenord").fill("password1234");
    await page.getByRole("button", { name: "Byt lösenord" }).click();
    await expect(page.getByText(/Lösenordet är för vanligt/)).toBeVisible();

    await page.getByLabel("Nuvarande lösenord").fill("demo-portal-2026");
    await page.getByLabel("Nytt lösenord", { exact: true }).fill("ett nytt och långt lösenord");
    await page.getByLabel("Upprepa nytt lösenord").fill("ett nytt och långt lösenord");
    await page.getByRole("button", { name: "Byt lösenord" }).click();
    await expect(page.getByRole("status")).toContainText("Lösenordet är bytt");

    // This session lives on; the other one is gone.
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Välkommen");
    await otherPage.goto("/");
    await expect(otherPage).toHaveURL(/\/login$/);
    await other.close();

    // The old password no longer works; the new one does (asked as a signed-out visitor).
    await page.context().clearCookies();
    const old = await page.request.post("/login", { form: { email: person.email, password: "demo-portal-2026" }, headers: { Origin: ORIGIN }, maxRedirects: 0 });
    expect(old.status()).toBe(400);
    await signIn(page, person.email, "ett nytt och långt lösenord");
  });
});

import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

test("a platform admin creates an organisation and a network and makes it a member", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/");
  await page.getByRole("link", { name: "Organisationer", exact: true }).click();
  await expectAccessible(page);
  await page.getByLabel("Namn", { exact: true }).fill("Regionalt resurscentrum Skåne, kansliet");
  await page.getByLabel("Kortnamn").fill("RC Skåne");
  await page.getByLabel("Typ").selectOption("region");
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(page.getByRole("status")).toHaveText("Skapat.");
  await expect(page.getByTestId("organisations")).toContainText("Regionalt resurscentrum Skåne, kansliet");

  await page.goto("/admin/networks");
  await expectAccessible(page);
  await page.getByLabel("Namn").fill("Regionalt resurscentrum Skåne");
  await page.getByLabel("Adress (t.ex. resurscentrum-skane)").fill("rc-skane-e2e");
  await page.getByLabel("Typ").selectOption("resource_centre");
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hantera Regionalt resurscentrum Skåne");
  await page.getByLabel("Lägg till organisation").selectOption({ label: "Regionalt resurscentrum Skåne, kansliet" });
  await page.getByRole("button", { name: "Lägg till organisation" }).click();
  await expect(page.getByTestId("manage-members")).toContainText("Regionalt resurscentrum Skåne, kansliet");
  await page.getByLabel("E-postadress").fill("leyla.karimi@example.org");
  await page.getByRole("button", { name: "Lägg till person" }).click();
  await expect(page.getByTestId("manage-people")).toContainText("Leyla Karimi");
  await expectAccessible(page);
});

test("a coordinator creates a working group in their network and adds a person", async ({ page }) => {
  await signIn(page, "annika.hedlund@example.org");
  await page.goto("/networks/resurscentrum-dalarna");
  await page.getByRole("link", { name: "Hantera" }).click();
  await page.getByLabel("Namn", { exact: true }).last().fill("Arbetsgrupp: skolan");
  await page.getByLabel("Adress (t.ex. resurscentrum-skane)").fill("dalarna-skolan-e2e");
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(page.getByRole("status")).toHaveText("Ändringarna är sparade.");
  await page.goto("/networks/dalarna-skolan-e2e/manage");
  await page.getByLabel("E-postadress").fill("ali.hassan@example.org");
  await page.getByLabel("Roll").selectOption("member");
  await page.getByRole("button", { name: "Lägg till person" }).click();
  await expect(page.getByTestId("manage-people")).toContainText("Ali Hassan");
  await page.getByLabel("E-postadress").fill("finns.inte@example.org");
  await page.getByRole("button", { name: "Lägg till person" }).click();
  await expect(page.getByRole("alert")).toHaveText("Hittades inte. Kontrollera e-postadressen.");
  await expectAccessible(page);
});

test("administration answers 404 to those who may not use it", async ({ page }) => {
  await signIn(page, DEMO.police);
  for (const path of ["/admin/organisations", "/admin/networks", "/networks/myndighetsnatverket/manage"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  await page.context().clearCookies();
  await signIn(page, "leyla.karimi@example.org");
  expect((await page.goto("/networks/myndighetsnatverket/manage"))?.status()).toBe(404);
  expect((await page.goto("/admin/organisations"))?.status()).toBe(404);
});

import { DEMO, expect, expectAccessible, mailTo, ORIGIN, signIn, test } from "./fixtures";

test("a person chooses a daily digest and receives one mail over SMTP with only their networks' news", async ({ page, browser }) => {
  // The coordinator posts in both networks.
  const coordinator = await browser.newContext();
  const coordinatorPage = await coordinator.newPage();
  await signIn(coordinatorPage, DEMO.coordinator);
  for (const [slug, title] of [
    ["ideella-organisationer", "Sammanfattningstest: till de ideella"],
    ["myndighetsnatverket", "Sammanfattningstest: bara till myndigheterna"],
  ] as const) {
    const response = await coordinatorPage.request.post(`/networks/${slug}/announcements/new`, { form: { title, body: "Text" }, headers: { Origin: ORIGIN } });
    expect(response.status()).toBe(200);
  }
  await coordinator.close();

  await signIn(page, DEMO.ngo);
  await page.goto("/account");
  await expect(page.getByLabel("Varje vecka (måndagar)")).toBeChecked();
  await page.getByLabel("Varje dag").check();
  await page.getByRole("button", { name: "Spara inställningen" }).click();
  await expect(page.getByText("Inställningen är sparad.")).toBeVisible();
  await page.getByRole("button", { name: "Skicka en sammanfattning nu" }).click();
  await expect(page.getByText("Sammanfattningen är på väg")).toBeVisible();
  await expectAccessible(page);

  const digest = await mailTo(DEMO.ngo, (m) => (m.subject ?? "").startsWith("Nätverksportalen i dag"));
  expect(digest.text).toContain("Sammanfattningstest: till de ideella");
  expect(digest.text).not.toContain("Sammanfattningstest: bara till myndigheterna");
  const link = digest.text!.match(/https?:\/\/\S+\/updates\/[0-9a-f-]{36}/)![0];
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sammanfattningstest: till de ideella");
});

import { networks, organisations, people } from "../db/seed-data";
import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

test.describe("finding one's way around the networks", () => {
  test("a member opens their network, its coordinators and a member organisation's contacts", async ({ page }) => {
    await signIn(page, DEMO.police);
    await page.goto("/");
    await page.getByRole("link", { name: "Myndighetsnätverket", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Myndighetsnätverket");
    const coordinators = page.getByRole("region", { name: "Samordnare" });
    await expect(coordinators).toContainText("samordnare@example.org");
    const orgs = page.getByTestId("member-organisations");
    const expected = networks.find((n) => n.slug === "myndighetsnatverket")!.memberOrgKeys.length;
    await expect(orgs.locator("li")).toHaveCount(expected);
    await expectAccessible(page);

    await orgs.getByRole("link", { name: "Åklagarmyndigheten" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Åklagarmyndigheten");
    const contacts = people.filter((p) => p.orgKey === "aklagarmyndigheten");
    for (const c of contacts) await expect(page.getByRole("region", { name: "Kontaktpersoner" })).toContainText(c.name);
    await expectAccessible(page);
  });

  test("another network, an unknown slug and another organisation all answer 404", async ({ page }) => {
    await signIn(page, DEMO.police);
    for (const path of ["/networks/ideella-organisationer", "/networks/finns-inte", "/networks/dalarna-styrgrupp"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sidan finns inte");
    }
    await expectAccessible(page);

    // Rädda Barnen shares no network with the police contact: its page is not there for them.
    await page.context().clearCookies();
    await signIn(page, DEMO.ngo);
    await page.goto("/networks/ideella-organisationer");
    await page.getByTestId("member-organisations").getByRole("link", { name: "Rädda Barnen" }).click();
    const raddaBarnenUrl = page.url();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rädda Barnen");
    await page.context().clearCookies();
    await signIn(page, DEMO.police);
    expect((await page.goto(raddaBarnenUrl))?.status()).toBe(404);
    expect((await page.goto("/organisations/not-a-uuid"))?.status()).toBe(404);
  });

  test("a coordinator of a regional centre sees its groups and their members", async ({ page }) => {
    const dalarna = networks.find((n) => n.slug === "resurscentrum-dalarna")!;
    const lead = dalarna.coordinatorEmails[0]!;
    await signIn(page, lead);
    await page.goto("/networks/resurscentrum-dalarna");
    const groups = networks.filter((n) => n.parentSlug === "resurscentrum-dalarna");
    for (const g of groups) await expect(page.getByRole("link", { name: g.name })).toBeVisible();
    await expectAccessible(page);
    const steering = groups.find((g) => g.kind === "steering_group")!;
    await page.getByRole("link", { name: steering.name }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(steering.name);
    const firstMember = people.find((p) => p.email === steering.groupMemberEmails[0])!;
    await expect(page.getByText(firstMember.name)).toBeVisible();
    await expectAccessible(page);
  });

  test("the platform admin reaches every network", async ({ page }) => {
    await signIn(page, DEMO.admin);
    for (const n of networks) {
      const response = await page.goto(`/networks/${n.slug}`);
      expect(response?.status(), n.slug).toBe(200);
    }
    expect(organisations.length).toBeGreaterThan(40);
  });

  test("pages work on a phone-sized screen", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await signIn(page, DEMO.coordinator);
    await page.goto("/networks/myndighetsnatverket");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });
});

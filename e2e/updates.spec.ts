import { DEMO, expect, expectAccessible, mailTo, ORIGIN, signIn, test } from "./fixtures";

const FEED = "/networks/myndighetsnatverket/updates";

test.describe("mission updates and announcements", () => {
  test("an agency registers an assignment, posts an update on it, and another agency reads and comments", async ({ page, browser }) => {
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await signIn(page, DEMO.police);

    // The assignments register: add one for Polismyndigheten.
    await page.goto("/assignments");
    await expect(page.getByRole("heading", { name: "Kommande redovisningar" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: /Lägg till uppdrag/ }).click();
    await page.getByLabel("Uppdragets namn").fill("Uppdrag om digitalt våld i hederskontext");
    await page.getByLabel("Diarienummer för beslutet").fill("Ju2026/00042");
    await page.getByLabel("Departement").fill("Justitiedepartementet");
    // Due in a week, whenever the suite runs: "upcoming reports" shows only dates from today on.
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Startdatum").fill("2026-01-01");
    await page.getByLabel("Redovisas senast").fill(inAWeek);
    await page.getByRole("button", { name: "Spara" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uppdrag om digitalt våld i hederskontext");
    await expectAccessible(page);
    await page.goto("/assignments");
    await expect(page.getByTestId("upcoming")).toContainText("Uppdrag om digitalt våld i hederskontext");

    // Post an update from the network's feed, tied to the assignment, with script in it.
    await page.goto("/networks/myndighetsnatverket");
    await page.getByRole("link", { name: "Nyheter", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nyheter i Myndighetsnätverket");
    await expect(page.getByTestId("post").first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Skriv en lägesrapport" }).click();
    await expect(page.getByLabel("Myndighetsnätverket")).toBeChecked();
    await expectAccessible(page);
    // An empty title is refused with a message, and what was written stays.
    await page.getByLabel("Text (Markdown)").fill("Vi har **kartlagt** läget.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>");
    await page.getByRole("button", { name: "Publicera" }).click();
    await expect(page.getByText("Fältet måste fyllas i.")).toBeVisible();
    await expect(page.getByLabel("Text (Markdown)")).toHaveValue(/kartlagt/);
    await page.getByLabel("Rubrik").fill("Kartläggningen av digitalt våld är klar");
    await page.getByLabel("Typ av rapport").selectOption({ label: "Redovisning inlämnad" });
    await page.getByLabel("Knyt till uppdrag (valfritt)").selectOption({ label: "Uppdrag om digitalt våld i hederskontext (Ju2026/00042)" });
    await page.getByRole("button", { name: "Publicera" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kartläggningen av digitalt våld är klar");
    await expect(page.getByTestId("post-body").locator("strong")).toHaveText("kartlagt");
    await expect(page.getByTestId("post-body").locator("script, img")).toHaveCount(0);
    await expectAccessible(page);
    const postPath = new URL(page.url()).pathname;

    // Brottsoffermyndigheten sees it as unread in the feed, once; filters by organisation and kind.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    otherPage.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await signIn(otherPage, "daniel.ohman@example.org");
    await otherPage.goto("/");
    await expect(otherPage.getByTestId("recent-posts")).toContainText("Kartläggningen av digitalt våld är klar");
    await expectAccessible(otherPage);
    await otherPage.goto(FEED);
    const article = otherPage.getByRole("article", { name: "Kartläggningen av digitalt våld är klar" });
    await expect(article.getByTestId("unread")).toBeVisible();
    await otherPage.reload();
    await expect(otherPage.getByRole("article", { name: "Kartläggningen av digitalt våld är klar" }).getByTestId("unread")).toHaveCount(0);
    await otherPage.getByLabel("Organisation", { exact: true }).selectOption({ label: "Polismyndigheten" });
    await otherPage.getByLabel("Typ", { exact: true }).selectOption({ label: "Redovisning inlämnad" });
    await otherPage.getByRole("button", { name: "Filtrera" }).click();
    await expect(otherPage.getByTestId("post")).toHaveCount(1);
    await expect(otherPage.getByTestId("post")).toContainText("Kartläggningen av digitalt våld är klar");

    // A comment, and the author's reply to it; the commenter is notified of the reply.
    await otherPage.getByRole("link", { name: "Kartläggningen av digitalt våld är klar" }).click();
    await otherPage.getByLabel("Kommentar", { exact: true }).fill("Tack! Kan ni dela <b>metoden</b>?");
    await otherPage.getByRole("button", { name: "Kommentera" }).click();
    await expect(otherPage.getByTestId("comments")).toContainText("Tack! Kan ni dela <b>metoden</b>?");
    await expectAccessible(otherPage);

    await page.goto("/notifications");
    await expect(page.getByTestId("notifications")).toContainText("Daniel Öhman kommenterade ditt inlägg: Kartläggningen av digitalt våld är klar");
    await expectAccessible(page);
    await page.getByRole("link", { name: /Daniel Öhman kommenterade/ }).click();
    await page.getByText("Svara", { exact: true }).click();
    await page.getByLabel("Svar till Daniel Öhman").fill("Ja, vi skickar den i veckan.");
    await page.getByRole("button", { name: "Skicka svar" }).click();
    await expect(page.getByTestId("comments")).toContainText("Ja, vi skickar den i veckan.");

    await otherPage.goto("/");
    await expect(otherPage.getByTestId("notifications-link")).toHaveText(/Aviseringar \(\d+ olästa?\)/);
    await otherPage.getByTestId("notifications-link").click();
    await expect(otherPage.getByTestId("notifications")).toContainText("Petra Nyström svarade på din kommentar");

    // Edit keeps a history; then the author deletes it and it is gone for everyone.
    await page.goto(`${postPath}/edit`);
    await expectAccessible(page);
    await page.getByLabel("Rubrik").fill("Kartläggningen av digitalt våld är klar (rättad)");
    await page.getByRole("button", { name: "Spara ändringar" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kartläggningen av digitalt våld är klar (rättad)");
    await expect(page.getByTestId("history")).toContainText("Version 1 ändrades av Petra Nyström");
    await page.locator("summary", { hasText: "Ta bort" }).click();
    await page.getByRole("button", { name: "Ja, ta bort inlägget" }).click();
    await expect(page).toHaveURL(new RegExp(`${FEED}$`));
    expect((await otherPage.goto(postPath))?.status()).toBe(404);
    // Commenting on the deleted update: 404, nothing stored.
    const late = await otherPage.request.post(postPath, { form: { intent: "comment", body: "För sent" }, headers: { Origin: ORIGIN } });
    expect(late.status()).toBe(404);
    expect(dialogs).toBe(0);
    await other.close();
  });

  test("a coordinator posts an important announcement: pinned in the feed, mailed to members at once, not to others", async ({ page }) => {
    await signIn(page, DEMO.coordinator);
    await page.goto(FEED);
    await page.getByRole("link", { name: "Skriv ett meddelande" }).click();
    await expectAccessible(page);
    await page.getByLabel("Rubrik").fill("Extra nätverksmöte om sommarlovet");
    await page.getByLabel("Text (Markdown)").fill("Vi ses **digitalt** på tisdag.");
    await page.getByLabel(/Viktigt/).check();
    await page.getByLabel(/Fäst överst/).check();
    await page.getByRole("button", { name: "Publicera" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Extra nätverksmöte om sommarlovet");
    await page.goto(FEED);
    await expect(page.locator("section", { has: page.getByRole("heading", { name: "Fästa meddelanden" }) })).toContainText("Extra nätverksmöte om sommarlovet");

    const mail = await mailTo("polisen@example.org", (m) => (m.subject ?? "").includes("Extra nätverksmöte om sommarlovet"));
    expect(mail.subject).toBe("Viktigt från Myndighetsnätverket: Extra nätverksmöte om sommarlovet");
    await expect(mailTo("raddabarnen@example.org", (m) => (m.subject ?? "").includes("Extra nätverksmöte"), 3000)).rejects.toThrow(/no mail/);

    // Members cannot announce: the page and the action answer 404.
    const police = await page.context().browser()!.newContext();
    const policePage = await police.newPage();
    await signIn(policePage, DEMO.police);
    expect((await policePage.goto("/networks/myndighetsnatverket/announcements/new"))?.status()).toBe(404);
    const forged = await policePage.request.post("/networks/myndighetsnatverket/announcements/new", {
      form: { title: "Falskt", body: "" },
      headers: { Origin: ORIGIN },
    });
    expect(forged.status()).toBe(404);
    await police.close();
  });

  test("posting to a network one's organisation is not in, or with another organisation's assignment, is 404", async ({ page }) => {
    await signIn(page, DEMO.ngo);
    const wrong = await page.request.post("/updates/new", {
      form: { networks: "myndighetsnatverket", kind: "progress", title: "Fel nätverk", body: "" },
      headers: { Origin: ORIGIN },
    });
    expect(wrong.status()).toBe(404);
    expect((await page.goto(FEED))?.status()).toBe(404);
    const assignments = await page.goto("/assignments");
    expect(assignments?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Alla uppdrag" })).toBeVisible();
    await expect(page.locator("main")).not.toContainText("Stärkt förmåga att upptäcka");
  });
});

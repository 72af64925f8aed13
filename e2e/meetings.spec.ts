import ICAL from "ical.js";
import { DEMO, expect, expectAccessible, mailTo, signIn, test } from "./fixtures";

const inDays = (days: number, time: string) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)} ${time}`;
};

test.describe("meetings", () => {
  test("poll → schedule → RSVP → calendar file, as coordinator and member", async ({ page, browser }) => {
    await signIn(page, DEMO.coordinator);
    await page.goto("/networks/myndighetsnatverket");
    await page.getByRole("link", { name: "Möten" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Möten i Myndighetsnätverket");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Nytt möte" }).click();
    await expectAccessible(page);

    // A time in the past is refused with a clear message, and what was typed stays.
    await page.getByLabel("Rubrik").fill("Nätverksträff om barnäktenskap");
    await page.getByLabel("Tidsomröstning").check();
    await page.getByLabel(/Förslag på tider/).fill("2020-01-01 09:00");
    await page.getByLabel("Sista svarsdag").fill(inDays(2, "12:00").replace(" ", "T"));
    await page.getByRole("button", { name: "Skapa möte" }).click();
    await expect(page.getByText("Tiden har redan passerat. Välj en tid framåt.")).toBeVisible();
    await expect(page.getByLabel("Rubrik")).toHaveValue("Nätverksträff om barnäktenskap");

    await page.getByLabel(/Förslag på tider/).fill(`${inDays(10, "09:30")}\n${inDays(11, "13:00")}`);
    await page.getByRole("button", { name: "Skapa möte" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nätverksträff om barnäktenskap");
    await expect(page.getByTestId("poll").locator("tbody tr")).toHaveCount(2);
    const meetingUrl = page.url();
    await expectAccessible(page);

    // The member is told of the poll, in the portal and by mail, and answers it.
    const member = await browser.newContext();
    const memberPage = await member.newPage();
    await signIn(memberPage, DEMO.police);
    const opened = await mailTo(DEMO.police, (m) => m.subject === "Tidsomröstning: Nätverksträff om barnäktenskap");
    expect(opened.text).toContain(`Svara senast ${inDays(2, "12:00").slice(8, 10).replace(/^0/, "")} `);
    expect(opened.text).toContain(`${new URL(meetingUrl).pathname}\n`);
    await memberPage.goto("/notifications");
    const notice = memberPage.getByRole("link", { name: "Tidsomröstning, svara vilka tider du kan: Nätverksträff om barnäktenskap" });
    await expect(notice).toBeVisible();
    await notice.click();
    await expect(memberPage).toHaveURL(meetingUrl);
    await memberPage.getByTestId("poll").locator("tbody tr").first().getByRole("radio", { name: /^Ja/ }).check();
    await memberPage.getByTestId("poll").locator("tbody tr").nth(1).getByRole("radio", { name: /^Nej/ }).check();
    await memberPage.getByRole("button", { name: "Spara mina svar" }).click();
    await expect(memberPage.getByRole("status")).toHaveText("Dina svar är sparade.");
    await expectAccessible(memberPage);

    // The coordinator sees the count and the grid, and chooses the first time.
    await page.reload();
    await expect(page.getByTestId("poll").locator("tbody tr").first()).toContainText("1 ja");
    await expect(page.getByTestId("poll-grid")).toContainText("Polismyndigheten");
    await expect(page.getByTestId("poll-grid").getByRole("row").filter({ hasText: "Petra Nyström" })).toContainText("Ja");
    await expect(page.getByTestId("not-answered")).not.toContainText("Petra Nyström");
    await page.getByRole("button", { name: /Välj den här tiden/ }).first().click();
    await expect(page.getByRole("status")).toHaveText("Mötet är bokat och inbjudningar har skickats.");

    // An answer to the closed poll gets 409 with a clear message and changes nothing.
    await memberPage.getByTestId("poll").locator("tbody tr").first().getByRole("radio", { name: /^Nej/ }).check();
    await memberPage.getByRole("button", { name: "Spara mina svar" }).click();
    await expect(memberPage.getByRole("alert")).toHaveText("Omröstningen är stängd. Dina svar kunde inte sparas.");

    // The member answers the invitation and downloads the calendar file.
    await memberPage.reload();
    await memberPage.getByRole("button", { name: "Jag kommer", exact: true }).click();
    await expect(memberPage.getByTestId("my-rsvp")).toHaveText("Ditt svar: Jag kommer");
    await expect(memberPage.getByTestId("attendees")).toContainText("Polismyndigheten");
    const ics = await memberPage.request.get(`${new URL(meetingUrl).pathname}/calendar.ics`);
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    const component = new ICAL.Component(ICAL.parse(await ics.text()));
    const event = new ICAL.Event(component.getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe("Nätverksträff om barnäktenskap");
    await expectAccessible(memberPage);
    await member.close();

    // Someone outside the network gets 404 for the page and the file.
    const outsider = await browser.newContext();
    const outsiderPage = await outsider.newPage();
    await signIn(outsiderPage, DEMO.ngo);
    expect((await outsiderPage.goto(meetingUrl))?.status()).toBe(404);
    expect((await outsiderPage.request.get(`${new URL(meetingUrl).pathname}/calendar.ics`)).status()).toBe(404);
    expect((await outsiderPage.goto("/networks/myndighetsnatverket/meetings"))?.status()).toBe(404);
    await outsider.close();
  });

  test("a member cannot create meetings", async ({ page }) => {
    await signIn(page, DEMO.police);
    await page.goto("/networks/myndighetsnatverket/meetings");
    await expect(page.getByRole("link", { name: "Nytt möte" })).toHaveCount(0);
    expect((await page.goto("/networks/myndighetsnatverket/meetings/new"))?.status()).toBe(404);
  });
});

test("a personal calendar subscription serves the person's meetings until revoked", async ({ page, playwright }) => {
  await signIn(page, DEMO.police);
  await page.goto("/account");
  await page.getByRole("link", { name: "Prenumerera på mötena i din kalender" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Skapa prenumerationslänk" }).click();
  const url = await page.getByTestId("feed-url").innerText();
  await page.reload();
  await expect(page.getByTestId("feed-url")).toHaveCount(0); // shown once

  // A calendar program fetches it without any cookie.
  const calendarApp = await playwright.request.newContext();
  const feed = await calendarApp.get(url);
  expect(feed.status()).toBe(200);
  const component = new ICAL.Component(ICAL.parse(await feed.text()));
  expect(component.getFirstPropertyValue("method")).toBe("PUBLISH");
  expect(component.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid"))).toContain("Europe/Stockholm");

  await page.getByRole("button", { name: "Återkalla länken" }).click();
  await expect(page.getByRole("status")).toHaveText("Länken är återkallad och fungerar inte längre.");
  expect((await calendarApp.get(url)).status()).toBe(404);
  await calendarApp.dispose();
});

test("the coordinator builds the agenda; script in a title stays text", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await signIn(page, DEMO.coordinator);
  await page.goto("/networks/myndighetsnatverket/meetings/new");
  await page.getByLabel("Rubrik").fill('<img src=x onerror="alert(1)">Möte med dagordning');
  await page.getByLabel("Datum och tid").fill(`${inDays(6, "13:00").replace(" ", "T")}`);
  await page.getByRole("button", { name: "Skapa möte" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText('<img src=x onerror="alert(1)">Möte med dagordning');

  await page.getByLabel("Punkt", { exact: true }).fill("Inledning");
  await page.getByLabel("Klockan").fill("13:00");
  await page.getByRole("button", { name: "Lägg till punkt" }).click();
  await expect(page.getByRole("status")).toHaveText("Punkten är tillagd.");
  await page.getByLabel("Punkt", { exact: true }).fill("<script>alert(2)</script>Polisens lägesbild");
  await page.getByLabel("Föredragande").selectOption({ label: "Polismyndigheten" });
  await page.getByLabel("Klockan").fill("13:20");
  await page.getByRole("button", { name: "Lägg till punkt" }).click();
  const agenda = page.getByTestId("agenda");
  await expect(agenda.locator("li")).toHaveCount(2);
  await expect(agenda.locator("li").nth(1)).toContainText("13:20<script>alert(2)</script>Polisens lägesbild(Polismyndigheten)");
  await page.getByRole("button", { name: "Flytta upp: <script>alert(2)</script>Polisens lägesbild" }).click();
  await expect(agenda.locator("li").first()).toContainText("Polisens lägesbild");
  await expectAccessible(page);
  expect(dialogs).toBe(0);
});

test("the demo shows a month view, an open poll with reminders, and published minutes", async ({ page }) => {
  await signIn(page, DEMO.coordinator);
  await page.goto("/networks/myndighetsnatverket/meetings");
  await expect(page.getByTestId("upcoming-meetings")).toContainText("Myndighetsnätverkets nätverksmöte");
  await expect(page.getByTestId("past-meetings")).toContainText("Nätverksmöte om barnäktenskap");

  const month = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 7);
  await page.goto(`/networks/myndighetsnatverket/meetings?view=month&month=${month}`);
  await expect(page.getByTestId("month-view")).toContainText("Myndighetsnätverkets nätverksmöte");
  // The month view is the page: the lists are neither fetched nor rendered hidden behind it.
  await expect(page.getByTestId("upcoming-meetings")).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: /Myndighetsnätverkets nätverksmöte/ }).click();
  await expect(page.getByTestId("agenda").locator("li")).toHaveCount(4);

  await page.goto("/networks/myndighetsnatverket/meetings");
  await page.getByRole("link", { name: "Planeringsdag inför nästa år" }).click();
  await page.getByRole("button", { name: "Påminn dem som inte svarat" }).click();
  await expect(page.getByRole("status")).toContainText(/En påminnelse har skickats till \d+ personer/);

  await page.goto("/networks/myndighetsnatverket/meetings");
  await page.getByRole("link", { name: "Nätverksmöte om barnäktenskap" }).click();
  await page.getByRole("link", { name: "Protokoll och åtgärder" }).click();
  await expect(page.getByTestId("action-items")).toContainText("Försenad");
  await expectAccessible(page);
});

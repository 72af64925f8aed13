import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

async function createMeeting(page: Page, title: string) {
  await page.goto("/networks/myndighetsnatverket/meetings/new");
  await page.getByLabel("Rubrik").fill(title);
  const when = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Datum och tid").fill(`${when}T10:00`);
  await page.getByRole("button", { name: "Skapa möte" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  return page.url();
}

test("minutes: preview, save, a conflict that loses nothing, publish, and action items", async ({ page, browser }) => {
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await signIn(page, DEMO.coordinator);
  const meetingUrl = await createMeeting(page, "Möte med protokoll");
  await page.getByRole("link", { name: "Protokoll och åtgärder" }).click();
  await expectAccessible(page);

  const evil = '# Beslut\n\n<img src=x onerror="alert(1)"><script>alert(2)</script>\n\n- Nästa möte i mars';
  await page.getByLabel("Protokoll (Markdown)").fill(evil);
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page.getByTestId("minutes-preview").getByRole("heading", { name: "Beslut" })).toBeVisible();
  await expect(page.getByLabel("Protokoll (Markdown)")).toHaveValue(evil);
  await page.getByRole("button", { name: "Spara utkast" }).click();
  await expect(page.getByRole("status")).toContainText("version 1");

  // A member sees no draft.
  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await signIn(memberPage, DEMO.police);
  await memberPage.goto(`${new URL(meetingUrl).pathname}/minutes`);
  await expect(memberPage.getByText("Protokollet är inte publicerat ännu.")).toBeVisible();

  // A second editor (another tab of the coordinator) saves first; this tab's save conflicts.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, DEMO.coordinator);
  await otherPage.goto(`${new URL(meetingUrl).pathname}/minutes`);
  await otherPage.getByLabel("Protokoll (Markdown)").fill("Den andra fliken skrev detta.");
  await otherPage.getByRole("button", { name: "Spara utkast" }).click();
  await expect(otherPage.getByRole("status")).toContainText("version 2");
  await other.close();

  await page.getByLabel("Protokoll (Markdown)").fill(evil + "\n- Min rad");
  await page.getByRole("button", { name: "Spara utkast" }).click();
  await expect(page.getByRole("alert")).toContainText("Någon annan har sparat protokollet under tiden");
  await expect(page.getByTestId("their-text")).toHaveText("Den andra fliken skrev detta.");
  await expect(page.getByLabel("Din text")).toHaveValue(evil + "\n- Min rad");
  await expectAccessible(page);
  await page.getByLabel("Din text").fill(evil + "\n- Min rad\n- Den andra fliken skrev detta.");
  await page.getByRole("button", { name: "Publicera" }).click();
  await expect(page.getByRole("status")).toContainText("Protokollet är publicerat");

  await memberPage.reload();
  await expect(memberPage.getByTestId("minutes-html").getByRole("heading", { name: "Beslut" })).toBeVisible();
  await expect(memberPage.getByTestId("minutes-html")).toContainText("Den andra fliken skrev detta.");
  await expect(memberPage.locator("[data-testid=minutes-html] img[onerror], [data-testid=minutes-html] script")).toHaveCount(0);
  await expectAccessible(memberPage);

  // An action item for the member, overdue, then marked done from "my action items".
  await page.getByLabel("Vad ska göras?").fill("Skicka underlag om barnäktenskap");
  await page.getByLabel("Ansvarig person").selectOption({ label: "Petra Nyström" });
  await page.getByLabel("Klart senast").fill("2020-01-31");
  await page.getByRole("button", { name: "Lägg till åtgärd" }).click();
  await expect(page.getByTestId("action-items")).toContainText("Försenad");

  await memberPage.goto("/action-items");
  const row = memberPage.getByTestId("action-items").getByRole("row").filter({ hasText: "Skicka underlag om barnäktenskap" });
  await expect(row).toContainText("Försenad");
  await expectAccessible(memberPage);
  await row.getByRole("button", { name: "Markera som klar" }).click();
  await expect(row).toContainText("Klar");
  await expect(row).not.toContainText("Försenad");
  await memberPage.goto("/networks/myndighetsnatverket/action-items");
  await expect(memberPage.getByTestId("action-items")).toContainText("Skicka underlag om barnäktenskap");
  await member.close();
  expect(dialogs).toBe(0);
});

test("minutes: the note-taker select says nobody is appointed until someone is, and can appoint nobody again", async ({ page, browser }) => {
  await signIn(page, DEMO.coordinator);
  const meetingUrl = await createMeeting(page, "Möte utan sekreterare");
  const minutesPath = `${new URL(meetingUrl).pathname}/minutes`;
  await page.goto(minutesPath);
  const select = page.getByLabel("Sekreterare");
  // Nobody is appointed: the select must not pretend that the first invitee is.
  await expect(select).toHaveValue("");
  await expect(select.locator("option:checked")).toHaveText("Ingen utsedd");

  await select.selectOption({ label: "Petra Nyström" });
  await page.getByRole("button", { name: "Utse sekreterare" }).click();
  await expect(page.getByRole("status")).toHaveText("Sekreteraren är utsedd.");
  await page.goto(minutesPath);
  await expect(page.getByLabel("Sekreterare").locator("option:checked")).toHaveText("Petra Nyström");

  // The appointed note-taker may write the minutes.
  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await signIn(memberPage, DEMO.police);
  await memberPage.goto(minutesPath);
  await expect(memberPage.getByLabel("Protokoll (Markdown)")).toBeVisible();

  // Appointing nobody takes the pen back.
  await page.getByLabel("Sekreterare").selectOption({ label: "Ingen utsedd" });
  await page.getByRole("button", { name: "Utse sekreterare" }).click();
  await expect(page.getByRole("status")).toHaveText("Ingen sekreterare är utsedd. Samordnarna skriver protokollet.");
  await page.goto(minutesPath);
  await expect(page.getByLabel("Sekreterare")).toHaveValue("");
  await expectAccessible(page);
  await memberPage.reload();
  await expect(memberPage.getByText("Protokollet är inte publicerat ännu.")).toBeVisible();
  await member.close();
});

test("minutes: a draft of published minutes stays with the editors until it is published; members and search see the published text", async ({ page, browser }) => {
  await signIn(page, DEMO.coordinator);
  const meetingUrl = await createMeeting(page, "Möte med ändrat protokoll");
  const minutesPath = `${new URL(meetingUrl).pathname}/minutes`;
  await page.goto(minutesPath);
  await page.getByLabel("Protokoll (Markdown)").fill("Beslut om strutsgården.");
  await page.getByRole("button", { name: "Publicera" }).click();
  await expect(page.getByRole("status")).toContainText("Protokollet är publicerat");
  // The page's reloaded data (the badge) has arrived, so the editor holds version 1.
  await expect(page.getByText(/^Publicerat /)).toBeVisible();
  await expect(page.getByTestId("unpublished-draft")).toHaveCount(0);

  // The coordinator changes the published minutes and saves a draft.
  await page.getByLabel("Protokoll (Markdown)").fill("Beslut om pingvinbadet.");
  await page.getByRole("button", { name: "Spara utkast" }).click();
  await expect(page.getByRole("status")).toContainText("version 2");
  await expect(page.getByTestId("unpublished-draft")).toHaveText(
    "Det här är ett opublicerat utkast av det publicerade protokollet. Medlemmarna ser den publicerade versionen tills du publicerar igen.",
  );
  await expect(page.getByLabel("Protokoll (Markdown)")).toHaveValue("Beslut om pingvinbadet.");
  await page.getByText("Visa den publicerade versionen").click();
  await expect(page.getByTestId("minutes-published-html")).toHaveText("Beslut om strutsgården.");
  await expectAccessible(page);

  // A member reads the published text and finds it by search; the draft is nowhere.
  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await signIn(memberPage, DEMO.police);
  await memberPage.goto(minutesPath);
  await expect(memberPage.getByTestId("minutes-html")).toHaveText("Beslut om strutsgården.");
  await expect(memberPage.getByText("pingvinbadet")).toHaveCount(0);
  await memberPage.goto("/search?q=strutsgården&kind=minutes");
  await expect(memberPage.getByTestId("results")).toContainText("Möte med ändrat protokoll");
  await memberPage.goto("/search?q=pingvinbadet&kind=minutes");
  await expect(memberPage.getByTestId("results")).not.toContainText("Möte med ändrat protokoll");

  // Publishing again replaces what members read.
  await page.getByRole("button", { name: "Publicera" }).click();
  await expect(page.getByRole("status")).toContainText("Protokollet är publicerat");
  await expect(page.getByTestId("unpublished-draft")).toHaveCount(0);
  await memberPage.goto(minutesPath);
  await expect(memberPage.getByTestId("minutes-html")).toHaveText("Beslut om pingvinbadet.");
  await memberPage.goto("/search?q=pingvinbadet&kind=minutes");
  await expect(memberPage.getByTestId("results")).toContainText("Möte med ändrat protokoll");
  await member.close();
});

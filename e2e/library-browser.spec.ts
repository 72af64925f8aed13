import fs from "node:fs";
import net from "node:net";
import type { Locator, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, ORIGIN, signIn, storedFiles, test } from "./fixtures";

const SLUG = "myndighetsnatverket";
const LIBRARY = `/networks/${SLUG}/library`;
// Not DEMO.police, whose library the other spec changes, nor Karin Wallin (account.spec.ts).
const UPLOADER = "henrik.dahl@example.org";
// About 3 MB of plain text (under the test server's 5 MB limit).
const BIG = Buffer.from("Lägesbild över hedersrelaterat våld och förtryck, rad för rad.\n".repeat(50_000));

/** Slows this page's uploads down in Chromium itself, so that the XHR's progress can be watched. */
async function throttleUploads(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
}

/**
 * A slow link between the browser and the portal: a TCP proxy that passes what the browser
 * sends at `bytesPerSecond`, and closes the portal's side as soon as the browser's side closes.
 * For closing a page, where DevTools throttling does not do: it ends with the page's DevTools
 * session, and the bytes it held back then often reach the server, whole, before the closed
 * connection does. (Through this link the socket buffers take the whole file at once, so the
 * browser's bar shows 100 % early; what is under way is seen on the server's side.)
 * The browser names the link's own origin in its Origin header, which the portal's CSRF
 * guard refuses (it accepts APP_ORIGIN only); the link puts the portal's origin there, as
 * if the browser had reached the portal at its public address.
 */
async function slowLink(target: URL, bytesPerSecond: number) {
  const sockets = new Set<net.Socket>();
  let ownOriginHeader = Buffer.alloc(0);
  const portalOriginHeader = Buffer.from(`\r\nOrigin: ${target.origin}\r\n`);
  const proxy = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.on("data", (raw: Buffer) => {
      client.pause();
      const at = raw.indexOf(ownOriginHeader);
      const chunk = at < 0 ? raw : Buffer.concat([raw.subarray(0, at), portalOriginHeader, raw.subarray(at + ownOriginHeader.length)]);
      upstream.write(chunk);
      setTimeout(() => client.resume(), (chunk.length / bytesPerSecond) * 1000);
    });
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as net.AddressInfo;
  ownOriginHeader = Buffer.from(`\r\nOrigin: http://127.0.0.1:${port}\r\n`);
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

async function createToken(page: Page, name: string): Promise<string> {
  await page.goto("/account");
  await page.getByLabel("Namn på nyckeln").fill(name);
  await page.getByRole("button", { name: "Skapa nyckel" }).click();
  return (await page.getByTestId("new-token").innerText()).trim();
}

/** A folder of the test's own, so that paging of the library's root cannot hide a row. */
async function openNewFolder(page: Page, name: string) {
  await page.goto(LIBRARY);
  await page.getByLabel("Mappens namn", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Skapa mapp", exact: true }).click();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

async function startUpload(page: Page, title: string) {
  await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "lagesbild.txt", mimeType: "text/plain", buffer: BIG });
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Ladda upp", exact: true }).click();
}

/** The progress bar's value, its text for screen readers and the visible text, read at one moment. */
async function readProgress(bar: Locator) {
  return bar.evaluate((el) => ({
    now: Number(el.getAttribute("aria-valuenow")),
    min: el.getAttribute("aria-valuemin"),
    max: el.getAttribute("aria-valuemax"),
    valueText: el.getAttribute("aria-valuetext"),
    shown: document.getElementById("upload-progress-text")?.textContent ?? "",
  }));
}

/** The size of the file the server is writing now (a temporary one among the stored files), or 0. */
function partlyStored(before: string[]): number {
  const fresh = storedFiles().filter((f) => !before.includes(f) && f.endsWith(".tmp"));
  return fresh.length === 1 ? fs.statSync(fresh[0]!).size : 0;
}

/** Waits until the server has received a part, and only a part, of the file. */
async function waitServerHalfway(before: string[]) {
  await expect.poll(() => partlyStored(before), { timeout: 15_000 }).toBeGreaterThan(0);
  expect(partlyStored(before)).toBeLessThan(BIG.length);
}

/** Waits until the upload is under way: the bar strictly between 0 and 100, and a part of the file on the server. */
async function waitHalfway(page: Page, before: string[]) {
  const bar = page.getByRole("progressbar", { name: "Uppladdning", exact: true });
  await expect.poll(async () => (await readProgress(bar)).now, { timeout: 20_000 }).toBeGreaterThan(0);
  await waitServerHalfway(before);
  expect((await readProgress(bar)).now).toBeLessThan(100);
  return bar;
}

async function documentTitlesInApi(page: Page, token: string): Promise<string[]> {
  const response = await page.request.get(`/api/v1/networks/${SLUG}/documents`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { documents: { title: string }[] }).documents.map((d) => d.title);
}

/** No row, no file, and the portal still answers. */
async function expectNothingKept(page: Page, token: string, title: string, filesBefore: string[]) {
  // The server notices the closed connection and removes what it had written.
  await expect.poll(() => storedFiles().sort(), { timeout: 15_000 }).toEqual(filesBefore);
  const titles = await documentTitlesInApi(page, token);
  expect(titles).toContain("Polismyndighetens handlingsplan 2026");
  expect(titles).not.toContain(title);
  expect((await page.request.get("/healthz")).status()).toBe(200);
}

test.describe("document library in the browser", () => {
  test("an upload cancelled half-way, and one whose page is closed half-way, leave no row and no file", async ({ page, context, baseURL }) => {
    await signIn(page, UPLOADER);
    const token = await createToken(page, "Avbrutna uppladdningar");
    const folder = "Avbrutna uppladdningar e2e";
    await openNewFolder(page, folder);
    const folderUrl = page.url();
    await throttleUploads(page, 150 * 1024);
    const filesBefore = storedFiles().sort();
    expect(filesBefore.length, "the seeded library's files are in FILES_DIR").toBeGreaterThan(0);

    await startUpload(page, "Avbruten lägesbild");
    const bar = await waitHalfway(page, filesBefore);
    await expect(page.getByRole("button", { name: "Ladda upp", exact: true })).toBeDisabled();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Avbryt uppladdning", exact: true }).click();

    await expect(page.getByRole("status").filter({ hasText: "Uppladdningen är avbruten. Ingenting har sparats." })).toBeVisible();
    await expect(bar).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Avbryt uppladdning", exact: true })).toHaveCount(0);
    // The focus stays in the form, on the button that starts it again; nothing typed is lost.
    await expect(page.getByRole("button", { name: "Ladda upp", exact: true })).toBeFocused();
    await expect(page.getByLabel("Titel", { exact: true })).toHaveValue("Avbruten lägesbild");
    await expect(page).toHaveURL(folderUrl);
    await expectAccessible(page);

    await expectNothingKept(page, token, "Avbruten lägesbild", filesBefore);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(folder);
    await expect(page.locator("main")).toContainText("Mappen är tom.");
    await expect(page.locator("main")).not.toContainText("Avbruten lägesbild");
    await expectAccessible(page);

    // Closing the page half-way: the browser asks first, then ends the upload. (Cookies do
    // not depend on the port, so the session goes through the slow link as well.)
    const link = await slowLink(new URL(baseURL!), 150 * 1024);
    const second = await context.newPage();
    await second.goto(`${link.origin}${new URL(folderUrl).pathname}${new URL(folderUrl).search}`);
    await startUpload(second, "Stängd lägesbild");
    await expect(second.getByRole("progressbar", { name: "Uppladdning", exact: true })).toBeVisible();
    await waitServerHalfway(filesBefore);
    const asked = second.waitForEvent("dialog");
    await second.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe("beforeunload");
    await dialog.accept();
    await expect.poll(() => second.isClosed()).toBe(true);
    await link.close();

    await expectNothingKept(page, token, "Stängd lägesbild", filesBefore);
    await page.goto(folderUrl);
    await expect(page.locator("main")).toContainText("Mappen är tom.");
    await expect(page.locator("main")).not.toContainText("Stängd lägesbild");
  });

  test("the progress bar goes up through intermediate percentages, for eyes and screen readers, to the new document", async ({ page }) => {
    await signIn(page, UPLOADER);
    const folder = "Uppladdning med förlopp e2e";
    await openNewFolder(page, folder);
    const folderUrl = page.url();
    await throttleUploads(page, 300 * 1024);

    // Every value the bar takes, recorded in the page (the app navigates without reloading).
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      const record = () => {
        const bar = document.querySelector('[role="progressbar"]');
        const value = bar?.getAttribute("aria-valuenow");
        if (value !== null && value !== undefined && seen[seen.length - 1] !== Number(value)) seen.push(Number(value));
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow"] });
    });
    await startUpload(page, "Lägesbild med förlopp");
    const bar = await waitHalfway(page, storedFiles());
    const halfway = await readProgress(bar);
    expect(halfway).toMatchObject({ min: "0", max: "100", valueText: `${halfway.now} %` });
    expect(halfway.shown).toBe(`Laddar upp: ${halfway.now} %`);
    await expect(page.getByRole("status").filter({ hasText: /^Laddar upp: \d{1,2} %$/ })).toBeVisible();
    await expectAccessible(page);

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lägesbild med förlopp", { timeout: 30_000 });
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    const between = seen.filter((v) => v > 0 && v < 100);
    expect(between.length, `values seen: ${seen.join(", ")}`).toBeGreaterThanOrEqual(3);
    expect(seen, "never goes back").toEqual([...seen].sort((a, b) => a - b));
    expect(seen[seen.length - 1]).toBe(100);
    await expectAccessible(page);

    await page.goto(folderUrl);
    await expect(page.getByTestId("documents").getByRole("link", { name: "Lägesbild med förlopp", exact: true })).toBeVisible();
  });
  test("documents linked from an update and a meeting, shown on both sides only to those who may see them", async ({ page, browser }) => {
    const RESTRICTED = "Sammanställning av skyddsärenden (begränsad)"; // Socialstyrelsen's, shared with Polismyndigheten
    const PLAN = "Polismyndighetens handlingsplan 2026";
    const AGENDA = "Underlag inför nätverksmötet";
    const UPDATE = "Lägesrapport med bilagor e2e";
    const PICK = "Länka dokument från biblioteket (valfritt)";

    // A police officer links two documents while writing an update, one of them restricted.
    await signIn(page, "mats.lindberg@example.org");
    await page.goto("/updates/new");
    const network = page.getByRole("checkbox", { name: "Myndighetsnätverket", exact: true });
    const choices = page.getByRole("group", { name: PICK, exact: true });
    await network.uncheck();
    await expect(choices).toContainText("Välj ett nätverk ovan för att se dess dokument.");
    await expect(choices.getByRole("checkbox", { name: PLAN, exact: true })).toHaveCount(0);
    await network.check();
    await expect(choices.getByRole("group", { name: "Myndighetsnätverket", exact: true })).toBeVisible();
    await expectAccessible(page);
    await choices.getByRole("checkbox", { name: PLAN, exact: true }).check();
    // By keyboard as well: the choices are ordinary checkboxes.
    await choices.getByRole("checkbox", { name: RESTRICTED, exact: true }).focus();
    await page.keyboard.press("Space");
    await expect(choices.getByRole("checkbox", { name: RESTRICTED, exact: true })).toBeChecked();
    await page.getByLabel("Rubrik", { exact: true }).fill(UPDATE);
    await page.getByLabel("Text (Markdown)", { exact: true }).fill("Bifogar handlingsplanen och sammanställningen.");
    await page.getByRole("button", { name: "Publicera", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(UPDATE);
    const updatePath = new URL(page.url()).pathname;
    await expect(page.getByTestId("linked-documents").getByRole("link")).toHaveText([PLAN, RESTRICTED]);
    await expectAccessible(page);
    const href = (title: string) => page.getByTestId("linked-documents").getByRole("link", { name: title, exact: true }).getAttribute("href");
    const restrictedPath = (await href(RESTRICTED))!;
    const planPath = (await href(PLAN))!;

    // The coordinator links the agenda's material and the restricted summary to a meeting.
    const coordinatorContext = await browser.newContext();
    const coordinator = await coordinatorContext.newPage();
    await signIn(coordinator, DEMO.coordinator);
    await coordinator.goto(`/networks/${SLUG}/meetings`);
    await coordinator.getByTestId("upcoming-meetings").getByRole("link", { name: "Myndighetsnätverkets nätverksmöte", exact: true }).click();
    await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText("Myndighetsnätverkets nätverksmöte");
    const meetingPath = new URL(coordinator.url()).pathname;
    for (const title of [AGENDA, RESTRICTED]) {
      await coordinator.getByLabel("Välj dokument", { exact: true }).selectOption({ label: title });
      await coordinator.getByRole("button", { name: "Länka", exact: true }).click();
      await expect(coordinator.getByTestId("linked-documents").getByRole("link", { name: title, exact: true })).toBeVisible();
    }
    await expect(coordinator.getByRole("status").filter({ hasText: "Dokumentet är länkat." })).toBeVisible();
    await expect(coordinator.getByTestId("linked-documents").getByRole("link")).toHaveText([RESTRICTED, AGENDA]);
    await expectAccessible(coordinator);

    // The document page tells where it is linked from.
    await coordinator.goto(restrictedPath);
    await expect(coordinator.getByTestId("links").getByRole("link")).toHaveText(["Myndighetsnätverkets nätverksmöte", UPDATE]);
    await expectAccessible(coordinator);
    await coordinator.getByTestId("links").getByRole("link", { name: UPDATE, exact: true }).click();
    await expect(coordinator).toHaveURL(new RegExp(`${updatePath}$`));
    await coordinatorContext.close();

    // Brottsoffermyndigheten may not see the restricted summary: neither offered nor shown as linked.
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signIn(other, "daniel.ohman@example.org");
    await other.goto(updatePath);
    await expect(other.getByTestId("linked-documents").getByRole("link")).toHaveText([PLAN]);
    await expect(other.locator("main")).not.toContainText(RESTRICTED);
    await expectAccessible(other);
    await other.goto(meetingPath);
    await expect(other.getByTestId("linked-documents").getByRole("link")).toHaveText([AGENDA]);
    await expect(other.locator("main")).not.toContainText(RESTRICTED);
    await expectAccessible(other);
    await other.goto(planPath);
    await expect(other.getByTestId("links").getByRole("link")).toHaveText([UPDATE]);
    expect((await other.goto(restrictedPath))?.status()).toBe(404);

    await other.goto("/updates/new");
    await other.getByRole("checkbox", { name: "Myndighetsnätverket", exact: true }).check();
    const offered = other.getByRole("group", { name: PICK, exact: true });
    await expect(offered.getByRole("checkbox", { name: PLAN, exact: true })).toBeVisible();
    await expect(offered.getByRole("checkbox", { name: AGENDA, exact: true })).toBeVisible();
    await expect(offered.getByRole("checkbox", { name: RESTRICTED, exact: true })).toHaveCount(0);
    await expectAccessible(other);

    // Nor can the restricted summary be linked by a hand-made request, while writing or afterwards.
    const restrictedId = restrictedPath.split("/").pop()!;
    const planId = planPath.split("/").pop()!;
    const post = (path: string, form: Record<string, string>) => other.request.post(path, { form, headers: { Origin: ORIGIN }, maxRedirects: 0 });
    const fields = { networks: SLUG, kind: "progress", title: "Smygländ bilaga e2e", body: "Försök." };
    const refused = await post("/updates/new", { ...fields, documents: restrictedId });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toContain("Ett valt dokument finns inte i något av de valda nätverken.");
    const created = await post("/updates/new", fields);
    expect(created.status()).toBe(302);
    const ownUpdate = created.headers()["location"]!;
    expect((await post(ownUpdate, { intent: "linkDocument", document: restrictedId })).status()).toBe(404);
    expect((await post(ownUpdate, { intent: "linkDocument", document: planId })).status()).toBe(200);
    await other.goto(ownUpdate);
    await expect(other.getByTestId("linked-documents").getByRole("link")).toHaveText([PLAN]);
    await otherContext.close();
  });
});

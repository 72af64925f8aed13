import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, ORIGIN, signIn, test } from "./fixtures";

const LIBRARY = "/networks/myndighetsnatverket/library";
const PLAN = Buffer.from("Handlingsplan mot hedersrelaterat våld och förtryck 2027 för Polismyndigheten.\n");

async function createToken(page: Page, name: string): Promise<string> {
  await page.goto("/account");
  await page.getByLabel("Namn på nyckeln").fill(name);
  await page.getByRole("button", { name: "Skapa nyckel" }).click();
  return (await page.getByTestId("new-token").innerText()).trim();
}

test.describe("document library", () => {
  test("a member makes a folder, uploads with a progress bar, downloads, adds a version and finds it by search", async ({ page }) => {
    await signIn(page, DEMO.police);
    await page.goto("/networks/myndighetsnatverket");
    await page.getByRole("link", { name: "Dokument", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dokument i Myndighetsnätverket");
    await expectAccessible(page);
    await page.getByLabel("Mappens namn").fill("Handlingsplaner e2e");
    await page.getByRole("button", { name: "Skapa mapp" }).click();
    await page.getByRole("link", { name: /Handlingsplaner e2e/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Handlingsplaner e2e");

    // A program renamed .pdf is refused with a clear message; nothing typed is lost.
    await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "rapport.pdf", mimeType: "application/pdf", buffer: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(60).fill(0)]) });
    await page.getByLabel("Titel", { exact: true }).fill("Polisens handlingsplan");
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await expect(page.getByRole("alert")).toContainText("Den här filtypen är inte tillåten.");
    await expect(page.getByLabel("Titel", { exact: true })).toHaveValue("Polisens handlingsplan");

    // An empty file, and one over the limit (5 MB in the test server), are refused with a message.
    await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "tom.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) });
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await expect(page.getByRole("alert")).toContainText("Filen är tom.");
    await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "stor.txt", mimeType: "text/plain", buffer: Buffer.alloc(7 * 1024 * 1024, 0x61) });
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await expect(page.getByRole("alert")).toContainText("Filen är för stor. Största tillåtna storlek är 5 MB.");

    await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "handlingsplan.txt", mimeType: "text/plain", buffer: PLAN });
    await page.getByLabel("Diarienummer (valfritt)").fill("Polisen A123.456/2026");
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Polisens handlingsplan");
    await expect(page.getByTestId("sha256")).toHaveText(createHash("sha256").update(PLAN).digest("hex"));
    await expectAccessible(page);
    const documentPath = new URL(page.url()).pathname;

    const download = await page.request.get(`${documentPath}/download`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toBe(`attachment; filename="handlingsplan.txt"; filename*=UTF-8''handlingsplan.txt`);
    expect(download.headers()["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(await download.body())).toEqual(PLAN);
    const range = await page.request.get(`${documentPath}/download`, { headers: { Range: "bytes=0-12" } });
    expect(range.status()).toBe(206);
    expect(await range.text()).toBe("Handlingsplan");

    await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "handlingsplan-v2.txt", mimeType: "text/plain", buffer: Buffer.from("Reviderad handlingsplan.\n") });
    await page.getByRole("button", { name: "Ladda upp en ny version" }).click();
    await expect(page.getByTestId("versions")).toContainText("Version 2 (Aktuell)");
    await page.getByRole("button", { name: "Gör version 1 till den senaste" }).click();
    await expect(page.getByTestId("versions")).toContainText("återställd från version 1");

    await page.goto("/search?q=handlingsplanerna");
    await expect(page.getByTestId("results")).toContainText("Polisens handlingsplan");
    await expect(page.getByTestId("snippet").first().locator("mark").first()).toBeVisible();
    await expectAccessible(page);
  });

  test("a restricted document is 404 everywhere for an organisation it is not shared with; trash and restore by the coordinator", async ({ page, browser }) => {
    await signIn(page, DEMO.police);
    await page.goto(LIBRARY);
    await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "hotbild.txt", mimeType: "text/plain", buffer: Buffer.from("Hotbedömning kring ett vittne.\n") });
    await page.getByLabel("Titel", { exact: true }).fill("Hotbedömning vittne");
    await page.getByLabel(/Begränsad/).check();
    await page.getByLabel("Socialstyrelsen").check();
    await page.getByLabel("Sekretesshänvisning (valfritt)").fill("OSL 18 kap. 1 §");
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hotbedömning vittne");
    await expect(page.getByText("OSL 18 kap. 1 §")).toBeVisible();
    const path = new URL(page.url()).pathname;
    const id = path.split("/").pop()!;

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, "daniel.ohman@example.org");
    expect((await otherPage.goto(path))?.status()).toBe(404);
    expect((await otherPage.request.get(`${path}/download`)).status()).toBe(404);
    await otherPage.goto(LIBRARY);
    await expect(otherPage.locator("main")).not.toContainText("Hotbedömning vittne");
    await otherPage.goto("/search?q=hotbedömning");
    await expect(otherPage.locator("main")).not.toContainText("Hotbedömning vittne");
    const token = await createToken(otherPage, "BrOM");
    const api = await otherPage.request.get(`/api/v1/documents/${id}/content`, { headers: { Authorization: `Bearer ${token}` } });
    expect(api.status()).toBe(404);
    await other.close();

    // The owner trashes it; the coordinator restores it.
    await page.goto(path);
    await page.locator("summary", { hasText: "Flytta till papperskorgen" }).click();
    await page.getByRole("button", { name: "Ja, flytta till papperskorgen" }).click();
    await expect(page).toHaveURL(new RegExp(`${LIBRARY}$`));
    expect((await page.goto(path))?.status()).toBe(404);
    const coordinator = await browser.newContext();
    const coordinatorPage = await coordinator.newPage();
    await signIn(coordinatorPage, DEMO.coordinator);
    await coordinatorPage.goto(`${LIBRARY}/trash`);
    await expectAccessible(coordinatorPage);
    await coordinatorPage.getByRole("button", { name: "Återställ: Hotbedömning vittne" }).click();
    await expect(coordinatorPage.getByRole("status")).toContainText("Dokumentet är återställt.");
    expect((await page.goto(path))?.status()).toBe(200);
    await coordinator.close();
  });

  test("the documents API: list, upload, content with ranges, new versions, and clear errors", async ({ page, playwright }) => {
    await signIn(page, DEMO.police);
    const token = await createToken(page, "Dokumentsystemet");
    const api = await playwright.request.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });

    const networks = await (await api.get("/api/v1/networks")).json();
    expect(networks.networks.map((n: { slug: string }) => n.slug)).toContain("myndighetsnatverket");
    const data = Buffer.from("Lägesbild över barnäktenskap, API-uppladdning.\n");
    const created = await api.post("/api/v1/networks/myndighetsnatverket/documents", {
      multipart: { file: { name: "lagesbild.txt", mimeType: "text/plain", buffer: data }, title: "Lägesbild API", classification: "internal", registrationNumber: "API-1" },
    });
    expect(created.status()).toBe(201);
    const doc = await created.json();
    expect(doc).toMatchObject({ title: "Lägesbild API", classification: "internal", version: 1, size: data.length, sha256: createHash("sha256").update(data).digest("hex") });

    const list = await (await api.get("/api/v1/networks/myndighetsnatverket/documents?q=lägesbilden")).json();
    expect(list.documents.map((d: { id: string }) => d.id)).toContain(doc.id);
    const content = await api.get(`/api/v1/documents/${doc.id}/content`, { headers: { Range: "bytes=0-8" } });
    expect(content.status()).toBe(206);
    expect(await content.text()).toBe("Lägesbild".slice(0, 8));
    const version = await api.post(`/api/v1/documents/${doc.id}/versions`, { multipart: { file: { name: "lagesbild.txt", mimeType: "text/plain", buffer: Buffer.from("v2\n") } } });
    expect(version.status()).toBe(201);
    expect((await version.json()).version).toBe(2);

    const refused: [Parameters<typeof api.post>[1], number, string][] = [
      [{ multipart: { file: { name: "program.pdf", mimeType: "application/pdf", buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, ...new Array(200).fill(0)]) }, title: "Exe" } }, 415, "not_allowed"],
      [{ multipart: { file: { name: "tom.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) }, title: "Tom" } }, 400, "empty"],
      [{ multipart: { file: { name: "../../etc.txt", mimeType: "text/plain", buffer: Buffer.from("x") }, title: "../etc" } }, 400, "badName"],
      [{ multipart: { title: "Ingen fil" } }, 400, "no_file"],
      [{ multipart: { file: { name: "stor.txt", mimeType: "text/plain", buffer: Buffer.alloc(7 * 1024 * 1024, 0x61) }, title: "Stor" } }, 413, "too_large"],
    ];
    for (const [options, status, error] of refused) {
      const response = await api.post("/api/v1/networks/myndighetsnatverket/documents", options);
      expect(response.status(), error).toBe(status);
      expect((await response.json()).error).toBe(error);
    }
    // Another network's library, and an unknown document: 404.
    expect((await api.post("/api/v1/networks/ideella-organisationer/documents", { multipart: { file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("a") }, title: "a" } })).status()).toBe(404);
    expect((await api.get("/api/v1/documents/00000000-0000-4000-8000-000000000000/content")).status()).toBe(404);
    await api.dispose();
  });
});

/**
 * Which clicks the layout turns into client-side navigations (app/components/client-navigation.ts):
 * only the list links that opt in (lite.tsx's `Link`, `data-client-nav`). A download link
 * downloads after hydration, and a link in a Markdown body is the browser's own navigation.
 */
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { DEMO, expect, ORIGIN, signIn, test } from "./fixtures";

const NETWORK = "/networks/myndighetsnatverket";

/** React has hydrated the page: the main element has its fiber (then the layout's click handler is on). */
async function expectHydrated(page: Page) {
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.getElementById("main") ?? {}).some((k) => k.startsWith("__reactFiber$"))), {
      message: `hydration of ${page.url()}`,
    })
    .toBe(true);
}

/** A mark on this document: it survives a client-side navigation and is gone after a document load. */
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { __samePage?: boolean }).__samePage = true));
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage === true);

test.describe("links after hydration", () => {
  test("every download link on a document page downloads its file", async ({ page }) => {
    await signIn(page, DEMO.police);
    const first = Buffer.from("Rutin för orosanmälan, första utgåvan – så gör vi.\n");
    const second = Buffer.from("Rutin för orosanmälan, andra utgåvan – reviderad efter mötet.\n");
    await page.goto(`${NETWORK}/library`);
    await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "rutin-v1.txt", mimeType: "text/plain", buffer: first });
    await page.getByLabel("Titel", { exact: true }).fill("Rutin för orosanmälan (länktest)");
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rutin för orosanmälan (länktest)");
    await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "rutin-v2.txt", mimeType: "text/plain", buffer: second });
    await page.getByRole("button", { name: "Ladda upp en ny version" }).click();
    await expect(page.getByTestId("versions")).toContainText("Version 2 (Aktuell)");

    // A fresh load, so the clicks below meet the hydrated page and nothing else.
    const documentPath = new URL(page.url()).pathname;
    await page.goto(documentPath);
    await expectHydrated(page);
    const dataRequests: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.endsWith(".data")) dataRequests.push(request.url());
    });

    const links = [
      { name: "Ladda ned", file: "rutin-v2.txt", bytes: second },
      { name: "Ladda ned version 1", file: "rutin-v1.txt", bytes: first },
      { name: "Ladda ned version 2", file: "rutin-v2.txt", bytes: second },
    ];
    for (const link of links) {
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 10_000 }),
        page.getByRole("link", { name: link.name, exact: true }).click(),
      ]);
      expect(download.suggestedFilename(), link.name).toBe(link.file);
      expect(fs.readFileSync(await download.path()), link.name).toEqual(link.bytes);
      // The page stays where it was: no client navigation to the download's data.
      expect(new URL(page.url()).pathname, link.name).toBe(documentPath);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rutin för orosanmälan (länktest)");
    }
    expect(dataRequests).toEqual([]);
  });

  test("a link in a post's Markdown body is a normal navigation; the feed's own links stay client-side", async ({ page }) => {
    await signIn(page, DEMO.police);
    const posted = await page.request.post("/updates/new", {
      form: {
        networks: "myndighetsnatverket",
        kind: "progress",
        title: "Lägesrapport med länk (länktest)",
        body: "Se [nätverkets möten](/networks/myndighetsnatverket/meetings) inför nästa träff.",
      },
      headers: { Origin: ORIGIN },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(302);
    const postPath = posted.headers()["location"]!;

    // The feed's links to posts are marked for client-side navigation: the document stays.
    await page.goto(`${NETWORK}/updates`);
    await expectHydrated(page);
    await markDocument(page);
    await page.getByRole("link", { name: "Lägesrapport med länk (länktest)" }).click();
    await expect(page).toHaveURL(new RegExp(`${postPath}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lägesrapport med länk (länktest)");
    expect(await sameDocument(page)).toBe(true);

    // The body's link loads its page as the browser does.
    const body = page.getByRole("link", { name: "nätverkets möten" });
    await expect(body).not.toHaveAttribute("data-client-nav");
    const load = page.waitForRequest((r) => r.isNavigationRequest() && r.resourceType() === "document", { timeout: 10_000 });
    await body.click();
    await load;
    await expect(page).toHaveURL(/\/networks\/myndighetsnatverket\/meetings$/);
    await expectHydrated(page);
    expect(await sameDocument(page)).toBe(false);
  });
});

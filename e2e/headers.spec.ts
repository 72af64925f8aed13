/**
 * The Content-Security-Policy holds in a real browser: the main pages, signed in as a
 * member, a coordinator and a platform admin, load and hydrate without one violation or
 * console error, and a script injected without the nonce is refused.
 */
import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "./fixtures";

const NETWORK = "/networks/myndighetsnatverket";

type Seen = { csp: string[]; errors: string[] };

/**
 * Collects what the browser says about the policy (console messages and
 * securitypolicyviolation events, recorded by a script that runs before the page's own)
 * and any other console error or uncaught exception (a failed hydration logs one).
 */
async function watch(page: Page): Promise<Seen> {
  const seen: Seen = { csp: [], errors: [] };
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) seen.csp.push(`${page.url()}: ${message.text()}`);
    else if (message.type() === "error") seen.errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => seen.errors.push(`${page.url()}: ${error.message}`));
  return seen;
}

/** React has hydrated the page: the main element has its fiber. */
async function expectHydrated(page: Page) {
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.getElementById("main") ?? {}).some((k) => k.startsWith("__reactFiber$"))), {
      message: `hydration of ${page.url()}`,
    })
    .toBe(true);
}

async function violationsOnPage(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ["(the watcher did not run)"]);
}

/** Opens the page, waits for hydration and for the network to settle, and checks that nothing was refused. */
async function visit(page: Page, seen: Seen, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  expect(response?.headers()["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[^']+'/);
  await expectHydrated(page);
  await page.waitForLoadState("networkidle");
  expect(await violationsOnPage(page), path).toEqual([]);
  expect(seen.csp, path).toEqual([]);
  expect(seen.errors, path).toEqual([]);
}

/** The first link on the page whose path starts with `prefix` and goes on with an id. */
async function firstLink(page: Page, prefix: string): Promise<string> {
  const hrefs = await page.locator(`a[href^="${prefix}"]`).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => new RegExp(`^${prefix}[0-9a-f-]{8,}`).test(h));
  expect(href, `a link to ${prefix}… on ${page.url()}`).toBeTruthy();
  return href!;
}

test.describe("Content-Security-Policy in the browser", () => {
  test("a coordinator's pages load and hydrate without a violation", async ({ page }) => {
    const seen = await watch(page);
    await signIn(page, DEMO.coordinator);
    for (const path of [
      "/",
      NETWORK,
      `${NETWORK}/updates`,
      `${NETWORK}/library`,
      `${NETWORK}/library/trash`,
      `${NETWORK}/meetings`,
      `${NETWORK}/meetings?view=month`,
      `${NETWORK}/meetings/new`,
      `${NETWORK}/action-items`,
      `${NETWORK}/announcements/new`,
      `${NETWORK}/manage`,
      "/updates/new",
      "/search?q=barn",
      "/assignments",
      "/assignments/new",
      "/action-items",
      "/notifications",
      "/account",
      "/account/sessions",
      "/account/calendar",
    ]) {
      await visit(page, seen, path);
    }

    // Pages with an id: the first update, document, meeting (and its minutes) and organisation.
    await page.goto(`${NETWORK}/updates`);
    await visit(page, seen, await firstLink(page, "/updates/"));
    await page.goto(`${NETWORK}/library`);
    await visit(page, seen, await firstLink(page, "/documents/"));
    await page.goto(`${NETWORK}/meetings`);
    const meeting = await firstLink(page, "/meetings/");
    await visit(page, seen, meeting);
    await visit(page, seen, `${meeting}/minutes`);
    await page.goto(NETWORK);
    await visit(page, seen, await firstLink(page, "/organisations/"));
  });

  test("the MFA set-up page shows its QR code without a violation", async ({ page }) => {
    const seen = await watch(page);
    await signIn(page, DEMO.police);
    await visit(page, seen, "/account/mfa");
    const qr = page.getByRole("img").locator("svg");
    await expect(qr).toBeVisible();
    expect((await qr.boundingBox())?.width).toBeGreaterThan(100);
  });

  test("a platform admin's pages load and hydrate without a violation", async ({ page }) => {
    const seen = await watch(page);
    await signIn(page, DEMO.admin);
    for (const path of ["/admin/organisations", "/admin/networks", "/admin/audit", "/admin/outbox"]) {
      await visit(page, seen, path);
    }
    await page.goto("/admin/organisations");
    await visit(page, seen, await firstLink(page, "/admin/organisations/"));
  });

  test("signed-out pages load and hydrate without a violation", async ({ page }) => {
    const seen = await watch(page);
    for (const path of ["/login", "/forgot-password"]) await visit(page, seen, path);
  });

  test("the pages are live: links and forms work client-side, without a full reload", async ({ page }) => {
    const seen = await watch(page);
    await signIn(page, DEMO.police);
    await visit(page, seen, "/");
    // A marker on window survives client-side navigation and vanishes on a full load.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const sameDocument = () => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

    await page.getByRole("navigation").getByRole("link", { name: "Mitt konto" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await sameDocument()).toBe(true);

    // A form posts through fetch (Single Fetch) and the answer re-renders the page in English.
    await page.getByRole("button", { name: "Byt språk till engelska" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("navigation").getByRole("link", { name: "My account" })).toBeVisible();
    expect(await sameDocument()).toBe(true);
    await page.getByRole("button", { name: "Switch language to Swedish" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");

    // Long lists link with plain anchors; the layout's handler makes a click on one a
    // client-side navigation too (app/components/client-navigation.ts): a folder's row…
    const mark = () => page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await visit(page, seen, "/networks/myndighetsnatverket/library");
    await mark();
    await page.getByRole("link", { name: "Handlingsplaner", exact: true }).click();
    const row = page.getByTestId("documents").getByRole("link", { name: "Polismyndighetens handlingsplan 2026" });
    expect(await row.evaluate((a) => a.outerHTML)).not.toContain("data-discover"); // a plain anchor, not a <Link>
    await row.click();
    await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: "Polismyndighetens handlingsplan 2026" })).toBeVisible();
    expect(await sameDocument()).toBe(true);
    // …and a post's title in a feed.
    await visit(page, seen, "/networks/myndighetsnatverket/updates");
    await mark();
    const title = page.getByTestId("feed").getByTestId("post").first().getByRole("heading").getByRole("link");
    const name = (await title.textContent())!;
    await title.click();
    await expect(page).toHaveURL(/\/updates\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    expect(await sameDocument()).toBe(true);

    expect(await violationsOnPage(page)).toEqual([]);
    expect(seen.csp).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test("a script without the nonce is refused and reported (the watcher can see a violation)", async ({ page }) => {
    const seen = await watch(page);
    await signIn(page, DEMO.police);
    await visit(page, seen, "/account");
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { __injected?: boolean };
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
      // An event handler attribute is inline script too.
      const div = document.createElement("div");
      div.setAttribute("onclick", "window.__injected = true");
      document.body.append(div);
      div.click();
      await new Promise((resolve) => setTimeout(resolve, 100));
      return w.__injected === true;
    });
    expect(ran).toBe(false);
    const violations = await violationsOnPage(page);
    expect(violations.filter((v) => v.startsWith("script-src-elem"))).toHaveLength(1);
    expect(violations.filter((v) => v.startsWith("script-src-attr"))).toHaveLength(1);
    await expect.poll(() => seen.csp.length).toBeGreaterThanOrEqual(2);
  });
});

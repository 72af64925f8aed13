import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test as base } from "@playwright/test";
import { DEMO_PASSWORD } from "../db/seed-data";

export { expect };
export const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

export const DEMO = {
  admin: "admin@example.org",
  coordinator: "samordnare@example.org",
  police: "polisen@example.org",
  ngo: "raddabarnen@example.org",
} as const;

/** Signs in through the real endpoint without clicking the form (cal.com's API login). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const response = await page.request.post("/login", {
    form: { email, password },
    headers: { Origin: ORIGIN },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${email}`).toBe(302);
}

/** No serious or critical axe violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `axe on ${page.url()}`,
  ).toEqual([]);
}

export const test = base;

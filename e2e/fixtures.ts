import AxeBuilder from "@axe-core/playwright";
import { type Cookie, expect, type Page, test as base } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import { Secret, TOTP } from "otpauth";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../db/seed-data";

export { expect };
export const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

export const DEMO = {
  admin: "admin@example.org",
  coordinator: "samordnare@example.org",
  police: "polisen@example.org",
  ngo: "raddabarnen@example.org",
} as const;

const PERIOD_MS = 30_000;

/** The demo TOTP code of this 30-second step (what the README's authenticator shows). */
export function totpNow(secret = DEMO_TOTP_SECRET): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
}

/** A code can be used once: wait for the next step before trying again. */
export function waitForNextStep(page: Page) {
  return page.waitForTimeout(PERIOD_MS - (Date.now() % PERIOD_MS) + 300);
}

// Sessions already completed per person (MFA codes are single use per 30 s, so signing in
// again and again as the same coordinator would wait for every new code).
const sessions = new Map<string, Cookie[]>();

/**
 * Signs in through the real endpoints without clicking the form (cal.com's API login),
 * completing the MFA step with the demo secret when the person has MFA.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const cached = sessions.get(email);
  if (cached && password === DEMO_PASSWORD) {
    await page.context().addCookies(cached);
    const check = await page.request.get("/account", { maxRedirects: 0 });
    if (check.status() === 200) return;
  }
  const response = await page.request.post("/login", {
    form: { email, password },
    headers: { Origin: ORIGIN },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${email}`).toBe(302);
  const mfa = response.headers()["location"]?.startsWith("/login/mfa");
  if (mfa) {
    for (let attempt = 0; ; attempt++) {
      const step = await page.request.post("/login/mfa", {
        form: { code: totpNow(), redirectTo: "/" },
        headers: { Origin: ORIGIN },
        maxRedirects: 0,
      });
      if (step.status() === 302) break;
      expect(attempt, `MFA step of ${email}`).toBeLessThan(2);
      await waitForNextStep(page);
    }
  }
  // Only MFA sign-ins are reused: tests of other people may need sessions of their own.
  if (mfa && password === DEMO_PASSWORD) sessions.set(email, (await page.context().cookies()).filter((c) => c.name === "np_session"));
}

/** Completes the MFA page in the browser as a person would, waiting for a fresh code if needed. */
export async function passMfaStep(page: Page) {
  for (let attempt = 0; attempt < 3; attempt++) {
    // By id and role, so that it works in either language.
    await page.locator("#mfa-code").fill(totpNow());
    await page.locator("main form").getByRole("button").click();
    const signedIn = await page
      .waitForURL((url) => !url.pathname.startsWith("/login/mfa"), { timeout: 8_000 })
      .then(() => true)
      .catch(() => false);
    if (signedIn) return;
    await waitForNextStep(page);
  }
  throw new Error("MFA step failed three times");
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

const MAIL_DIR = path.join(os.tmpdir(), `np-e2e-mail-${process.env.E2E_PORT ?? 3100}`);

/**
 * Waits for a mail to the address that the portal delivered over SMTP to the test server
 * (e2e/server.mjs writes each message to MAIL_DIR), optionally one matching `match`.
 */
export async function mailTo(address: string, match: (mail: ParsedMail) => boolean = () => true, timeoutMs = 20_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  const seen = new Set<string>();
  for (;;) {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith(".eml")).sort().reverse() : [];
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const mail = await simpleParser(fs.readFileSync(path.join(MAIL_DIR, file)));
      if (JSON.stringify(mail.to ?? "").includes(address) && match(mail)) return mail;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Where the test server stores the library's files (FILES_DIR in e2e/server.mjs). */
export const FILES_DIR = path.join(os.tmpdir(), `np-e2e-files-${process.env.E2E_PORT ?? 3100}`);

/** Every file under FILES_DIR, temporary ones of an upload in progress included. */
export function storedFiles(dir = FILES_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

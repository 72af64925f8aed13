/**
 * Abuse tests: what a person with an account (or a script holding one) can try beyond
 * the access rules, through the real Express app on a Remix build made from the sources
 * (issue 17, item 14). The access matrix proves who may call what; these prove that
 * what they learn or keep is no more than they should.
 */
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "../../db/schema/index";
import { createApiToken } from "~/auth/api-tokens.server";
import { actorOf } from "~/auth/policy";
import { createSession } from "~/auth/session.server";
import { db } from "~/lib/db.server";
import { createApp } from "~/lib/http-app.server";
import { Secret, TOTP } from "otpauth";
import { DEMO_TOTP_SECRET } from "../../db/seed-data";
import { DEMO_PASSWORD, seedDemo, userByEmail } from "./demo";
import { sourceServerBuild } from "./server-build";

let build: ServerBuild;
let publicDir: string;
let base: string;
const servers: Server[] = [];

beforeAll(async () => {
  process.env.LOG_REQUESTS = "false";
  await seedDemo();
  build = await sourceServerBuild();
  publicDir = fs.mkdtempSync(path.join(os.tmpdir(), "np-abuse-"));
  fs.mkdirSync(path.join(publicDir, "build"));
  const app = createApp(build, { publicDir });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  fs.rmSync(publicDir, { recursive: true, force: true });
});

/** A session cookie for a demo person, made the way sign-in makes one. */
async function cookieOf(email: string): Promise<string> {
  const user = await userByEmail(email);
  const session = await createSession(user.id, { ip: "127.0.0.1" });
  return `np_session=${session.token}`;
}

/** A form posted the way the browser posts it (same origin, no JavaScript). */
async function post(url: string, fields: Record<string, string>, cookie?: string): Promise<{ status: number; location: string | null; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location"), text: await response.text() };
}

async function get(url: string, cookie: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
  return { status: response.status, html: await response.text() };
}

describe("search filter with a day that does not exist", () => {
  it("answers 400 with a message beside the field, keeps what was typed, and searches nothing", async () => {
    const cookie = await cookieOf("polisen@example.org");
    for (const [field, day] of [["from", "2026-13-45"], ["to", "2026-02-30"]] as const) {
      const { status, html } = await get(`${base}/search?q=handlingsplan&kind=document&${field}=${day}`, cookie);
      expect(status, `${field}=${day}`).toBe(400);
      expect(html).toContain("Ett datum i filtret finns inte");
      expect(html).toContain(`är inget datum som finns`);
      expect(html).toMatch(new RegExp(`id="s-${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="s-${field}"`));
      // What the person typed stays in the form: the words, the filter and the day.
      expect(html).toContain('value="handlingsplan"');
      expect(html).toContain(`value="${day}"`);
      expect(html).not.toContain('data-testid="results"');
    }
    // A real day still searches.
    const ok = await get(`${base}/search?q=handlingsplan&from=2020-01-01&to=2099-12-31`, cookie);
    expect(ok.status).toBe(200);
    expect(ok.html).toContain('data-testid="results"');
  });
});

describe("personal access tokens end with the password", () => {
  const NEW_PASSWORD = "ett helt nytt och långt lösenord";

  async function tokenOf(email: string): Promise<string> {
    const made = await createApiToken(actorOf(await userByEmail(email)), "integration", { ip: "127.0.0.1", userAgent: null });
    if (!made.ok) throw new Error("no token");
    return made.token;
  }
  const apiStatus = async (token: string) => (await fetch(`${base}/api/v1/networks`, { headers: { Authorization: `Bearer ${token}` } })).status;

  it("a password change on the account page revokes every token, and the page says so", async () => {
    const email = "mats.lindberg@example.org";
    const [first, second] = [await tokenOf(email), await tokenOf(email)];
    expect(await apiStatus(first)).toBe(200);
    expect(await apiStatus(second)).toBe(200);
    const cookie = await cookieOf(email);
    const before = await get(`${base}/account`, cookie);
    expect(before.html).toContain("dina åtkomstnycklar för API:t återkallas");

    const changed = await post(
      `${base}/account?index`,
      { intent: "password", currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      cookie,
    );
    expect(changed.status).toBe(200);
    expect(changed.text).toContain("dina åtkomstnycklar för API:t har återkallats");
    expect(await apiStatus(first)).toBe(401);
    expect(await apiStatus(second)).toBe(401);
    // A token made after the change works: only the old ones were revoked.
    expect(await apiStatus(await tokenOf(email))).toBe(200);
  });

  it("a password reset through the mailed link revokes every token", async () => {
    const email = "sofia.aberg@example.org";
    const token = await tokenOf(email);
    expect(await apiStatus(token)).toBe(200);
    expect((await post(`${base}/forgot-password`, { email })).status).toBeLessThan(400);
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.id)).limit(1);
    const link = mail!.text.match(/\/reset-password\/([A-Za-z0-9_-]+)/)![1]!;

    const reset = await post(`${base}/reset-password/${link}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(reset.status).toBe(302);
    expect(reset.location).toContain("/login?reset=1");
    expect(await apiStatus(token)).toBe(401);
    const login = await get(`${base}/login?reset=1`, "");
    expect(login.html).toContain("dina åtkomstnycklar för API:t har återkallats");
  });
});

describe("sign-in form while the account is blocked", () => {
  it("offers the code field, and lets the owner of an MFA account in with password and code", async () => {
    const email = "samordnare@example.org";
    for (let i = 0; i < 5; i++) await post(`${base}/login`, { email, password: `guess ${i}` });
    const refused = await post(`${base}/login`, { email, password: DEMO_PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/name="code"[^>]*one-time-code/);
    expect(refused.text).toContain("Använder du tvåstegsverifiering kan du logga in redan nu");

    const code = new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET), digits: 6, period: 30 }).generate();
    const signedIn = await post(`${base}/login`, { email, password: DEMO_PASSWORD, code, redirectTo: "/account" });
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe("/account");
  });
});

describe("inviting does not tell whether an address has an account elsewhere", () => {
  it("an organisation admin gets the same answer and the same pending row for a new address and another organisation's account", async () => {
    const admin = await userByEmail("polisen@example.org");
    const cookie = await cookieOf(admin.email);
    const url = `${base}/organisations/${admin.organisationId}?index`;
    const invite = async (email: string) => post(url, { intent: "invite", email, name: "Okänd Person" }, cookie);

    const fresh = await invite("helt.ny.adress@example.org");
    const taken = await invite("raddabarnen@example.org"); // Rädda Barnen's contact
    expect(taken.status).toBe(fresh.status);
    expect(taken.status).toBe(200);
    // The same message (the pages differ only in nonces and the growing pending list).
    expect(fresh.text).toContain("En inbjudan har skickats till helt.ny.adress@example.org.");
    expect(taken.text).toContain("En inbjudan har skickats till raddabarnen@example.org.");
    for (const text of [fresh.text, taken.text]) expect(text).not.toContain("Det finns redan ett konto");

    // The organisation page lists both as pending, with the name the admin typed.
    const { html } = await get(url.replace("?index", ""), cookie);
    expect(html).toContain("Okänd Person &lt;helt.ny.adress@example.org&gt;");
    expect(html).toContain("Okänd Person &lt;raddabarnen@example.org&gt;");
    expect(html).not.toContain((await userByEmail("raddabarnen@example.org")).name);

    // Someone already in the admin's own organisation is said to be so: the admin sees them on the page anyway.
    const own = await invite("mats.lindberg@example.org");
    expect(own.status).toBe(409);
    expect(own.text).toContain("redan kontaktperson för organisationen");
  });
});

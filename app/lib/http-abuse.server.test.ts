/**
 * Abuse of the real Express app (the one app/server.ts serves) on a Remix build made from
 * the sources: hostile redirect targets after sign-in, the MFA step and the language
 * switch; form bodies far over the limit; links in mail whatever Host the request names.
 */
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { newRecoveryCodes, replaceRecoveryCodes } from "~/auth/mfa.server";
import { DEMO_PASSWORD, seedDemo, userByEmail } from "~/test/demo";
import { sourceServerBuild } from "~/test/server-build";
import { db } from "./db.server";
import { createApp } from "./http-app.server";

let build: ServerBuild;
let publicDir: string;
let base: string;
const servers: Server[] = [];

async function listen(app: express.Express): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  process.env.LOG_REQUESTS = "false";
  await seedDemo();
  build = await sourceServerBuild();
  publicDir = fs.mkdtempSync(path.join(os.tmpdir(), "np-abuse-"));
  fs.mkdirSync(path.join(publicDir, "build"));
  base = await listen(createApp(build, { publicDir }));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  fs.rmSync(publicDir, { recursive: true, force: true });
});

/** A form POST from the portal's own pages (the CSRF guard wants our Origin). */
function postForm(pathname: string, fields: Record<string, string>, cookie?: string) {
  return fetch(`${base}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}

function sessionCookieOf(response: Response): string {
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => /^(__Host-)?np_session=./.test(c));
  if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
  return cookie;
}

/** The answer is a redirect whose Location, as a browser resolves it, stays on this site. */
function expectLocalRedirect(response: Response, value: string) {
  expect(response.status, `status for ${JSON.stringify(value)}`).toBe(302);
  const location = response.headers.get("location") ?? "";
  expect(location, `Location for ${JSON.stringify(value)}`).toMatch(/^\/(?![/\\])/);
  expect(location).not.toMatch(/[\\\s]/);
  // Browsers read "\" as "/" and drop tabs and newlines: resolve as they do.
  expect(new URL(location, base).origin, `Location ${location} for ${JSON.stringify(value)}`).toBe(base);
}

const HOSTILE = [
  "//evil.example",
  "/\\evil.example",
  "/./\\evil.example",
  "\\/evil.example",
  "/%5Cevil.example",
  "/%2F%2Fevil.example",
  "/.//evil.example",
  "/../\\evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  " //evil.example",
  "/networks/€uro",
  "/sök?q=中文#ö",
];

describe("redirect targets after sign-in, the MFA step and the language switch", () => {
  it("/login: every hostile redirectTo ends on this site, never a 500", async () => {
    for (const value of HOSTILE) {
      const response = await postForm("/login", { email: "polisen@example.org", password: DEMO_PASSWORD, redirectTo: value });
      expectLocalRedirect(response, value);
    }
  });

  it("/login for an MFA account, then /login/mfa: both steps keep every hostile redirectTo on this site", async () => {
    const admin = await userByEmail("admin@example.org");
    const codes = newRecoveryCodes();
    await db.transaction((tx) => replaceRecoveryCodes(tx, admin.id, codes));
    for (const [i, value] of HOSTILE.entries()) {
      const first = await postForm("/login", { email: "admin@example.org", password: DEMO_PASSWORD, redirectTo: value });
      expectLocalRedirect(first, value);
      expect(first.headers.get("location")).toMatch(/^\/login\/mfa\?redirectTo=/);
      // The attacker may send any redirectTo to the second step, not only what the first one gave.
      const code = codes[i % codes.length]!;
      if (i > 0 && i % codes.length === 0) await db.transaction((tx) => replaceRecoveryCodes(tx, admin.id, codes));
      const second = await postForm("/login/mfa", { code, redirectTo: value }, sessionCookieOf(first));
      expectLocalRedirect(second, value);
      expect(second.headers.get("location")).not.toBe("/login/mfa");
    }
  });

  it("/language: every hostile redirectTo ends on this site, signed in or not", async () => {
    const signIn = await postForm("/login", { email: "polisen@example.org", password: DEMO_PASSWORD, redirectTo: "/" });
    const cookie = sessionCookieOf(signIn);
    for (const value of HOSTILE) {
      expectLocalRedirect(await postForm("/language", { locale: "en", redirectTo: value }), value);
      expectLocalRedirect(await postForm("/language", { locale: "sv", redirectTo: value }, cookie), value);
    }
  });

  it("a local target keeps its path, query and fragment (percent-encoded)", async () => {
    const response = await postForm("/language", { locale: "sv", redirectTo: "/networks/myndighetsnatverket?tab=möten#x" });
    expect(response.headers.get("location")).toBe("/networks/myndighetsnatverket?tab=m%C3%B6ten#x");
    const plain = await postForm("/language", { locale: "sv", redirectTo: "/search?q=heder&kind=documents" });
    expect(plain.headers.get("location")).toBe("/search?q=heder&kind=documents");
  });
});

/**
 * Abuse of the real Express app (the one app/server.ts serves) on a Remix build made from
 * the sources: hostile redirect targets after sign-in, the MFA step and the language
 * switch; form bodies far over the limit; links in mail whatever Host the request names.
 */
import fs from "node:fs";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { newRecoveryCodes, replaceRecoveryCodes } from "~/auth/mfa.server";
import { DEMO_PASSWORD, seedDemo, userByEmail } from "~/test/demo";
import { mailFixture } from "~/test/smtp";
import { sourceServerBuild } from "~/test/server-build";
import { db } from "./db.server";
import { createApp } from "./http-app.server";
import { appOrigin, originConfigProblem } from "./origin.server";

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

const mail = mailFixture(seedDemo);

beforeAll(async () => {
  process.env.LOG_REQUESTS = "false";
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

/** A form POST through node:http, which (unlike fetch) sends whatever Host it is given. */
function postWithHost(pathname: string, host: string, origin: string, fields: Record<string, string>, cookie?: string) {
  const body = new URLSearchParams(fields).toString();
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${base}${pathname}`, {
      method: "POST",
      headers: {
        Host: host,
        Origin: origin,
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": Buffer.byteLength(body),
        ...(cookie ? { Cookie: cookie } : {}),
      },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs `fn` with APP_ORIGIN set (or removed), as the server would read it. */
async function withAppOrigin<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.APP_ORIGIN;
  if (value === undefined) delete process.env.APP_ORIGIN;
  else process.env.APP_ORIGIN = value;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.APP_ORIGIN;
    else process.env.APP_ORIGIN = saved;
  }
}

function linksIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s)>\]]+/g) ?? [];
}

describe("links in mail never take the request's Host header", () => {
  it("a password reset asked for with Host: evil.example and a matching Origin links to the configured origin", async () => {
    // Without APP_ORIGIN (development, the embedded default) the CSRF guard compares Origin
    // with Host, so the forged pair passes it and the mail goes out: with a link to this machine.
    await withAppOrigin(undefined, async () => {
      const answer = await postWithHost("/forgot-password", "evil.example", "http://evil.example", { email: "mats.lindberg@example.org" });
      expect(answer.status).toBe(200);
      expect(await mail.deliver()).toBe(1);
      const text = mail.lastMailTo("mats.lindberg@example.org").text ?? "";
      const links = linksIn(text).filter((l) => l.includes("/reset-password/"));
      expect(links).toHaveLength(1);
      expect(text).not.toContain("evil.example");
      expect(new URL(links[0]!).origin).toBe(appOrigin());
      expect(appOrigin()).toBe(`http://localhost:${process.env.PORT ?? 3000}`);
    });
    // With APP_ORIGIN the links take it; a forged Host with its own Origin is refused outright.
    await withAppOrigin("https://portal.example.se", async () => {
      const refused = await postWithHost("/forgot-password", "evil.example", "http://evil.example", { email: "mats.lindberg@example.org" });
      expect(refused.status).toBe(403);
      expect(await mail.deliver()).toBe(0);
      const answer = await postWithHost("/forgot-password", "portal.example.se", "https://portal.example.se", { email: "mats.lindberg@example.org" });
      expect(answer.status).toBe(200);
      expect(await mail.deliver()).toBe(1);
      const links = linksIn(mail.lastMailTo("mats.lindberg@example.org").text ?? "").filter((l) => l.includes("/reset-password/"));
      expect(links.map((l) => new URL(l).origin)).toEqual(["https://portal.example.se"]);
    });
  });

  it("an invitation sent by an organisation admin with a forged Host links to the configured origin", async () => {
    const signIn = await postForm("/login", { email: "polisen@example.org", password: DEMO_PASSWORD, redirectTo: "/" });
    const cookie = sessionCookieOf(signIn);
    const police = await userByEmail("polisen@example.org");
    // Off localhost the session cookie is the __Host- one.
    const both = `${cookie}; __Host-${cookie}`;
    const answer = await postWithHost(`/organisations/${police.organisationId}`, "evil.example", "http://evil.example", { intent: "invite", email: "ny.kollega@example.org", name: "Ny Kollega" }, both);
    expect(answer.status).toBe(200);
    expect(await mail.deliver()).toBe(1);
    const text = mail.lastMailTo("ny.kollega@example.org").text ?? "";
    expect(text).not.toContain("evil.example");
    const links = linksIn(text);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(new URL(link).origin).toBe(appOrigin());
  });
});

describe("the start-up check of the public origin", () => {
  it("refuses production on PostgreSQL without APP_ORIGIN, saying what to set; the embedded default and development start", () => {
    const missing = originConfigProblem({ NODE_ENV: "production" }, "postgres");
    expect(missing).toMatch(/APP_ORIGIN is not set/);
    expect(missing).toContain("APP_ORIGIN=https://");
    expect(originConfigProblem({ NODE_ENV: "production", APP_ORIGIN: "https://portal.example.se" }, "postgres")).toBeNull();
    expect(originConfigProblem({ NODE_ENV: "production" }, "pglite")).toBeNull();
    expect(originConfigProblem({ NODE_ENV: "development" }, "postgres")).toBeNull();
  });

  it("refuses an APP_ORIGIN that is not a bare http(s) origin, and trims a trailing slash", () => {
    for (const bad of ["portal.example.se", "ftp://portal.example.se", "https://portal.example.se/portal", "https://user:pw@portal.example.se", "https://portal.example.se/?x=1", "https://portal.example.se#x"]) {
      expect(originConfigProblem({ NODE_ENV: "production", APP_ORIGIN: bad }, "postgres"), bad).toMatch(/APP_ORIGIN must be/);
    }
    expect(appOrigin({ NODE_ENV: "production", APP_ORIGIN: "https://portal.example.se/" })).toBe("https://portal.example.se");
    expect(appOrigin({ NODE_ENV: "production", APP_ORIGIN: "http://127.0.0.1:3100" })).toBe("http://127.0.0.1:3100");
  });
});

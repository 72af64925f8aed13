/**
 * The security headers of the real Express app (the one app/server.ts serves), on a
 * Remix build made from the sources: CSP with a per-request nonce on every inline script,
 * framing, sniffing and referrer rules, no-store on everything dynamic, HSTS on HTTPS.
 */
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { createApiToken } from "~/auth/api-tokens.server";
import { actorOf } from "~/auth/policy";
import { createSession } from "~/auth/session.server";
import { uploadNewDocument } from "~/models/library-upload.server";
import { seedDemo, userByEmail } from "~/test/demo";
import { sourceServerBuild } from "~/test/server-build";
import { createApp } from "./http-app.server";
import { HSTS, noStore, securityHeaders } from "./middleware.server";
import { fsStorage } from "./storage.server";
import { setStorage } from "./upload.server";

let build: ServerBuild;
let publicDir: string;
let base: string;
let cookie: string;
let bearer: string;
const servers: Server[] = [];

async function listen(app: express.Express): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An app made while `env` is set (createApp reads TRUST_PROXY when it is made). */
async function appWith(env: Record<string, string>): Promise<string> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await listen(createApp(build, { publicDir }));
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

beforeAll(async () => {
  process.env.LOG_REQUESTS = "false";
  await seedDemo();
  build = await sourceServerBuild();
  publicDir = fs.mkdtempSync(path.join(os.tmpdir(), "np-headers-"));
  fs.mkdirSync(path.join(publicDir, "build"));
  fs.writeFileSync(path.join(publicDir, "favicon.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(publicDir, "build", "entry.client.js"), "export {};\n");
  base = await listen(createApp(build, { publicDir }));

  const user = await userByEmail("polisen@example.org");
  const session = await createSession(user.id, { ip: "127.0.0.1" });
  cookie = `np_session=${session.token}`;
  const token = await createApiToken(actorOf(user), "headers test", { ip: "127.0.0.1", userAgent: null });
  if (!token.ok) throw new Error("no API token");
  bearer = `Bearer ${token.token}`;
});

afterAll(async () => {
  setStorage(null);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  fs.rmSync(publicDir, { recursive: true, force: true });
  fs.rmSync(`${publicDir}-files`, { recursive: true, force: true });
});

/** The policy as directive name → sources. */
function policy(response: Response): Map<string, string[]> {
  const header = response.headers.get("content-security-policy");
  expect(header, "Content-Security-Policy").toBeTruthy();
  return new Map(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** The nonce in the policy's script-src. */
function nonceOf(response: Response): string {
  const sources = policy(response).get("script-src") ?? [];
  const nonces = sources.filter((s) => s.startsWith("'nonce-")).map((s) => s.slice("'nonce-".length, -1));
  expect(nonces).toHaveLength(1);
  return nonces[0]!;
}

/** What every answer carries, static files included. */
function expectSecurityHeaders(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  const csp = policy(response);
  expect(csp.get("default-src")).toEqual(["'self'"]);
  const scripts = csp.get("script-src") ?? [];
  expect(scripts).toContain("'self'");
  expect(scripts.filter((s) => !s.startsWith("'nonce-"))).toEqual(["'self'"]); // no 'unsafe-inline', no 'unsafe-eval', no hosts
  expect(nonceOf(response)).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 16 random bytes
  expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  expect(csp.get("img-src")).toEqual(["'self'"]);
  expect(csp.get("connect-src")).toEqual(["'self'"]);
  expect(csp.get("form-action")).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  // Plain HTTP without a proxy saying otherwise: no HSTS.
  expect(response.headers.get("strict-transport-security")).toBeNull();
}

/** Every <script> of the page carries the response's nonce, and the nonce appears nowhere else. */
function expectNoncedScripts(html: string, nonce: string) {
  const tags = html.match(/<script\b[^>]*>/gi) ?? [];
  expect(tags.length).toBeGreaterThanOrEqual(2); // Remix's hand-off and the module script at least
  for (const tag of tags) expect(tag).toContain(` nonce="${nonce}"`);
  expect(html.split(nonce).length - 1).toBe(tags.length);
}

// A browser's User-Agent, so the page streams (bots get it all at once, without React's
// inline Suspense scripts).
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

async function page(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers: { "User-Agent": BROWSER, ...headers }, redirect: "manual" });
  return { response, html: await response.text() };
}

describe("security headers of the Express app", () => {
  it("anonymous page: every header, no-store, and the nonce on every script", async () => {
    const { response, html } = await page(`${base}/login`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expectNoncedScripts(html, nonceOf(response));
    // The module preloads need no nonce: 'self' allows them.
    expect(html).toContain('<link rel="modulepreload" href="/build/entry.client.js"');
  });

  it("makes a new nonce for every request", async () => {
    const first = await page(`${base}/login`);
    const second = await page(`${base}/login`);
    const a = nonceOf(first.response);
    const b = nonceOf(second.response);
    expect(a).not.toBe(b);
    expect(second.html).not.toContain(a);
    expectNoncedScripts(first.html, a);
    expectNoncedScripts(second.html, b);
  });

  it("keeps what a visitor sends out of the scripts: a script in the query string is not one on the page", async () => {
    const attack = '"><script>alert(1)</script><script nonce="x">alert(2)</script>';
    const { response, html } = await page(`${base}/login?redirectTo=${encodeURIComponent(attack)}`);
    expect(response.status).toBe(200);
    expectNoncedScripts(html, nonceOf(response));
    expect(html).not.toContain("<script>alert(1)");
  });

  it("signed-in page and its data request: every header and no-store, though the route sets no caching itself", async () => {
    const { response, html } = await page(`${base}/`, { Cookie: cookie });
    expect(response.status).toBe(200);
    expect(html).toContain("Petra Nyström"); // really signed in
    expectSecurityHeaders(response);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expectNoncedScripts(html, nonceOf(response));

    const account = await page(`${base}/account`, { Cookie: cookie });
    expect(account.response.status).toBe(200);
    expect(account.response.headers.get("cache-control")).toBe("no-store");
    expectNoncedScripts(account.html, nonceOf(account.response));

    // Client-side navigation fetches the same data through Single Fetch.
    const data = await fetch(`${base}/account.data`, { headers: { Cookie: cookie } });
    expect(data.status).toBe(200);
    expectSecurityHeaders(data);
    expect(data.headers.get("cache-control")).toBe("no-store");
  });

  it("signed-out visitors are redirected with no-store too", async () => {
    const { response } = await page(`${base}/account`);
    expect(response.status).toBe(302);
    expectSecurityHeaders(response);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("API answers with a token, a session and none: every header and no-store", async () => {
    const callers: Record<string, string>[] = [{ Authorization: bearer }, { Cookie: cookie }];
    for (const headers of callers) {
      const response = await fetch(`${base}/api/v1/networks`, { headers });
      expect(response.status).toBe(200);
      expect((await response.json()).networks.length).toBeGreaterThan(0);
      expectSecurityHeaders(response);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    const refused = await fetch(`${base}/api/v1/networks`);
    expect(refused.status).toBe(401);
    expectSecurityHeaders(refused);
    expect(refused.headers.get("cache-control")).toBe("no-store");
  });

  it("a download keeps its own sandbox policy, gains frame-ancestors, and stays private, no-store", async () => {
    setStorage(fsStorage(`${publicDir}-files`));
    const form = new FormData();
    form.append("title", "Rubriker");
    form.append("classification", "internal");
    form.append("file", new Blob(["<script>alert(1)</script>"]), "rubriker.txt");
    const upload = new Request("http://localhost/upload", { method: "POST", body: form });
    const outcome = await uploadNewDocument(upload, actorOf(await userByEmail("polisen@example.org")), "myndighetsnatverket", { ip: "127.0.0.1", userAgent: null });
    if (!outcome.ok) throw new Error(`upload failed: ${outcome.error}`);

    const response = await fetch(`${base}/documents/${outcome.id}/download`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("<script>alert(1)</script>");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("refusals of the CSRF guard are no-store", async () => {
    const response = await fetch(`${base}/logout`, { method: "POST", headers: { Cookie: cookie, Origin: "https://evil.example" } });
    expect(response.status).toBe(403);
    expectSecurityHeaders(response);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("Remix's route manifest, the same for everybody and versioned, stays cacheable", async () => {
    const response = await fetch(`${base}/__manifest?version=test&p=${encodeURIComponent("/account")}`);
    expect(response.status).toBe(200);
    expect(Object.keys(await response.json())).toContain("routes/account");
    expectSecurityHeaders(response);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("static files keep their caching and still get the security headers", async () => {
    const favicon = await fetch(`${base}/favicon.svg`);
    expect(favicon.status).toBe(200);
    expectSecurityHeaders(favicon);
    expect(favicon.headers.get("cache-control")).toBe("public, max-age=3600");

    const script = await fetch(`${base}/build/entry.client.js`);
    expect(script.status).toBe(200);
    expectSecurityHeaders(script);
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("HSTS on HTTPS behind a trusted proxy, never for a forged header without TRUST_PROXY", async () => {
    const proxied = await appWith({ TRUST_PROXY: "true" });
    const https = await fetch(`${proxied}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(https.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const http = await fetch(`${proxied}/login`, { headers: { "X-Forwarded-Proto": "http" } });
    expect(http.headers.get("strict-transport-security")).toBeNull();

    const forged = await fetch(`${base}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(forged.headers.get("strict-transport-security")).toBeNull();
  });

  it("HSTS when the public origin is https, even without TRUST_PROXY", async () => {
    process.env.APP_ORIGIN = "https://portal.example.se";
    try {
      const response = await fetch(`${base}/favicon.svg`);
      expect(response.headers.get("strict-transport-security")).toBe(HSTS);
    } finally {
      delete process.env.APP_ORIGIN;
    }
  });
});

describe("noStore and securityHeaders on answers that ask for something else", () => {
  it("overrides looser caching, keeps stricter caching and a route's own policy", async () => {
    const app = express();
    app.use(securityHeaders);
    app.use(noStore);
    // Remix copies a route's headers with res.append, as here.
    app.get("/public", (_req, res) => void res.append("Cache-Control", "public, max-age=600").send("x"));
    app.get("/twice", (_req, res) => void res.append("Cache-Control", "no-store").append("Cache-Control", "max-age=600").send("x"));
    app.get("/private", (_req, res) => void res.append("Cache-Control", "private, no-store").send("x"));
    app.get("/sandboxed", (_req, res) => void res.append("Content-Security-Policy", "default-src 'none'; sandbox").send("x"));
    app.get("/secret-url", (_req, res) => void res.append("Referrer-Policy", "no-referrer").send("x"));
    const url = await listen(app);

    expect((await fetch(`${url}/public`)).headers.get("cache-control")).toBe("no-store");
    expect((await fetch(`${url}/twice`)).headers.get("cache-control")).toBe("no-store");
    expect((await fetch(`${url}/private`)).headers.get("cache-control")).toBe("private, no-store");
    const sandboxed = await fetch(`${url}/sandboxed`);
    expect(sandboxed.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(sandboxed.headers.get("cache-control")).toBe("no-store");
    expect(sandboxed.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const secretUrl = await fetch(`${url}/secret-url`);
    expect(secretUrl.headers.get("referrer-policy")).toBe("no-referrer");
    expect(secretUrl.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});

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
import { createSession } from "~/auth/session.server";
import { createApp } from "./http-app.server";
import { FORM_BODY_LIMIT } from "./request-body.server";
import { fsStorage } from "./storage.server";
import { setStorage } from "./upload.server";
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
  setStorage(null);
  fs.rmSync(`${publicDir}-files`, { recursive: true, force: true });
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

interface BigPost {
  status: number;
  /** From the first byte sent to the answer's status line. */
  ms: number;
  body: string;
  sentBytes: number;
  /** The highest RSS of this process (client and server) while it ran. */
  peakRss: number;
}

/**
 * Sends up to `total` bytes of a urlencoded body, chunked or with a declared length, from
 * one reused buffer (so the client holds nothing), and stops sending once the answer comes.
 */
function bigPost(pathname: string, options: { total: number; chunked: boolean; declared?: number }): Promise<BigPost> {
  const piece = Buffer.alloc(64 * 1024, "a");
  const started = performance.now();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  return new Promise<BigPost>((resolve, reject) => {
    let answered = false;
    let sentBytes = 0;
    const headers: Record<string, string | number> = { Origin: base, "Content-Type": "application/x-www-form-urlencoded" };
    if (options.chunked) headers["Transfer-Encoding"] = "chunked";
    else headers["Content-Length"] = options.declared ?? options.total;
    const req = http.request(`${base}${pathname}`, { method: "POST", headers });
    const finish = (result: Omit<BigPost, "peakRss" | "sentBytes">) => {
      clearInterval(sampler);
      resolve({ ...result, sentBytes, peakRss: Math.max(peakRss, process.memoryUsage().rss) });
    };
    req.on("response", (res) => {
      answered = true;
      const ms = performance.now() - started;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => finish({ status: res.statusCode ?? 0, ms, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", () => finish({ status: res.statusCode ?? 0, ms, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", (error) => {
      // The server cuts the connection after its answer: only an error before it counts.
      if (!answered) {
        clearInterval(sampler);
        reject(error);
      }
    });
    const pump = () => {
      while (!answered && !req.destroyed && sentBytes < options.total) {
        sentBytes += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered && !req.destroyed) req.end();
    };
    req.write("email=polisen%40example.org&password=x&padding=");
    pump();
  });
}

describe("request bodies over the limit", () => {
  const MB = 1024 * 1024;

  it("a 256 MB chunked POST to /login is answered 413 at once, in Swedish and English, without the body in memory", async () => {
    const before = process.memoryUsage().rss;
    const answer = await bigPost("/login", { total: 256 * MB, chunked: true });
    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(2000);
    expect(answer.body).toContain("För stor begäran");
    expect(answer.body).toContain("Request too large");
    expect(answer.body).toContain("1 MB");
    // Neither the server nor anything else held the body: far less than it grew by.
    expect(answer.peakRss - before).toBeLessThan(64 * MB);
    // The server is not busy reading it either.
    const started = performance.now();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("a POST declaring 400 MB is answered 413 before its body is read", async () => {
    const before = process.memoryUsage().rss;
    const answer = await bigPost("/login", { total: 8 * MB, chunked: false, declared: 400 * MB });
    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(2000);
    expect(answer.body).toContain("Request too large");
    expect(answer.peakRss - before).toBeLessThan(64 * MB);
  });

  it("the JSON API answers 413 in JSON; a form just under the limit still reaches its action whole", async () => {
    const api = await bigPost("/api/v1/updates", { total: 4 * MB, chunked: true });
    expect(api.status).toBe(413);
    expect(JSON.parse(api.body)).toMatchObject({ error: "too_large" });

    // The padding comes first, so the sign-in works only if every byte got through.
    const padding = "a".repeat(FORM_BODY_LIMIT - 200);
    const body = `padding=${padding}&email=polisen%40example.org&password=${encodeURIComponent(DEMO_PASSWORD)}&redirectTo=%2Faccount`;
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(FORM_BODY_LIMIT);
    const login = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
      body,
    });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/account");
  });

  it("an upload larger than the form limit still streams to the library: a new document and a new version", async () => {
    setStorage(fsStorage(`${publicDir}-files`));
    const user = await userByEmail("polisen@example.org");
    const session = await createSession(user.id, { ip: "127.0.0.1" });
    const content = "Protokoll från nätverksmötet.\n".repeat(Math.ceil((3 * MB) / 30));
    const form = new FormData();
    form.append("title", "Stort protokoll");
    form.append("classification", "internal");
    form.append("file", new Blob([content], { type: "text/plain" }), "protokoll.txt");
    const upload = await fetch(`${base}/networks/myndighetsnatverket/library/upload`, {
      method: "POST",
      headers: { Cookie: `np_session=${session.token}`, Origin: base, Accept: "application/json" },
      body: form,
    });
    expect(upload.status).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    const download = await fetch(`${base}/documents/${id}/download`, { headers: { Cookie: `np_session=${session.token}` } });
    expect(download.status).toBe(200);
    expect((await download.text()).length).toBe(content.length);

    const version = new FormData();
    version.append("file", new Blob([content.replace("Protokoll", "Reviderat")], { type: "text/plain" }), "protokoll.txt");
    const again = await fetch(`${base}/documents/${id}/upload`, {
      method: "POST",
      headers: { Cookie: `np_session=${session.token}`, Origin: base, Accept: "application/json" },
      body: version,
    });
    expect(again.status).toBeLessThan(400);
  });
});

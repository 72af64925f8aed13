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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { createApp } from "~/lib/http-app.server";
import { seedDemo, userByEmail } from "./demo";
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

import type { ServerBuild } from "@remix-run/node";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { afterEach, describe, expect, it, vi } from "vitest";
import { guardDatabaseErrors, onUnhandledRejection, UNAVAILABLE_TEXT } from "./unavailable.server";

const refused = () => new DrizzleQueryError("select 1", [], Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));

function buildWith(loader: () => unknown, action?: () => unknown): ServerBuild {
  return { routes: { "routes/x": { id: "routes/x", path: "x", module: { loader, ...(action ? { action } : {}), default: () => null } } } } as unknown as ServerBuild;
}

async function thrownBy(promise: unknown): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("guardDatabaseErrors", () => {
  afterEach(() => vi.restoreAllMocks());

  it("turns a database that is away into a 503 with Retry-After and the message in Swedish, then English", async () => {
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const guarded = guardDatabaseErrors(buildWith(() => Promise.reject(refused())));
    const loader = guarded.routes["routes/x"]!.module.loader as (args: { request: Request }) => Promise<unknown>;
    const response = (await thrownBy(loader({ request: new Request("http://portal.test/x") }))) as Response;
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    const text = await response.text();
    expect(text.indexOf(UNAVAILABLE_TEXT.sv)).toBe(0);
    expect(text).toContain(UNAVAILABLE_TEXT.en);
    expect(UNAVAILABLE_TEXT.sv).toContain("Tjänsten är tillfälligt otillgänglig");
  });

  it("answers the API in JSON", async () => {
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const guarded = guardDatabaseErrors(buildWith(() => null, () => Promise.reject(refused())));
    const action = guarded.routes["routes/x"]!.module.action as (args: { request: Request }) => Promise<unknown>;
    const response = (await thrownBy(action({ request: new Request("http://portal.test/api/v1/updates", { method: "POST" }) }))) as Response;
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: "unavailable", message: UNAVAILABLE_TEXT.en });
  });

  it("leaves every other outcome alone: data, redirects, 404s and the app's own errors", async () => {
    const run = (loader: () => unknown) =>
      (guardDatabaseErrors(buildWith(loader)).routes["routes/x"]!.module.loader as (args: { request: Request }) => Promise<unknown>)({
        request: new Request("http://portal.test/x"),
      });
    expect(await run(() => ({ ok: true }))).toEqual({ ok: true });
    const notFound = new Response("Not found", { status: 404 });
    expect(await thrownBy(run(() => Promise.reject(notFound)))).toBe(notFound);
    const bug = new TypeError("x is undefined");
    expect(await thrownBy(run(() => Promise.reject(bug)))).toBe(bug);
    // Routes without a loader or action stay without one.
    expect(guardDatabaseErrors(buildWith(() => null)).routes["routes/x"]!.module.action).toBeUndefined();
  });
});

describe("onUnhandledRejection", () => {
  it("logs a lost database connection, and rethrows anything else so the process still ends", () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(() => onUnhandledRejection(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).not.toThrow();
    expect(String(write.mock.calls[0]?.[0])).toContain("database connection lost outside a request");
    write.mockRestore();
    const bug = new Error("a real bug");
    expect(() => onUnhandledRejection(bug)).toThrow(bug);
  });
});

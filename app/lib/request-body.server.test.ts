import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type QueryTally, withQueryTally } from "../../db/query-counter";
import { db } from "./db.server";
import { limitRequestBodies } from "./request-body.server";

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  // As the request log does: every request runs with a tally of its own.
  app.use((_req, res, next) => {
    const tally: QueryTally = { count: 0 };
    res.locals.tally = tally;
    withQueryTally(tally, next);
  });
  app.use(limitRequestBodies(1024));
  app.post("/count", (_req, res, next) => {
    db.execute(sql`select 1`)
      .then(() => res.json({ queries: (res.locals.tally as QueryTally).count, body: String(res.locals.body) }))
      .catch(next);
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("limitRequestBodies", () => {
  it("hands the body on in the request's own context, so its queries still count for it", async () => {
    // The body is read in the socket's events; the routes after it ran outside the
    // request's context, and the request log and the benchmark counted no query for a POST.
    const response = await fetch(`${base}/count`, { method: "POST", body: "a=1&b=2", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ queries: 1, body: "a=1&b=2" });
  });

  it("answers 413 to a chunked body past the limit without running the route", async () => {
    const big = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("x".repeat(2048)));
        controller.close();
      },
    });
    const response = await fetch(`${base}/count`, { method: "POST", body: big, duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
  });
});

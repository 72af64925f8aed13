/**
 * The patched route matching of @remix-run/router (app/patches, applied by `postinstall`):
 * ranked branches kept per route table and compiled paths kept per pattern. These tests
 * use the server's own copy of the router (its CommonJS build) and the portal's real
 * route table, and check that what is kept never changes an answer.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AgnosticRouteObject, matchRoutes as MatchRoutes } from "@remix-run/router";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { createRoutes } from "@remix-run/server-runtime/dist/routes.js";
import { describe, expect, it } from "vitest";
import remixConfig from "../../remix.config.js";

const require = createRequire(import.meta.url);
const routerFile = require.resolve("@remix-run/router");
const { matchRoutes } = require("@remix-run/router") as { matchRoutes: typeof MatchRoutes };
const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

type Route = AgnosticRouteObject & { id: string };

/** The portal's routes as Remix nests them for matching (server-runtime's createRoutes), made afresh on every call. */
function portalRoutes(): Route[] {
  const manifest = flatRoutes(APP_DIR, remixConfig.ignoredRouteFiles ?? []);
  // Matching reads only ids, paths, index and case sensitivity; the route modules are not needed.
  const withRoot = { ...manifest, root: { id: "root", path: "", file: "root.tsx" } } as unknown as Parameters<typeof createRoutes>[0];
  return createRoutes(withRoot) as unknown as Route[];
}

const ids = (routes: Route[], pathname: string) => matchRoutes(routes, pathname)?.map((m) => m.route.id) ?? null;
const answers = (routes: Route[], pathname: string) =>
  matchRoutes(routes, pathname)?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, base: m.pathnameBase })) ?? null;

const PATHS = [
  "/",
  "/login",
  "/networks/myndighetsnatverket",
  "/networks/myndighetsnatverket/library",
  "/networks/myndighetsnatverket/meetings",
  "/networks/myndighetsnatverket/meetings/new",
  "/documents/2f1c4c2e-7d1f-4c55-9a39-0d3f1c8e9a10",
  "/documents/2f1c4c2e-7d1f-4c55-9a39-0d3f1c8e9a10/download",
  "/meetings/abc/minutes",
  "/calendar/tok.en/meetings.ics",
  "/admin/audit.csv",
  "/NETWORKS/Myndighetsnatverket/",
  "/no/such/page",
];

describe("patched route matching", () => {
  it("is installed (npm ci runs patch-package)", () => {
    expect(fs.readFileSync(routerFile, "utf8")).toContain("Patched (Nätverksportalen, app/patches)");
  });

  it("matches the portal's pages to the routes Remix would", () => {
    const routes = portalRoutes();
    expect(ids(routes, "/")).toEqual(["root", "routes/_index"]);
    expect(ids(routes, "/networks/myndighetsnatverket/library")).toEqual(["root", "routes/networks.$slug_.library"]);
    expect(ids(routes, "/networks/myndighetsnatverket/meetings")).toEqual(["root", "routes/networks.$slug_.meetings._index"]);
    expect(ids(routes, "/documents/x/download")).toEqual(["root", "routes/documents.$id_.download"]);
    expect(ids(routes, "/calendar/t/meetings.ics")).toEqual(["root", "routes/calendar.$token.meetings[.]ics"]);
    expect(ids(routes, "/no/such/page")).toEqual(["root", "routes/$"]);
    expect(matchRoutes(routes, "/documents/a%2Fb")?.at(-1)?.params).toEqual({ id: "a/b" });
  });

  it("gives the same answer for a kept table as for a table never matched before, call after call", () => {
    const kept = portalRoutes();
    for (let round = 0; round < 3; round++) {
      for (const pathname of PATHS) expect(answers(kept, pathname), pathname).toEqual(answers(portalRoutes(), pathname));
    }
  });

  it("sees routes added to a table after it was matched (lazy route discovery)", () => {
    const routes: Route[] = [{ id: "root", path: "", children: [{ id: "home", index: true }] }];
    expect(ids(routes, "/later")).toBeNull();
    routes[0]!.children!.push({ id: "later", path: "later" } as Route);
    expect(ids(routes, "/later")).toEqual(["root", "later"]);
    routes.push({ id: "top", path: "/top" });
    expect(ids(routes, "/top")).toEqual(["top"]);
  });

  it("keeps case sensitivity and end matching apart for the same pattern", () => {
    const routes: Route[] = [{ id: "exact", path: "/Exact", caseSensitive: true }];
    const loose: Route[] = [{ id: "loose", path: "/Exact" }];
    expect(ids(routes, "/exact")).toBeNull();
    expect(ids(loose, "/exact")).toEqual(["loose"]);
    expect(ids(routes, "/Exact")).toEqual(["exact"]);
    const parent: Route[] = [{ id: "parent", path: "/Exact", children: [{ id: "child", path: "more" }] }];
    expect(ids(parent, "/exact/more")).toEqual(["parent", "child"]);
  });
});

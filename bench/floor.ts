/**
 * The benchmark's stack floor: what the portal's fixed stack costs with nothing of the
 * portal in it. The same Express app with @remix-run/express, the same Remix server
 * runtime (single fetch, lazy route discovery, the same future flags), the same way of
 * rendering a document with React (renderToPipeableStream, buffered into one write), and
 * for each page exactly the SQL the baseline runs (bench/baseline.ts, the captured plan,
 * named statements). The loader hands the rows to a component that renders them as the
 * baseline's template does; the rows also go to the browser in Remix's hand-off, as any
 * loader's data does.
 *
 * No session handling beyond the captured session query, no Drizzle, no Radix, no i18n,
 * no layout. A page cannot cost less than this on Remix and React, so the floor's ratio to
 * the baseline bounds what any work on the portal itself can reach.
 *
 *   node --import tsx bench/floor.ts <plan.json> <port> <database-url>
 */
import fs from "node:fs";
import type http from "node:http";
import { Writable } from "node:stream";
import { createRequestHandler } from "@remix-run/express";
import { redirect, type ServerBuild } from "@remix-run/node";
import { Links, Meta, Outlet, RemixServer, Scripts, useLoaderData } from "@remix-run/react";
import express from "express";
import postgres from "postgres";
import { createElement as h } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { cellText, planKey, replay, type Plan } from "./baseline";

type Rows = Record<string, unknown>[][];

function Root() {
  return h(
    "html",
    { lang: "sv" },
    h("head", null, h("meta", { charSet: "utf-8" }), h("meta", { name: "viewport", content: "width=device-width,initial-scale=1" }), h(Meta), h(Links)),
    h("body", null, h(Outlet), h(Scripts)),
  );
}

function Page() {
  const { title, results } = useLoaderData() as unknown as { title: string; results: Rows };
  return h(
    "main",
    null,
    h("h1", null, title),
    results.map((rows, i) =>
      h(
        "ul",
        { key: i },
        rows.map((row, j) => h("li", { key: j }, Object.values(row).map(cellText).join(" · "))),
      ),
    ),
  );
}

function handleDocumentRequest(request: Request, status: number, headers: Headers, context: unknown): Promise<Response> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        const body = Buffer.concat(chunks);
        headers.set("Content-Type", "text/html; charset=utf-8");
        headers.set("Content-Length", String(body.length));
        resolve(new Response(body, { headers, status }));
        callback();
      },
    });
    const { pipe } = renderToPipeableStream(h(RemixServer, { context: context as never, url: request.url }), {
      onAllReady: () => pipe(sink),
      onShellError: reject,
    });
  });
}

export function floorBuild(plan: Plan, sql: postgres.Sql): ServerBuild {
  const pageOf = (request: Request) => {
    const url = new URL(request.url);
    const page = plan[planKey(request.method, url.pathname + url.search)];
    if (!page) throw new Response("not in the plan", { status: 404 });
    return page;
  };
  const routeManifest = (id: string, parentId: string | undefined, path: string | undefined, index: true | undefined) => ({
    id, parentId, path, index, caseSensitive: undefined, module: `/build/${id}.js`, imports: [],
    hasAction: id !== "root", hasLoader: id !== "root", hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false,
  });
  const page = {
    default: Page,
    loader: async ({ request }: { request: Request }) => {
      const page = pageOf(request);
      return { title: page.url, results: (await replay(sql, page)).results };
    },
    action: async ({ request }: { request: Request }) => {
      const page = pageOf(request);
      await request.arrayBuffer();
      const { createdId } = (await sql.begin((tx) => replay(tx, page))) as { createdId?: string };
      return redirect(page.location && page.createdId && createdId ? page.location.replace(page.createdId, createdId) : (page.location ?? "/"));
    },
  };
  // Every URL but "/" is the splat route's; "/" is the index route's (a root splat does not match it).
  return {
    mode: "production",
    entry: { module: { default: handleDocumentRequest as never } },
    routes: {
      root: { id: "root", path: "", module: { default: Root } as never },
      "routes/_index": { id: "routes/_index", parentId: "root", index: true, module: page as never },
      "routes/$": { id: "routes/$", parentId: "root", path: "*", module: page as never },
    },
    assets: {
      entry: { module: "/build/entry.js", imports: [] },
      routes: {
        root: routeManifest("root", undefined, "", undefined),
        "routes/_index": routeManifest("routes/_index", "root", undefined, true),
        "routes/$": routeManifest("routes/$", "root", "*", undefined),
      },
      url: "/build/manifest.js",
      version: "floor",
    } as never,
    assetsBuildDirectory: "public/build",
    publicPath: "/build/",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_routeConfig: false, v3_singleFetch: true, v3_lazyRouteDiscovery: true, unstable_optimizeDeps: false } as never,
    isSpaMode: false,
    basename: undefined,
  } as unknown as ServerBuild;
}

export function startFloor(plan: Plan, port: number, sql: postgres.Sql): Promise<http.Server> {
  const app = express();
  app.disable("x-powered-by");
  const build = floorBuild(plan, sql);
  app.all("*", createRequestHandler({ build, mode: "production" }));
  return new Promise((resolve) => {
    const server = app.listen(port, "127.0.0.1", () => resolve(server));
  });
}

// Run as its own process by bench/run.ts, like the baseline.
if (process.argv[1]?.endsWith("floor.ts")) {
  const [planFile, port, databaseUrl] = process.argv.slice(2);
  if (!planFile || !port || !databaseUrl) throw new Error("usage: floor.ts <plan.json> <port> <database-url>");
  const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as Plan;
  await startFloor(plan, Number(port), postgres(databaseUrl, { max: 10, onnotice: () => {} }));
  console.log(`stack floor listening on ${port}`);
}

/**
 * A Remix server build made from the sources, for tests that drive the real Express app
 * (app/lib/http-app.server.ts) without `remix build`: the routes remix.config.js finds
 * (flat routes), the real root, entry.server and future flags. Only the browser assets
 * are made up: their URLs point under /build/, which the tests fill themselves.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import remixConfig from "../../remix.config.js";
import * as entryServer from "~/entry.server";

const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function sourceServerBuild(): Promise<ServerBuild> {
  const manifest = flatRoutes(APP_DIR, remixConfig.ignoredRouteFiles ?? []);
  manifest.root = { id: "root", path: "", file: "root.tsx" };
  const routes: ServerBuild["routes"] = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  for (const entry of Object.values(manifest)) {
    const module = await import(/* @vite-ignore */ path.join(APP_DIR, entry.file));
    const route = { id: entry.id, parentId: entry.parentId, path: entry.path, index: entry.index, caseSensitive: entry.caseSensitive };
    routes[entry.id] = { ...route, module };
    assetRoutes[entry.id] = {
      ...route,
      module: `/build/${entry.id}.js`,
      imports: [],
      hasAction: typeof module.action === "function",
      hasLoader: typeof module.loader === "function",
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: typeof module.ErrorBoundary === "function",
    };
  }
  return {
    mode: "production",
    entry: { module: entryServer },
    routes,
    assets: { entry: { module: "/build/entry.client.js", imports: ["/build/shared.js"] }, routes: assetRoutes, url: "/build/manifest.js", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {
      v3_fetcherPersist: false,
      v3_relativeSplatPath: false,
      v3_throwAbortReason: false,
      v3_lazyRouteDiscovery: false,
      v3_singleFetch: false,
      ...remixConfig.future,
    },
    isSpaMode: false,
  };
}

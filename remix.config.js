/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // The custom server (request logging, Origin check, graceful shutdown) is compiled
  // together with the app into build/index.js, so `node build/index.js` is the portal.
  server: "./app/server.ts",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // The custom server (request logging, Origin check, graceful shutdown) is compiled
  // together with the app into build/index.js, so `node build/index.js` is the portal.
  server: "./app/server.ts",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Radix is bundled into the server build so that only the components in use are loaded:
  // importing the whole of @radix-ui/themes cost over a second of every cold start.
  serverDependenciesToBundle: [/^@radix-ui\//, /^radix-ui/],
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};

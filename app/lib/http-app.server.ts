/**
 * The portal's Express app: headers, static files, the CSRF guard and Remix. Built from
 * a server build, so that app/server.ts serves the compiled one and the tests one made
 * from the sources (app/test/server-build.ts) — the same middleware either way.
 */
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { noStore, originCheck, refuseNul, requestLog, securityHeaders } from "./middleware.server";
import { remixHandler } from "./remix-handler.server";
import { limitRequestBodies } from "./request-body.server";
import { guardDatabaseErrors } from "./unavailable.server";

export function createApp(build: ServerBuild, options: { publicDir: string }) {
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY === "true" ? true : process.env.TRUST_PROXY);
  app.use(requestLog);
  app.use(securityHeaders);
  app.use(compression());
  // Fingerprinted build output may be kept for a year; the rest of public/ for an hour.
  app.use("/build", express.static(path.join(options.publicDir, "build"), { immutable: true, maxAge: "1y" }));
  // The other public files (the favicon) all have an extension; pages never do, so they
  // skip the file-system lookup.
  const publicFiles = express.static(options.publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  // Everything below is dynamic.
  app.use(noStore);
  app.use(refuseNul);
  // Every body but an upload's is read here, at most FORM_BODY_LIMIT, before anything
  // else may answer and leave Node to read the rest.
  app.use(limitRequestBodies());
  app.use(originCheck);
  app.all(
    "*",
    remixHandler({
      // A database that is away answers 503 with a clear message, never a 500 or a hang.
      build: guardDatabaseErrors(build),
      mode: build.mode,
      getLoadContext: (req, res) => ({
        ip: req.ip ?? "unknown",
        requestId: String(res.locals.requestId),
        cspNonce: String(res.locals.cspNonce),
      }),
    }),
  );
  return app;
}

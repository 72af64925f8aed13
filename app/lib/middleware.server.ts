import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { NextFunction, Request, Response } from "express";
import { type QueryTally, withQueryTally } from "../../db/query-counter";
import { log } from "./log.server";

const exposeQueryCount = process.env.EXPOSE_QUERY_COUNT === "true";
const captureFile = process.env.QUERY_CAPTURE_FILE;

/**
 * One line per request: method, path (never the query string, which may carry tokens),
 * status, duration and the number of SQL statements it sent. Cookies, headers and
 * bodies are never logged. With EXPOSE_QUERY_COUNT=true the count is also sent as the
 * X-Query-Count header (for the benchmark), and with QUERY_CAPTURE_FILE the statements
 * themselves are appended to that file as JSON lines (never in production: they carry
 * parameters).
 */
export function requestLog(req: Request, res: Response, next: NextFunction) {
  const started = process.hrtime.bigint();
  const requestId = randomUUID();
  const tally: QueryTally = { count: 0, capture: captureFile ? [] : undefined };
  res.locals.requestId = requestId;
  if (exposeQueryCount) {
    // Headers go out with the first byte of the body, after the loaders have run.
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
      if (!this.headersSent) this.setHeader("X-Query-Count", String(tally.count));
      return writeHead.apply(this, args);
    } as typeof writeHead;
  }
  res.on("finish", () => {
    if (captureFile && tally.capture) {
      const location = res.getHeader("location");
      const line = JSON.stringify({ method: req.method, url: req.originalUrl, status: res.statusCode, location, queries: tally.capture });
      fs.appendFileSync(captureFile, `${line}\n`);
    }
    if (process.env.LOG_REQUESTS === "false") return;
    log.info("request", {
      method: req.method,
      path: req.path,
      status: res.statusCode,
      ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      queries: tally.count,
      requestId,
    });
  });
  withQueryTally(tally, next);
}

export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  next();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The site's own origin: APP_ORIGIN when set (behind a proxy), else what the request says. */
function ownOrigin(req: Request): string {
  return process.env.APP_ORIGIN ?? `${req.protocol}://${req.get("host")}`;
}

/**
 * Cross-site request forgery guard: a state-changing request must come from our own
 * pages. Browsers always send Origin on such requests; one without it is refused too.
 * The exception is the token-authenticated API (see app/auth/api.server.ts).
 */
export function originCheck(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  // API calls with a bearer token: browsers never attach one by themselves, and the API
  // then ignores cookies, so there is no forgery to guard against.
  // Without any cookie there is no session to ride on either; the API answers 401 itself.
  if (req.path.startsWith("/api/") && (req.get("authorization") || !req.get("cookie"))) return next();
  const origin = req.get("origin");
  if (origin && origin === ownOrigin(req)) return next();
  log.warn("foreign origin refused", { method: req.method, path: req.path, origin: origin ?? null });
  res
    .status(403)
    .type("text/plain; charset=utf-8")
    .send(
      "Förfrågan avvisades: den kom inte från portalens egna sidor.\nRequest refused: it did not come from the portal's own pages.",
    );
}

import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import type { NextFunction, Request, Response } from "express";
import { type QueryTally, withQueryTally } from "../../db/query-counter";
import { log } from "./log.server";
import { configuredAppOrigin } from "./origin.server";

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
  // Headers go out with the first byte of the body, after the loaders have run.
  if (exposeQueryCount) beforeHeaders(res, () => res.setHeader("X-Query-Count", String(tally.count)));
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

/**
 * The policy of every answer: scripts only from our own origin or inline with this
 * response's nonce (no 'unsafe-inline', no eval). Nothing is fetched, framed or posted
 * anywhere but here, and nobody may frame the portal. Images come from here only: the
 * MFA QR code is inline SVG markup, not a data: URL.
 *
 * Inline styles stay allowed because the issue allows them and Radix needs them: without
 * 'unsafe-inline' every style attribute is refused (e2e/headers.spec.ts then fails).
 * No 'strict-dynamic': it makes browsers ignore 'self', and Remix 2 renders its
 * <link rel="modulepreload"> tags without a nonce, so whether those still load depends
 * on the browser. What it would add, refusing a parser-inserted same-origin
 * <script src>, is little here: nothing on this origin but /build is JavaScript (uploads
 * are sniffed against an allowlist without scripts, and downloads are nosniff).
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Runs `fn` once, just before the status line and headers go out, whoever sends them
 * (express.static, Remix, compression, Express's error handler): what `on-headers` does.
 */
function beforeHeaders(res: Response, fn: () => void) {
  const writeHead = res.writeHead;
  let done = false;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    if (!done) {
      done = true;
      fn();
    }
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response["writeHead"];
}

/**
 * Headers for every answer, static files included. Each request gets a fresh nonce
 * (res.locals.cspNonce, handed to Remix by getLoadContext) that the page's inline scripts
 * carry. An answer that brings its own policy (document downloads: `default-src 'none';
 * sandbox`) or referrer policy (the calendar feed: `no-referrer`, as its URL is the
 * secret) keeps it instead of this one, rather than sending both; a policy of its own
 * still gets `frame-ancestors 'none'`.
 *
 * HSTS goes out on HTTPS: req.secure, which behind a proxy needs TRUST_PROXY so that
 * X-Forwarded-Proto counts, or an https APP_ORIGIN (then the proxy terminates TLS;
 * browsers ignore the header on plain HTTP, so sending it there does no harm).
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  if (req.secure || process.env.APP_ORIGIN?.startsWith("https://")) res.setHeader("Strict-Transport-Security", HSTS);
  beforeHeaders(res, () => {
    const own = res.getHeader("Content-Security-Policy");
    if (!own) res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    // frame-ancestors does not fall back to default-src: nobody frames any answer.
    else if (typeof own === "string" && !/frame-ancestors/i.test(own)) res.setHeader("Content-Security-Policy", `${own}; frame-ancestors 'none'`);
    if (!res.getHeader("Referrer-Policy")) res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  });
  next();
}

/**
 * Mounted after the static files: every answer from here on (pages, their data requests,
 * the API, downloads, calendar files, refusals) is `Cache-Control: no-store`, whatever a
 * route said, so no browser or proxy keeps a copy of a signed-in page. A route may be
 * stricter (`private, no-store`) but never looser. The one exception is Remix's route
 * manifest (/__manifest), which is the same for everybody, versioned by the build and
 * public on purpose.
 */
export function noStore(req: Request, res: Response, next: NextFunction) {
  if (req.path === "/__manifest") return next();
  beforeHeaders(res, () => {
    const current = res.getHeader("Cache-Control");
    if (typeof current !== "string" || !/(^|,)\s*no-store\s*(,|$)/i.test(current)) res.setHeader("Cache-Control", "no-store");
  });
  next();
}

/**
 * A NUL character (%00) in the address is never meant: PostgreSQL cannot hold one in text,
 * so a query parameter carrying it made the search (and any filter) fail with a 500.
 * Answered 400 here, before any route sees it (found by wapiti; see e2e/security).
 */
export function refuseNul(req: Request, res: Response, next: NextFunction) {
  if (/%00/i.test(req.originalUrl)) {
    res.status(400).type("text/plain").send("Bad request");
    return;
  }
  next();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The site's own origin for the CSRF guard: APP_ORIGIN when set (always in production on
 * PostgreSQL), else what the request says, which is enough here (a page of another site
 * cannot choose the Host its visitors' browsers send) but never for links in mail.
 */
function ownOrigin(req: Request): string {
  return configuredAppOrigin() ?? `${req.protocol}://${req.get("host")}`;
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

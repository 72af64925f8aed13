import { AsyncResource } from "node:async_hooks";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { serverT } from "~/i18n/server";
import { log } from "./log.server";

/** Reads a request body as text, giving up as soon as it passes `limit` bytes (never holding more). */
export async function readLimitedText(request: Request, limit: number): Promise<{ ok: true; text: string } | { ok: false }> {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > limit) return { ok: false };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}

/**
 * Every request body the portal reads whole (forms, the JSON API) is at most this long;
 * uploads stream to storage and keep their own limit (UPLOAD_MAX_MB). A 400 MB form post
 * to /login once took the process from 115 MB to 2 GB and stalled it for seconds.
 */
export const FORM_BODY_LIMIT = 1024 * 1024;

/**
 * The routes whose bodies stream (document uploads and new versions, from the browser and
 * the API), matched on the raw path as Express has it. A path spelled otherwise (escaped,
 * say) that Remix would still send to an upload route only gets the small limit: never
 * the other way round.
 */
const STREAMED_BODIES = [
  /^\/networks\/[^/]+\/library\/upload(\.data)?\/?$/,
  /^\/documents\/[^/]+\/upload(\.data)?\/?$/,
  /^\/api\/v1\/networks\/[^/]+\/documents\/?$/,
  /^\/api\/v1\/documents\/[^/]+\/versions\/?$/,
];

/**
 * After a 413 the client may still be sending: what comes is discarded (never held) for a
 * moment, so that the answer reaches it before the connection is cut (closing a socket
 * with unread data resets it, and the client may then lose the answer), then it is cut.
 */
const DISCARD_AFTER_REFUSAL_BYTES = 4 * 1024 * 1024;
const DISCARD_AFTER_REFUSAL_MS = 2000;

export function isStreamedBody(path: string): boolean {
  return STREAMED_BODIES.some((re) => re.test(path));
}

function refuseTooLarge(req: ExpressRequest, res: ExpressResponse, limit: number) {
  const mb = Math.round((limit / 1024 / 1024) * 10) / 10;
  const socket = req.socket;
  let discarded = 0;
  const cut = () => {
    clearTimeout(timer);
    req.removeListener("data", discard);
    socket.destroy();
  };
  const discard = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_AFTER_REFUSAL_BYTES) cut();
  };
  const timer = setTimeout(cut, DISCARD_AFTER_REFUSAL_MS);
  timer.unref();
  req.on("data", discard);
  req.once("end", () => clearTimeout(timer));
  socket.once("close", () => clearTimeout(timer));
  req.resume();
  log.warn("request body too large", { method: req.method, path: req.path, limit });
  // No "Connection: close": Node would then close the socket the moment the answer is
  // written, with the rest of the body unread; the discarding above cuts it instead.
  res.status(413);
  if (req.path.startsWith("/api/")) {
    res.json({ error: "too_large", message: serverT("en")("errors.tooLarge", { mb }) });
  } else {
    const sv = serverT("sv");
    const en = serverT("en");
    res
      .type("text/plain; charset=utf-8")
      .send(`${sv("errors.tooLargeTitle")}\n\n${sv("errors.tooLarge", { mb })}\n\n${en("errors.tooLargeTitle")}\n\n${en("errors.tooLarge", { mb })}\n`);
  }
}

/**
 * Reads the body of every request but the streamed uploads before any route runs, at most
 * `limit` bytes: a declared Content-Length over it is refused before a byte is read, and a
 * chunked body as soon as it passes it. Either way the answer is 413 at once. What is
 * read is handed to Remix (res.locals.body, see remix-handler.server.ts), so no action
 * ever reads an unbounded body.
 */
export function limitRequestBodies(limit = FORM_BODY_LIMIT) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || isStreamedBody(req.path)) return next();
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) return refuseTooLarge(req, res, limit);
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.removeListener("data", onData);
      req.removeListener("end", onEnd);
      req.removeListener("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        chunks.length = 0;
        refuseTooLarge(req, res, limit);
        return;
      }
      chunks.push(chunk);
    };
    // Bound to this request's context: the stream's events run in the socket's, and the
    // routes after this one must still see the request's own (its query tally, for one).
    const onEnd = AsyncResource.bind(() => {
      cleanup();
      res.locals.body = Buffer.concat(chunks, size);
      next();
    });
    // The client went away half-way: there is nobody to answer.
    const onError = () => cleanup();
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  };
}

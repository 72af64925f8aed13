/**
 * When PostgreSQL is down, restarting, full, or every pooled connection stays busy, a
 * request answers 503 with a clear message in both languages and a Retry-After, instead
 * of a 500 or a request that hangs. Every loader and action of the server build is
 * wrapped: an error that db/availability.ts recognises becomes a thrown 503 Response,
 * which Remix renders with the route's error boundary (pages, see
 * app/components/error-boundary.tsx), sends to the browser's router (navigations), or
 * sends as it is (resource routes and the API, which get JSON). Any other error is left
 * to Remix as before. Nothing needs restarting afterwards: postgres.js reconnects on the
 * next query.
 */
import type { ServerBuild } from "@remix-run/node";
import { unavailableCode } from "../../db/availability";
import sv from "~/i18n/sv";
import en from "~/i18n/en";
import { UNSTORABLE_TEXT } from "./error-codes";
import { log } from "./log.server";

export const RETRY_AFTER_SECONDS = 5;

/** Swedish first, then English; the reader's language may live in the database that is away. */
export const UNAVAILABLE_TEXT = {
  sv: `${sv.errors.unavailableTitle}. ${sv.errors.unavailable}`,
  en: `${en.errors.unavailableTitle}. ${en.errors.unavailable}`,
};

export function unavailableResponse(request: Request): Response {
  const headers = new Headers({ "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) });
  if (new URL(request.url).pathname.startsWith("/api/")) {
    return Response.json(
      { error: "unavailable", message: UNAVAILABLE_TEXT.en, message_sv: UNAVAILABLE_TEXT.sv },
      { status: 503, headers },
    );
  }
  headers.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(`${UNAVAILABLE_TEXT.sv}\n\n${UNAVAILABLE_TEXT.en}\n`, { status: 503, headers });
}

/**
 * PostgreSQL refuses some text outright: a NUL character (22021) or a \u0000 escape in
 * JSON (22P05). Such input is never meant, so it is the sender's mistake: 400 with a clear
 * message, and the statement's transaction has changed nothing. Found by wapiti in a few
 * forms; caught here for every loader and action rather than form by form.
 */
const UNSTORABLE_TEXT_CODES = new Set(["22021", "22P05"]);

function unstorableTextCode(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 5) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && UNSTORABLE_TEXT_CODES.has(code)) return code;
  return unstorableTextCode((error as { cause?: unknown }).cause, depth + 1);
}


export function unstorableTextResponse(request: Request): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (new URL(request.url).pathname.startsWith("/api/")) {
    return Response.json({ error: UNSTORABLE_TEXT, message: en.errors.unstorableText }, { status: 400, headers });
  }
  headers.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(UNSTORABLE_TEXT, { status: 400, headers });
}

type Handler = (args: { request: Request }) => unknown;

/** One loader or action, answering as the server build's do (exported for the access-matrix test). */
export function guard(handler: Handler, routeId: string): Handler {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      const refused = unstorableTextCode(error);
      if (refused) {
        log.info("text the database cannot store refused", { route: routeId, method: args.request.method, code: refused });
        throw unstorableTextResponse(args.request);
      }
      const code = unavailableCode(error);
      if (!code) throw error;
      // The code only: a driver error's message may carry the query's parameters.
      log.warn("database unavailable", { route: routeId, method: args.request.method, code });
      throw unavailableResponse(args.request);
    }
  };
}

/** The build with every loader and action answering 503 when the database is unavailable, and 400 for text it cannot store. */
export function guardDatabaseErrors(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = route.module as typeof route.module & { loader?: Handler; action?: Handler };
    routes[id] = {
      ...route,
      module: {
        ...module,
        ...(module.loader ? { loader: guard(module.loader, id) } : {}),
        ...(module.action ? { action: guard(module.action, id) } : {}),
      } as typeof route.module,
    };
  }
  return { ...build, routes };
}

/**
 * For process.on("unhandledRejection"). postgres.js 3.4 fetches array types on every new
 * connection without handling that query's failure (porsager/postgres#1223): when
 * PostgreSQL goes away at that moment the rejection is unhandled, and Node would end the
 * process. Such a rejection is logged; any other still ends the process, as before.
 */
export function onUnhandledRejection(reason: unknown): void {
  const code = unavailableCode(reason);
  if (!code) throw reason;
  log.warn("database connection lost outside a request", { code });
}

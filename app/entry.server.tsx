import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { NonceProvider } from "~/components/nonce";
import { i18nOptions, type Locale } from "~/i18n/config";
import { resolveLocale } from "~/i18n/locale.server";
import { log } from "~/lib/log.server";
import { RETRY_AFTER_SECONDS } from "~/lib/unavailable.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

// One i18next instance per language, made on first use and shared by every request in
// that language: rendering only reads it (nothing on the server changes its language),
// and making one per request cost a twentieth of a page's render time.
const instances = new Map<Locale, Promise<i18n>>();
function i18nFor(locale: Locale): Promise<i18n> {
  let instance = instances.get(locale);
  if (!instance) {
    const made = createInstance();
    instance = made
      .use(initReactI18next)
      .init({ ...i18nOptions(locale), initAsync: false })
      .then(() => made);
    instances.set(locale, instance);
  }
  return instance;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const i18n = await i18nFor(await resolveLocale(request, loadContext));
  // A page whose database is unavailable (app/lib/unavailable.server.ts): Remix does not
  // pass a thrown response's headers on to the document, so say here when to come back.
  if (responseStatusCode === 503) {
    responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
    responseHeaders.set("Cache-Control", "no-store");
  }

  // Every inline script (Remix's hand-off and data, scroll restoration) carries this
  // nonce; the CSP header allows no other inline script.
  const nonce = loadContext.cspNonce;

  // The portal streams nothing (no deferred data), so the whole document is rendered
  // first and sent as one buffer: one write instead of dozens of 2 kB chunks, a
  // Content-Length, and a 500 rather than half a page when rendering fails.
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        const body = Buffer.concat(chunks);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("Content-Length", String(body.length));
        resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
        callback();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          pipe(sink);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          log.error("render failed", { error: error instanceof Error ? error.stack : String(error) });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY).unref();
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  log.error("unhandled error", {
    path: new URL(request.url).pathname,
    error: error instanceof Error ? error.stack : String(error),
  });
}

import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import * as cookie from "cookie";
import { type ValidSession, validateSessionToken } from "./session.server";
import { config } from "~/lib/config.server";

/**
 * `__Host-` and Secure everywhere except plain-http localhost, where browsers would
 * drop a Secure cookie (development and the test suite).
 */
function cookieSettings(request: Request): { name: string; secure: boolean } {
  const url = new URL(request.url);
  const localHttp = url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  return localHttp ? { name: "np_session", secure: false } : { name: "__Host-np_session", secure: true };
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  return cookie.parse(header)[cookieSettings(request).name] ?? null;
}

export function sessionCookie(request: Request, token: string): string {
  const { name, secure } = cookieSettings(request);
  return cookie.serialize(name, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
  });
}

export function clearSessionCookie(request: Request): string {
  const { name, secure } = cookieSettings(request);
  return cookie.serialize(name, "", { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 0 });
}

export function getSession(request: Request, context: AppLoadContext): Promise<ValidSession | null> {
  context.session ??= (async () => {
    const token = readSessionToken(request);
    return token ? validateSessionToken(token) : null;
  })();
  return context.session;
}

/**
 * Signed-out visitors are sent to the sign-in page and brought back afterwards. A session
 * still owing its second factor goes to the MFA step; a person who must use MFA but has
 * not set it up goes to the set-up page (which passes `allowMfaSetup`).
 */
export async function requireSession(
  request: Request,
  context: AppLoadContext,
  options: { allowMfaSetup?: boolean } = {},
): Promise<ValidSession> {
  const session = await getSession(request, context);
  if (session?.mfaPending) throw redirect(`/login/mfa?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`);
  if (session && session.user.mfaRequired && !session.user.mfaEnabled && !options.allowMfaSetup) throw redirect("/account/mfa");
  if (!session) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    const headers = readSessionToken(request) ? { "Set-Cookie": clearSessionCookie(request) } : undefined;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`, { headers });
  }
  return session;
}

const PLACEHOLDER_ORIGIN = "http://placeholder.invalid";

/**
 * Only paths of this site: an open redirect would help phishing. The value is resolved
 * the way a browser resolves a Location header (dot segments, tabs and newlines dropped,
 * "\" read as "/"), so that `/./\evil.example` cannot become `//evil.example` after
 * the check. Backslashes and control characters are never meant and refused outright;
 * what is answered is the resolved path, percent-encoded, so it is always ASCII and fits
 * a Location header (characters outside Latin-1 there made a 500).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  // eslint-disable-next-line no-control-regex -- they are what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return fallback;
  return path;
}

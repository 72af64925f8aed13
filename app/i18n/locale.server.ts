import type { AppLoadContext } from "@remix-run/node";
import * as cookie from "cookie";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "./config";

/**
 * Swedish unless the person chose English: the choice lives in a cookie (set on
 * sign-in from their profile and by the language switch), so even the sign-in page
 * speaks their language.
 */
export function getLocale(request: Request): Locale {
  return getChosenLocale(request) ?? DEFAULT_LOCALE;
}

/** The language the visitor picked in this browser, if they picked one. */
export function getChosenLocale(request: Request): Locale | null {
  const header = request.headers.get("Cookie");
  const value = header ? cookie.parse(header)[LOCALE_COOKIE] : undefined;
  return isLocale(value) ? value : null;
}

export function localeCookie(locale: Locale): string {
  return cookie.serialize(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
}

/**
 * The cookie's choice, else the signed-in person's own language (so a new browser gets
 * it too), else Swedish. Uses the session lookup the loaders already made, if any.
 */
export async function resolveLocale(request: Request, context: AppLoadContext | undefined): Promise<Locale> {
  const chosen = getChosenLocale(request);
  if (chosen) return chosen;
  const session = context?.session ? await context.session.catch(() => null) : null;
  return session?.user.locale ?? DEFAULT_LOCALE;
}

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

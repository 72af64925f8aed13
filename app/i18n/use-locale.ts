import { useTranslation } from "react-i18next";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./config";

/** The language the page is rendered in, for date formatting and the like. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/**
 * The translation function for components that repeat many times on a page (a feed's
 * posts). It is the i18next instance's own `t`, in the page's language: the `t` that
 * useTranslation gives copies all of i18next's options into a new object on every call
 * (for key selectors, which this app does not use), and on a page of 50 posts that copying
 * was 4 % of the server's CPU. Same keys, same interpolation, same plurals.
 */
export function useListT(): ReturnType<typeof useTranslation>["t"] {
  const { i18n } = useTranslation();
  return i18n.t.bind(i18n) as ReturnType<typeof useTranslation>["t"];
}

import en from "./en";
import sv from "./sv";

export const LOCALES = ["sv", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "sv";
export const LOCALE_COOKIE = "np_lang";

export const resources = { sv: { translation: sv }, en: { translation: en } } as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** i18next options shared by server and browser; all text ships with the bundle. */
export function i18nOptions(lng: Locale) {
  return {
    lng,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
    // i18next prints an advertisement on init otherwise.
    showSupportNotice: false,
  };
}

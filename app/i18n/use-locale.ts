import type { i18n as I18n } from "i18next";
import { useTranslation } from "react-i18next";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./config";

/** The language the page is rendered in, for date formatting and the like. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

type T = ReturnType<typeof useTranslation>["t"];

const translators = new WeakMap<I18n, Map<string, T>>();
const MAX_TEXTS = 5000;

/** A memory key for options made only of strings, numbers and booleans (a name, a count); null for any other. */
function plainOptionsKey(key: string, options: unknown): string | null {
  if (typeof options !== "object" || options === null) return null;
  let memoKey = key;
  for (const name in options) {
    const value = (options as Record<string, unknown>)[name];
    const kind = typeof value;
    if (kind !== "string" && kind !== "number" && kind !== "boolean") return null;
    const text = String(value);
    // Lengths keep the key unambiguous whatever characters a value holds.
    memoKey += `\u0000${name.length}:${name}${kind[0]}${text.length}:${text}`;
  }
  return memoKey;
}

/**
 * The translation function of an i18next instance in its current language, remembering
 * the texts it made. All text ships with the bundle and never changes while the page
 * lives, so a key with the same plain options (a name, a count) gives the same text every
 * time in one language; options holding anything else are translated afresh. i18next
 * resolves a key through several layers of option objects on every call, which was a
 * twelfth of the server's work on a page of updates.
 */
export function translatorFor(i18n: I18n): T {
  let byLanguage = translators.get(i18n);
  if (!byLanguage) translators.set(i18n, (byLanguage = new Map()));
  const language = i18n.language;
  let t = byLanguage.get(language);
  if (!t) {
    const texts = new Map<string, string>();
    const remember = (memoKey: string, make: () => string): string => {
      let text = texts.get(memoKey);
      if (text === undefined) {
        // Names and counts make new texts without end; the memory stays bounded.
        if (texts.size >= MAX_TEXTS) texts.clear();
        text = make();
        texts.set(memoKey, text);
      }
      return text;
    };
    t = ((key: string | string[], ...rest: unknown[]) => {
      if (typeof key === "string" && rest.length <= 1) {
        const options = rest[0];
        if (options === undefined) return remember(key, () => i18n.t(key, { lng: language }) as string);
        const memoKey = plainOptionsKey(key, options);
        if (memoKey !== null) return remember(memoKey, () => i18n.t(key, { lng: language, ...(options as object) }) as string);
      }
      const [options, ...more] = rest;
      return (i18n.t as unknown as (...args: unknown[]) => unknown)(key, typeof options === "object" && options !== null ? { lng: language, ...options } : options, ...more);
    }) as unknown as T;
    byLanguage.set(language, t);
  }
  return t;
}

/**
 * The page's translation function (instead of useTranslation's `t`): the same keys,
 * interpolation and plurals, in the page's language, without i18next's per-call cost
 * for texts it has made before (see translatorFor). It also skips the copy of all of i18next's options
 * that useTranslation's `t` makes on every call, which on a feed of 50 updates was 4 % of
 * the server's CPU. The component still re-renders when the language changes.
 */
export function useT(): T {
  const { i18n } = useTranslation();
  return translatorFor(i18n);
}

import { DEFAULT_LOCALE, isLocale, type Locale, resources } from "./config";
import type sv from "./sv";

type TitleKey = keyof (typeof sv)["titles"];
/** What a route's meta function receives: the root match carries the locale its loader resolved. */
type Matches = readonly { id: string; data?: unknown }[];

/** The language the page is rendered in, from the root loader's data (the same that sets <html lang>). */
export function metaLocale(matches: Matches): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/**
 * The browser tab title in the page's language: a fixed part by key and/or names from the
 * page's data (a meeting's title, a network's name), then the portal's name. Meta
 * functions run outside React, so they cannot use the translation hooks; the texts come
 * from the same bundled resources.
 */
export function pageTitle(matches: Matches, ...parts: (TitleKey | { name: string } | null | undefined)[]): [{ title: string }] {
  const messages = resources[metaLocale(matches)].translation;
  const words = parts.filter((p) => p != null).map((p) => (typeof p === "string" ? messages.titles[p] : p.name));
  return [{ title: [...words, messages.app.name].join(" · ") }];
}

import type { Locale } from "~/i18n/config";

export const TIME_ZONE = "Europe/Stockholm";

const tags: Record<Locale, string> = { sv: "sv-SE", en: "en-GB" };

/** "23 nov. 2026 14:05" in Swedish; always Stockholm time, whatever the server's zone. */
export function formatDateTime(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(tags[locale], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

export function formatDate(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: "long", timeZone: TIME_ZONE }).format(new Date(value));
}

export function formatTime(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(tags[locale], { timeStyle: "short", timeZone: TIME_ZONE }).format(new Date(value));
}

/** "1,5 MB" (binary units, as file managers show them). */
export function formatSize(bytes: number, locale: Locale): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(tags[locale], { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

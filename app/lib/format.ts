import type { Locale } from "~/i18n/config";

export const TIME_ZONE = "Europe/Stockholm";

const tags: Record<Locale, string> = { sv: "sv-SE", en: "en-GB" };

// Making an Intl formatter costs far more than using one (it was a twentieth of a page's
// render time), so each is made once per locale and kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: Locale, style: "dateTime" | "date" | "time"): Intl.DateTimeFormat {
  const key = `${locale}:${style}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === "dateTime" ? { dateStyle: "medium", timeStyle: "short" } : style === "date" ? { dateStyle: "long" } : { timeStyle: "short" };
    format = new Intl.DateTimeFormat(tags[locale], { ...options, timeZone: TIME_ZONE });
    formatters.set(key, format);
  }
  return format;
}

/** "23 nov. 2026 14:05" in Swedish; always Stockholm time, whatever the server's zone. */
export function formatDateTime(value: Date | string, locale: Locale): string {
  return dateTimeFormat(locale, "dateTime").format(new Date(value));
}

/**
 * "14 jan. 2027 09:30–11:30": a meeting's start and end in Stockholm time, the date
 * written once when both fall on the same day and twice when the meeting runs past midnight.
 */
export function formatDateTimeRange(start: Date | string, end: Date | string, locale: Locale): string {
  return dateTimeFormat(locale, "dateTime").formatRange(new Date(start), new Date(end));
}

export function formatDate(value: Date | string, locale: Locale): string {
  return dateTimeFormat(locale, "date").format(new Date(value));
}

export function formatTime(value: Date | string, locale: Locale): string {
  return dateTimeFormat(locale, "time").format(new Date(value));
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(tags[locale], { maximumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format;
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
  return `${numberFormat(locale, digits).format(value)} ${units[unit]}`;
}

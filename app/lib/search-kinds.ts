/** Shared by the search page in the browser and the search query on the server. */
export const SEARCH_KINDS = ["document", "update", "meeting", "minutes"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
/** Markers around highlighted words; the page escapes everything and turns these into <mark>. */
export const HIT_START = "\u0001";
export const HIT_END = "\u0002";
/**
 * Invisible characters that PostgreSQL's text search parser takes for word breaks: soft
 * hyphens (PDF and Word hyphenation), zero-width spaces and joiners, word joiners, BOMs.
 * Inside a word they split it ("regionsamordn\u00ADare" became "regionsamordn" + "are"),
 * so only the front part was indexed and highlighted. They are removed before indexing
 * extracted text and before snippets are made.
 */
export const INVISIBLE_IN_WORDS = "\u00AD\u200B\u200C\u200D\u2060\uFEFF";

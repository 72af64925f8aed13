/** Shared by the search page in the browser and the search query on the server. */
export const SEARCH_KINDS = ["document", "update", "meeting", "minutes"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
/** Markers around highlighted words; the page escapes everything and turns these into <mark>. */
export const HIT_START = "\u0001";
export const HIT_END = "\u0002";

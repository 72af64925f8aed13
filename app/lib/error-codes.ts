/**
 * The body of a 400 for text PostgreSQL cannot store (a NUL character): answered by
 * app/lib/unavailable.server.ts for every loader and action, recognised by the error page.
 */
export const UNSTORABLE_TEXT = "unstorable_text";

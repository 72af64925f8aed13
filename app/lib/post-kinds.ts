/** The kinds of post, shared by the server and the forms and filters in the browser. */
export const UPDATE_KINDS = ["progress", "report_submitted", "lesson_learned", "question"] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];
export const FEED_KINDS = [...UPDATE_KINDS, "announcement"] as const;
export type FeedKind = (typeof FEED_KINDS)[number];
export const TITLE_MAX = 200;
/** Bodies are limited in bytes (UTF-8), as the API's callers count them. */
export const BODY_MAX_BYTES = 100_000;
export const COMMENT_MAX = 10_000;

/**
 * Markdown for minutes and updates: marked renders, sanitize-html keeps only plain
 * formatting (no scripts, styles, event handlers or iframes; links get rel=noopener).
 */
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "hr", "a",
    "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], th: ["scope"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  // Headings inside a page start below its own h1 and h2.
  transformTags: {
    h1: "h3",
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }),
  },
};

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: true });
  return sanitizeHtml(html, OPTIONS);
}

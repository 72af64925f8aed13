/**
 * Plain text of uploaded documents for the full-text index. Extraction is best effort:
 * a file we cannot read is still stored, just not searchable, so nothing here throws.
 */
import { unzipSync } from "fflate";
import { INVISIBLE_IN_WORDS_PATTERN } from "./search-kinds";
// mammoth and unpdf are loaded when the first such file arrives: together they add more
// than a second to every start.

const DEFAULT_MAX_CHARS = 1_000_000;

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const OPENDOCUMENT_MIMES = new Set([
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.oasis.opendocument.presentation",
]);

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (match, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      // Out-of-range references would make fromCodePoint throw; keep them verbatim instead.
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return XML_ENTITIES[name.toLowerCase()] ?? match;
  });
}

/** Text of an OpenDocument file's content.xml, with paragraph, heading, break and tab boundaries kept as whitespace. */
function openDocumentText(data: Uint8Array): string {
  const files = unzipSync(data, { filter: (file) => file.name === "content.xml" });
  const xml = files["content.xml"];
  if (!xml) return "";
  const text = new TextDecoder("utf-8").decode(xml);
  const body = text
    // Without these, words in adjacent paragraphs/cells would run together.
    .replace(/<\/?text:(?:p|h)\b[^>]*>|<text:(?:line-break|tab|s)\b[^>]*\/>|<\/table:table-cell>/g, " ")
    .replace(/<[^>]*>/g, "");
  return decodeXmlEntities(body);
}

async function pdfText(data: Uint8Array): Promise<string> {
  // pdf.js may transfer (detach) the buffer it is given; keep the caller's bytes intact.
  // verbosity 0: broken uploads are expected; pdf.js warnings about them are only log noise.
  const { extractText: extractPdfText, getDocumentProxy } = await import("unpdf");
  const pdf = await getDocumentProxy(new Uint8Array(data), { verbosity: 0 });
  try {
    const { text } = await extractPdfText(pdf, { mergePages: true });
    return text;
  } finally {
    // Frees pdf.js worker-side state for this document.
    await pdf.loadingTask.destroy();
  }
}

async function rawText(data: Uint8Array, mime: string): Promise<string> {
  const baseMime = (mime.split(";")[0] ?? "").trim().toLowerCase();
  if (baseMime === "application/pdf") return pdfText(data);
  if (baseMime === DOCX_MIME) {
    const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const { default: mammoth } = await import("mammoth");
    return (await mammoth.extractRawText({ buffer })).value;
  }
  if (OPENDOCUMENT_MIMES.has(baseMime)) return openDocumentText(data);
  if (baseMime.startsWith("text/")) return new TextDecoder("utf-8").decode(data);
  return "";
}

/** Plain text of a document for full-text search, at most `maxChars` (default 1_000_000) characters; "" when the type has no text or extraction fails (never throws). */
export async function extractText(data: Uint8Array, mime: string, maxChars: number = DEFAULT_MAX_CHARS): Promise<string> {
  try {
    // Control characters (NUL in particular) are rejected by PostgreSQL text columns.
    // Soft hyphens and zero-width characters would split words for the search parser.
    const text = (await rawText(data, mime)).replace(INVISIBLE_IN_WORDS_PATTERN, "").replace(/\p{Cc}/gu, " ").replace(/\s+/g, " ").trim();
    if (text.length <= maxChars) return text;
    if (maxChars <= 0) return "";
    // Do not leave half a surrogate pair at the cut.
    const cut = text.slice(0, maxChars);
    const last = cut.charCodeAt(cut.length - 1);
    return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
  } catch {
    return "";
  }
}

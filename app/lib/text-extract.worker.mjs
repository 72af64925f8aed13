/**
 * The worker thread that reads text out of an uploaded file (started by
 * text-extract.server.ts, one worker per file). It is plain JavaScript because it must
 * exist as a file at run time both beside the sources (tests) and next to the bundled
 * server (build/index.js loads it from app/lib): the Remix compiler bundles only the
 * server entry.
 *
 * Everything here is bounded, because uploads are untrusted: a DOCX of 63 kB can hold
 * 20 MB of XML, a PDF of 4 MB 20,000 pages. ZIP entries are inflated in small steps and
 * parsed as they come, and inflating stops at `maxInflatedBytes`; a PDF is read page by
 * page up to `maxPages`; everything stops once `maxChars` characters are out. Text goes
 * to the parent as it is found, so when the parent ends this worker (time or memory),
 * what was found so far is kept.
 *
 * Messages to the parent: { text } (normalised text, in order), then { done, cut } where
 * cut is null or "length" | "size" | "pages".
 */
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";

// Lowest CPU priority for this thread only (on Linux a nice value belongs to a thread, and
// pid 0 is the calling one): requests are served first, extraction takes what is left.
try {
  os.setPriority(19);
} catch {
  // Not permitted or not supported here: extraction is still bounded by its time limit.
}

/** @type {{ data: Uint8Array; mime: string; maxChars: number; maxInflatedBytes: number; maxPages: number }} */
const job = workerData;

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const OPENDOCUMENT_MIMES = new Set([
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.oasis.opendocument.presentation",
]);
/** Compressed bytes handed to the inflater at a time: deflate expands at most ~1032:1, so one step yields at most ~16 MB. */
const ZIP_STEP = 16 * 1024;
/** Plain text is decoded this many bytes at a time. */
const TEXT_STEP = 1024 * 1024;

class Enough extends Error {}

let sent = 0;
let pendingSpace = false;

/** Sends normalised text to the parent; throws Enough once maxChars are out. */
function emit(raw) {
  // Control characters (NUL in particular) are rejected by PostgreSQL text columns. Soft
  // hyphens and zero-width characters would split words for the search parser (the same
  // set as INVISIBLE_IN_WORDS in search-kinds.ts, which this plain worker cannot import).
  const text = raw
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ");
  if (!text) return;
  let out = text;
  if (pendingSpace && !out.startsWith(" ") && sent > 0) out = ` ${out}`;
  pendingSpace = false;
  if (sent + out.length > job.maxChars) {
    out = out.slice(0, job.maxChars - sent);
    // Do not leave half a surrogate pair at the cut.
    const last = out.charCodeAt(out.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
    if (out) parentPort.postMessage({ text: out });
    sent = job.maxChars;
    throw new Enough("length");
  }
  sent += out.length;
  parentPort.postMessage({ text: out });
}

/** A word boundary (paragraph, cell, tab, page) that must not be lost between two pieces of text. */
function boundary() {
  pendingSpace = true;
}

const XML_ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXmlEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (match, name) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      // Out-of-range references would make fromCodePoint throw; keep them verbatim instead.
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return XML_ENTITIES[name.toLowerCase()] ?? match;
  });
}

/**
 * A streaming reader of XML text: feed it decoded pieces; tags are matched one by one, so
 * its work is linear in the input and it holds at most one unfinished tag.
 * `rules.text(tag)` says whether a start tag opens text (null: all text counts),
 * `rules.boundary(tag)` whether a tag separates words.
 */
function xmlTextReader(rules) {
  let rest = "";
  // Where to look for the end of an unfinished tag: scanning it again on every piece
  // would make one huge tag cost quadratic time.
  let searchFrom = 0;
  let inText = rules.opens === null;
  return {
    feed(piece) {
      rest += piece;
      let position = 0;
      for (;;) {
        const open = rest.indexOf("<", position);
        if (open < 0) {
          if (inText) emit(decodeXmlEntities(rest.slice(position)));
          rest = "";
          return;
        }
        if (inText && open > position) emit(decodeXmlEntities(rest.slice(position, open)));
        const close = rest.indexOf(">", Math.max(open, searchFrom));
        if (close < 0) {
          rest = rest.slice(open);
          searchFrom = rest.length;
          return;
        }
        searchFrom = 0;
        const tag = rest.slice(open, close + 1);
        if (rules.boundary.test(tag)) boundary();
        if (rules.opens) {
          if (rules.opens.test(tag)) inText = true;
          else if (rules.closes.test(tag)) inText = false;
        }
        position = close + 1;
      }
    },
  };
}

// WordprocessingML: text is in <w:t> (not <w:delText>, deleted text, nor <w:instrText>, field codes).
const DOCX_RULES = {
  opens: /^<w:t(?:\s[^>]*[^/]|\s*)>$/,
  closes: /^<\/w:t>$/,
  boundary: /^<(?:\/w:p|\/w:tc|w:tab\b[^>]*\/|w:br\b[^>]*\/|w:cr\b[^>]*\/)>$/,
};
// OpenDocument: all text of content.xml, with paragraph, heading, break, tab and cell boundaries.
const OPENDOCUMENT_RULES = {
  opens: null,
  closes: null,
  boundary: /^<(?:\/?text:(?:p|h)\b[^>]*|text:(?:line-break|tab|s)\b[^>]*\/|\/table:table-cell)>$/,
};

/** Inflates one entry of a ZIP file step by step into `reader`; stops at maxInflatedBytes. Returns the cut, if any. */
async function zipEntryText(entryName, rules) {
  const { Unzip, UnzipInflate } = await import("fflate");
  const reader = xmlTextReader(rules);
  const decoder = new TextDecoder("utf-8");
  let inflated = 0;
  let found = false;
  let finished = false;
  let failure = null;
  let overSize = false;
  const unzip = new Unzip((file) => {
    if (file.name !== entryName || found) return;
    found = true;
    file.ondata = (error, chunk, final) => {
      if (error) {
        failure = error;
        return;
      }
      const room = job.maxInflatedBytes - inflated;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      inflated += part.length;
      reader.feed(decoder.decode(part, { stream: !final && part === chunk }));
      if (part !== chunk) {
        overSize = true;
        file.terminate();
        return;
      }
      if (final) finished = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const data = job.data;
  for (let offset = 0; offset < data.length && !finished && !overSize && !failure; offset += ZIP_STEP) {
    const end = Math.min(offset + ZIP_STEP, data.length);
    unzip.push(data.subarray(offset, end), end === data.length);
  }
  if (failure) throw failure;
  return overSize ? "size" : null;
}

async function pdfText() {
  const { getDocumentProxy } = await import("unpdf");
  // verbosity 0: broken uploads are expected; pdf.js warnings about them are only log noise.
  // isEvalSupported false: fonts are never compiled into functions from file contents.
  const pdf = await getDocumentProxy(job.data, { verbosity: 0, isEvalSupported: false });
  try {
    const pages = Math.min(pdf.numPages, job.maxPages);
    for (let number = 1; number <= pages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) if (item.str != null) text += item.str + (item.hasEOL ? "\n" : "");
      page.cleanup();
      emit(text);
      boundary();
    }
    return pdf.numPages > job.maxPages ? "pages" : null;
  } finally {
    await pdf.loadingTask.destroy();
  }
}

function plainText() {
  const decoder = new TextDecoder("utf-8");
  const data = job.data;
  for (let offset = 0; offset < data.length; offset += TEXT_STEP) {
    const end = Math.min(offset + TEXT_STEP, data.length);
    emit(decoder.decode(data.subarray(offset, end), { stream: end < data.length }));
  }
  return null;
}

async function extract() {
  const mime = (job.mime.split(";")[0] ?? "").trim().toLowerCase();
  if (mime === "application/pdf") return pdfText();
  if (mime === DOCX_MIME) return zipEntryText("word/document.xml", DOCX_RULES);
  if (OPENDOCUMENT_MIMES.has(mime)) return zipEntryText("content.xml", OPENDOCUMENT_RULES);
  if (mime.startsWith("text/")) return plainText();
  return null;
}

try {
  const cut = await extract();
  parentPort.postMessage({ done: true, cut });
} catch (error) {
  if (error instanceof Enough) parentPort.postMessage({ done: true, cut: "length" });
  // Unreadable: whatever was found is kept, without a note (the file is broken, not too big).
  else parentPort.postMessage({ done: true, cut: null, failed: true });
}

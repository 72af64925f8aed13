/**
 * Decides what an uploaded file really is from its leading bytes, not from the
 * browser-supplied Content-Type, and checks that its name agrees.
 */
import { fileTypeFromBuffer } from "file-type";

/** How many leading bytes the caller should pass to inspectFile. */
export const HEAD_BYTES = 65536;

export const ALLOWED: readonly { mime: string; extensions: readonly string[] }[] = [
  { mime: "application/pdf", extensions: ["pdf"] },
  { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"] },
  { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] },
  { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"] },
  { mime: "application/msword", extensions: ["doc"] },
  { mime: "application/vnd.ms-excel", extensions: ["xls"] },
  { mime: "application/vnd.ms-powerpoint", extensions: ["ppt"] },
  { mime: "application/vnd.oasis.opendocument.text", extensions: ["odt"] },
  { mime: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"] },
  { mime: "application/vnd.oasis.opendocument.presentation", extensions: ["odp"] },
  { mime: "image/png", extensions: ["png"] },
  { mime: "image/jpeg", extensions: ["jpg", "jpeg"] },
  { mime: "image/gif", extensions: ["gif"] },
  { mime: "image/webp", extensions: ["webp"] },
  { mime: "text/plain; charset=utf-8", extensions: ["txt"] },
  { mime: "text/csv; charset=utf-8", extensions: ["csv"] },
  { mime: "text/markdown; charset=utf-8", extensions: ["md"] },
];

export type Inspection =
  | { ok: true; mime: string; extension: string }
  | { ok: false; reason: "not_allowed" | "mismatch" | "empty" };

// Legacy Office files are all OLE2 containers; file-type cannot tell them apart, so the name decides.
const CFB_MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
};

// An animated PNG is still a PNG that every browser renders as one.
const MIME_ALIASES: Readonly<Record<string, string>> = { "image/apng": "image/png" };

const TEXT_EXTENSIONS = new Set(["txt", "csv", "md"]);

/** Lower-cased extension of the last path segment, or "" when there is none. */
function extensionOf(fileName: string): string {
  // Some browsers send a full client path ("C:\fakepath\x.pdf").
  const base = fileName.split(/[/\\]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  // A leading dot (".pdf") names a hidden file, not an extension.
  if (dot <= 0 || dot === base.length - 1) return "";
  return base.slice(dot + 1).toLowerCase();
}

/** Strict UTF-8 check that tolerates one multi-byte sequence cut off by the end of the head. */
function isValidUtf8Head(head: Uint8Array, isWholeFile: boolean): boolean {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    decoder.decode(head);
    return true;
  } catch {
    if (isWholeFile) return false;
  }
  // Find where the last (possibly incomplete) sequence starts: at most 3 continuation bytes back.
  let start = head.length - 1;
  while (start >= 0 && head.length - start <= 4 && ((head[start] ?? 0) & 0xc0) === 0x80) start--;
  if (start < 0 || head.length - start > 4) return false;
  const lead = head[start] ?? 0;
  const needed = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead < 0xe0 ? 2 : 0;
  // Only a genuinely incomplete sequence may be dropped; anything else was invalid.
  if (needed === 0 || head.length - start >= needed) return false;
  try {
    decoder.decode(head.subarray(0, start));
    return true;
  } catch {
    return false;
  }
}

/** No NUL or other C0 controls except tab, LF, form feed and CR (DEL is harmless). */
function hasOnlyTextControls(head: Uint8Array): boolean {
  for (const byte of head) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) return false;
  }
  return true;
}

function entryForExtension(extension: string) {
  return ALLOWED.find((entry) => entry.extensions.includes(extension));
}

/**
 * `head` is the first bytes of the file (up to 64 KiB; may be the whole file if smaller).
 * `fileName` is the name the uploader gave.
 */
export async function inspectFile(head: Uint8Array, fileName: string): Promise<Inspection> {
  if (head.length === 0) return { ok: false, reason: "empty" };
  const extension = extensionOf(fileName);
  const detected = await fileTypeFromBuffer(head);

  if (detected) {
    if (detected.ext === "cfb") {
      const mime = CFB_MIME_BY_EXTENSION[extension];
      return mime ? { ok: true, mime, extension } : { ok: false, reason: "mismatch" };
    }
    const mime = MIME_ALIASES[detected.mime] ?? detected.mime;
    const entry = ALLOWED.find((candidate) => candidate.mime === mime);
    if (!entry || TEXT_EXTENSIONS.has(entry.extensions[0] ?? "")) return { ok: false, reason: "not_allowed" };
    if (!entry.extensions.includes(extension)) return { ok: false, reason: "mismatch" };
    return { ok: true, mime: entry.mime, extension };
  }

  // Nothing recognised: only clean UTF-8 text is acceptable, and only under a text name.
  const isWholeFile = head.length < HEAD_BYTES;
  if (!hasOnlyTextControls(head) || !isValidUtf8Head(head, isWholeFile)) {
    return { ok: false, reason: "not_allowed" };
  }
  if (TEXT_EXTENSIONS.has(extension)) {
    const entry = entryForExtension(extension);
    if (entry) return { ok: true, mime: entry.mime, extension };
  }
  // Text that claims to be e.g. a PDF is a mismatch; text named .html or .sh is simply not allowed.
  return { ok: false, reason: extension === "" || entryForExtension(extension) ? "mismatch" : "not_allowed" };
}

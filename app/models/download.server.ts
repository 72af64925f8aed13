/**
 * Sending a document's bytes: attachment with a safe file name, the stored type, nosniff,
 * single HTTP ranges, and an audit entry for every download of a document that is not open.
 */
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { Actor } from "~/auth/policy";
import { getStorage } from "~/lib/upload.server";
import { audit } from "./audit.server";
import { versionForDownload } from "./library.server";

type Meta = { ip: string; userAgent: string | null };

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\%;]/g, "_").trim() || "dokument";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** One range of `bytes=a-b`, `bytes=a-` or `bytes=-n`; null for none, "bad" when it cannot be met. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | null | "bad" {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null; // several ranges or nonsense: send it all
  if (size === 0) return "bad";
  let start: number;
  let end: number;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return "bad";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return "bad";
  return { start, end };
}

export async function serveDocument(request: Request, actor: Actor, documentId: string, versionParam: string | null, meta: Meta): Promise<Response> {
  const number = versionParam === null ? undefined : Number(versionParam);
  if (number !== undefined && !Number.isInteger(number)) return new Response("Not found", { status: 404 });
  const found = await versionForDownload(actor, documentId, number);
  if (!found) return new Response("Not found", { status: 404 });
  const { document, version } = found;
  const range = parseRange(request.headers.get("Range"), version.size);
  const headers = new Headers({
    "Content-Type": version.mimeType,
    "Content-Disposition": contentDisposition(version.fileName),
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, no-store",
    ETag: `"${version.sha256}"`,
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
  if (range === "bad") {
    headers.set("Content-Range", `bytes */${version.size}`);
    return new Response(null, { status: 416, headers });
  }
  if (document.classification !== "open") {
    await audit({
      action: "document.downloaded",
      actor,
      targetType: "document",
      targetId: document.id,
      ...meta,
      details: { version: version.number, classification: document.classification, range: range ? `${range.start}-${range.end}` : "all" },
    });
  }
  const stream = await getStorage().get(version.storageKey, range ?? undefined);
  if (range) {
    headers.set("Content-Range", `bytes ${range.start}-${range.end}/${version.size}`);
    headers.set("Content-Length", String(range.end - range.start + 1));
  } else {
    headers.set("Content-Length", String(version.size));
  }
  return new Response(createReadableStreamFromReadable(stream), { status: range ? 206 : 200, headers });
}

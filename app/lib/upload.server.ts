/**
 * Receiving a file upload: multipart is parsed as a stream (busboy), the file's first
 * bytes decide its type (sniffed, checked against the allowlist and the name), and the
 * bytes flow once — to storage and, when a scanner is configured, to ClamAV at the same
 * time. Nothing is held whole in memory. Any failure (too large, wrong type, infected,
 * scanner down, client gone) removes what was stored, so no row and no file remain.
 */
import { randomUUID } from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { scanStream, scannerFromEnv, ScannerUnavailableError } from "./clamav.server";
import { HEAD_BYTES, inspectFile } from "./file-inspect.server";
import { log } from "./log.server";
import { createStorage, SizeLimitError, StorageFullError, type Storage } from "./storage.server";
import { type ExtractedText, extractText } from "./text-extract.server";
import { safeFileName, type StoredUpload } from "~/models/library.server";

/** Megabytes; 500 unless UPLOAD_MAX_MB says otherwise. */
export function uploadLimitBytes(env = process.env): number {
  const mb = Number(env.UPLOAD_MAX_MB ?? 500);
  return (Number.isFinite(mb) && mb > 0 ? mb : 500) * 1024 * 1024;
}

/** Text is extracted for search from files up to this size (read back once after storing). */
const EXTRACT_MAX_BYTES = 50 * 1024 * 1024;
const MAX_FIELDS = 200;
const MAX_FIELD_BYTES = 64 * 1024;

let storage: Storage | null = null;
export function getStorage(): Storage {
  storage ??= createStorage();
  return storage;
}

/** Tests run the same uploads against the folder and the S3 back end. */
export function setStorage(next: Storage | null): void {
  storage = next;
}

export type UploadError =
  | "too_large"
  | "empty"
  | "not_allowed"
  | "mismatch"
  | "infected"
  | "scanner_unavailable"
  | "no_file"
  | "bad_request"
  | "aborted"
  | "storage_full";

export class UploadRejected extends Error {
  constructor(
    readonly reason: UploadError,
    readonly status: number,
  ) {
    super(reason);
  }
}

export interface ReceivedUpload {
  fields: Record<string, string[]>;
  file: StoredUpload;
}

/**
 * Reads the first `size` bytes of a stream, and gives back a stream of all of it, and
 * `drain`, which discards whatever of the source is still to come: when storing fails
 * half-way, the rest of the request must still be read, or the parser (and the answer)
 * waits for it forever.
 */
async function splitHead(source: Readable, size: number): Promise<{ head: Buffer; whole: Readable; drain: () => Promise<void> }> {
  const chunks: Buffer[] = [];
  let length = 0;
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) break;
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* rest() {
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const whole = Readable.from(rest(), { objectMode: false });
  const drain = async () => {
    whole.destroy();
    try {
      for (;;) if ((await iterator.next()).done) return;
    } catch {
      // The client went away: nothing more will come.
    }
  };
  return { head: head.subarray(0, size), whole, drain };
}

/** Stores one file stream under a fresh key, scanning it on the way when a scanner is set. */
async function storeFile(file: Readable, fileName: string, maxBytes: number): Promise<StoredUpload> {
  const { head, whole, drain } = await splitHead(file, HEAD_BYTES);
  const name = safeFileName(fileName);
  const inspection = await inspectFile(head, name);
  if (!inspection.ok) {
    void drain(); // read what the client still sends, keeping nothing
    throw new UploadRejected(inspection.reason, inspection.reason === "empty" ? 400 : 415);
  }
  const id = randomUUID();
  const key = `objects/${id.slice(0, 2)}/${id}`;
  const store = getStorage();
  const scanner = scannerFromEnv();
  const toStorage = new PassThrough({ highWaterMark: 1 << 20 });
  const toScanner = scanner ? new PassThrough({ highWaterMark: 1 << 20 }) : null;
  // Their errors reach us through put() and scanStream(); these listeners keep pipe() from
  // rethrowing them as uncaught exceptions once those have finished listening.
  toStorage.on("error", () => {});
  toScanner?.on("error", () => {});
  whole.pipe(toStorage);
  if (toScanner) whole.pipe(toScanner);
  whole.on("error", (error) => {
    toStorage.destroy(error);
    toScanner?.destroy(error);
  });
  const stored = store.put(key, toStorage, { maxBytes });
  const scanned = toScanner && scanner ? scanStream(toScanner, scanner) : Promise.resolve(null);
  let result: Awaited<typeof stored>;
  let verdict: Awaited<typeof scanned>;
  try {
    [result, verdict] = await Promise.all([
      stored,
      scanned.catch((error: unknown) => {
        // Stop the upload at once: the scanner decides, and it cannot.
        whole.destroy(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }),
    ]);
  } catch (error) {
    await Promise.allSettled([stored, scanned]);
    void drain();
    await store.delete(key).catch(() => {});
    if (error instanceof SizeLimitError) throw new UploadRejected("too_large", 413);
    if (error instanceof StorageFullError) {
      log.warn("upload refused: file storage is full", { code: error.code });
      throw new UploadRejected("storage_full", 507);
    }
    if (error instanceof ScannerUnavailableError) throw new UploadRejected("scanner_unavailable", 503);
    throw new UploadRejected("aborted", 400);
  }
  if (verdict && !verdict.clean) {
    await store.delete(key).catch(() => {});
    log.warn("upload refused: malware", { signature: verdict.signature.slice(0, 100) });
    throw new UploadRejected("infected", 422);
  }
  let extracted: ExtractedText = { text: "", cut: null };
  if (result.size <= EXTRACT_MAX_BYTES) {
    const chunks: Buffer[] = [];
    for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
    extracted = await extractText(Buffer.concat(chunks), inspection.mime);
    if (extracted.cut) log.info("upload text cut short", { mime: inspection.mime, size: result.size, cut: extracted.cut, chars: extracted.text.length });
  }
  return {
    storageKey: key,
    fileName: name,
    mimeType: inspection.mime,
    size: result.size,
    sha256: result.sha256,
    scanned: Boolean(verdict),
    text: extracted.text,
    textCut: extracted.cut,
  };
}

/**
 * Parses a multipart request with one file field (`file`) and text fields. Fields may
 * come before or after the file. Declared lengths over the limit are refused before a
 * byte is read.
 */
export async function receiveUpload(request: Request, maxBytes = uploadLimitBytes()): Promise<ReceivedUpload> {
  const declared = Number(request.headers.get("Content-Length"));
  // The multipart envelope adds a little; anything much larger cannot fit the limit.
  if (Number.isFinite(declared) && declared > maxBytes + 1024 * 1024) throw new UploadRejected("too_large", 413);
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data") || !request.body) throw new UploadRejected("bad_request", 400);

  const fields: Record<string, string[]> = {};
  let pending: Promise<StoredUpload> | null = null;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": type },
      limits: { files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, fileSize: maxBytes + 1 },
      defParamCharset: "utf8",
    });
  } catch {
    throw new UploadRejected("bad_request", 400);
  }
  const done = new Promise<void>((resolve, reject) => {
    parser.on("field", (name, value) => {
      (fields[name] ??= []).push(value);
    });
    parser.on("file", (name, stream, info) => {
      // busboy destroys the file stream when the form ends early; the reader below sees
      // that error, and this listener keeps it from ever being an uncaught exception.
      stream.on("error", () => {});
      if (name !== "file" || pending) {
        stream.resume();
        return;
      }
      pending = storeFile(stream, info.filename ?? "", maxBytes);
      // Keep the promise handled; it is awaited below.
      pending.catch(() => {});
    });
    parser.on("close", resolve);
    parser.on("error", reject);
  });
  const body = Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>);
  body.on("error", (error) => parser.destroy(error));
  body.pipe(parser);
  try {
    await done;
  } catch {
    if (pending) await (pending as Promise<StoredUpload>).then((f) => getStorage().delete(f.storageKey)).catch(() => {});
    throw new UploadRejected("aborted", 400);
  }
  if (!pending) throw new UploadRejected("no_file", 400);
  const file = await (pending as Promise<StoredUpload>);
  return { fields, file };
}

/** Removes a stored file whose row was never written (validation failed after upload). */
export async function discardUpload(file: StoredUpload): Promise<void> {
  await getStorage()
    .delete(file.storageKey)
    .catch((error: unknown) => log.error("discarding an upload failed", { key: file.storageKey, error: String(error) }));
}

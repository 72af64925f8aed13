/**
 * File storage for the document library: a folder on local disk (default) or an
 * S3-compatible object store. Callers only see the Storage interface.
 */
import { createHash, randomBytes, type Hash } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs, { type FileHandle } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough, Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type * as S3ClientModule from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import type * as S3LibStorageModule from "@aws-sdk/lib-storage";

type S3Sdk = typeof S3ClientModule & typeof S3LibStorageModule;
let s3Sdk: Promise<S3Sdk> | undefined;
/**
 * The AWS SDK is loaded on first use: it adds about a second to every start, and most
 * installations keep their files on disk.
 */
function loadS3Sdk(): Promise<S3Sdk> {
  s3Sdk ??= Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/lib-storage")]).then(([client, lib]) => ({ ...client, ...lib }));
  return s3Sdk;
}

export class SizeLimitError extends Error {
  constructor(message = "The upload is larger than allowed", options?: ErrorOptions) {
    super(message, options);
    this.name = "SizeLimitError";
  }
}

/** The file system has no room (or the quota is used up): nothing was kept, and reading still works. */
export class StorageFullError extends Error {
  constructor(readonly code: string) {
    super(`No room left in file storage (${code})`);
    this.name = "StorageFullError";
  }
}

export interface PutResult {
  size: number;
  sha256: string;
}

export interface Storage {
  readonly kind: "fs" | "s3";
  /** Streams `body` into a new object at `key`, computing size and SHA-256 on the way, never holding the whole body in memory. Resolves only once the object is completely and durably written (fs: fsync the file; write to a temporary name in the same directory and rename into place at the end, so a half-written file is never visible under `key`). If `body` errors or is destroyed, or more than `maxBytes` arrive (reject with SizeLimitError as soon as the limit is passed, destroying `body`), or the disk is full (reject with StorageFullError), nothing is left behind: no file, no temp file, no object, no incomplete multipart upload. */
  put(key: string, body: Readable, opts: { maxBytes: number }): Promise<PutResult>;
  /** The bytes of the object, or of the inclusive byte range [start, end]. Rejects with an error whose `code` is "ENOENT" when the key does not exist. */
  get(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Removes the object; no error if it is already gone. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

// S3 keys are limited to 1024 bytes; apply the same limit to both back ends.
const MAX_KEY_BYTES = 1024;
// 8 MB parts, two in flight: bounds memory per upload to roughly 3 parts.
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;
// A file stream writes one buffered batch at a time, each a round trip to libuv's thread
// pool: with the default 16 kB buffer a 1 GB upload made some 16,000 of them, one after
// the other, and the upload waited on that, not on the disk. 8 MB lets the chunks that
// arrive during one write go out together in the next (writev).
const WRITE_BUFFER_BYTES = 8 * 1024 * 1024;

/** Throws unless `key` is a relative, slash-separated path that cannot leave the root. */
function validateKey(key: string): void {
  const bad = (why: string) => new Error(`Invalid storage key ${JSON.stringify(key)}: ${why}`);
  if (typeof key !== "string" || key.length === 0) throw bad("empty");
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw bad("too long");
  if (key.includes("..")) throw bad('contains ".."');
  if (key.startsWith("/")) throw bad("leading slash");
  if (key.includes("\\")) throw bad("backslash");
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) throw bad("control character");
  }
  // Empty or "." segments would map several keys to one file (or to a folder).
  if (key.split("/").some((segment) => segment === "" || segment === ".")) throw bad("empty segment");
}

function validateRange(range: { start: number; end: number } | undefined): void {
  if (!range) return;
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`Invalid byte range ${start}-${end}`);
  }
}

function validateMaxBytes(maxBytes: number): void {
  if (typeof maxBytes !== "number" || Number.isNaN(maxBytes) || maxBytes < 0) {
    throw new RangeError(`Invalid maxBytes ${maxBytes}`);
  }
}

/** Both back ends report a missing object the same way, like fs does. */
function notFound(key: string, cause?: unknown): Error {
  return Object.assign(new Error(`No such object: ${key}`, { cause }), { code: "ENOENT" });
}

/** A range starting at or past the end of the object (S3 answers 416 for these). */
function rangeNotSatisfiable(key: string, range: { start: number; end: number }, cause?: unknown): Error {
  return Object.assign(new RangeError(`Range ${range.start}-${range.end} is outside ${key}`, { cause }), {
    code: "ERANGE",
  });
}

function errorCode(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "code" in err && typeof err.code === "string") return err.code;
  return undefined;
}

/** Counts and hashes the bytes flowing through, failing as soon as the limit is passed. */
class HashingLimiter extends Transform {
  private size = 0;
  private readonly hash: Hash = createHash("sha256");

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new SizeLimitError(`The upload is larger than ${this.maxBytes} bytes`));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  result(): PutResult {
    return { size: this.size, sha256: this.hash.digest("hex") };
  }
}

/** Makes directory entries (new files, renames) durable; some platforms cannot fsync a folder. */
async function fsyncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(dir, "r");
    await handle.sync();
  } catch (err) {
    if (!["EISDIR", "EINVAL", "EPERM", "EBADF"].includes(errorCode(err) ?? "")) throw err;
  } finally {
    await handle?.close();
  }
}

export function fsStorage(root: string): Storage {
  const base = path.resolve(root);

  function resolveKey(key: string): string {
    validateKey(key);
    const full = path.resolve(base, ...key.split("/"));
    // Defence in depth: validateKey should already make this impossible.
    if (!full.startsWith(base + path.sep)) throw new Error(`Invalid storage key ${JSON.stringify(key)}`);
    return full;
  }

  return {
    kind: "fs",

    async put(key, body, opts) {
      let target: string | undefined;
      let tmp: string | undefined;
      let handle: FileHandle | undefined;
      let renamed = false;
      try {
        target = resolveKey(key);
        validateMaxBytes(opts.maxBytes);
        const dir = path.dirname(target);
        const firstCreated = await fs.mkdir(dir, { recursive: true });
        // Same folder as the target, so the final rename is atomic.
        tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(8).toString("hex")}.tmp`);
        const meter = new HashingLimiter(opts.maxBytes);
        // "wx": a fresh file, never someone else's. The pipeline settles only after
        // the stream has closed its descriptor, so cleanup below cannot race a write.
        await pipeline(body, meter, createWriteStream(tmp, { flags: "wx", highWaterMark: WRITE_BUFFER_BYTES }));
        // fsync applies to the file, not the descriptor, so a second open is enough.
        // (A FileHandle stream with autoClose off keeps the handle referenced, and
        // the stream's own `flush` option needs Node 20.10.)
        handle = await fs.open(tmp, "r+");
        await handle.sync();
        await handle.close();
        handle = undefined;
        await fs.rename(tmp, target);
        renamed = true;
        // Persist the rename and any folders mkdir just created.
        const dirs = [dir];
        if (firstCreated) {
          for (let d = dir; d !== path.dirname(firstCreated); d = path.dirname(d)) dirs.push(path.dirname(d));
        }
        for (const d of new Set(dirs)) await fsyncDir(d);
        return meter.result();
      } catch (err) {
        // Failures before the pipeline started must still release the caller's stream.
        body.destroy();
        await handle?.close().catch(() => undefined);
        if (tmp && !renamed) await fs.rm(tmp, { force: true }).catch(() => undefined);
        if (target && renamed) await fs.rm(target, { force: true }).catch(() => undefined);
        const code = (err as NodeJS.ErrnoException | null)?.code;
        if (code === "ENOSPC" || code === "EDQUOT") throw new StorageFullError(code);
        throw err;
      }
    },

    async get(key, range) {
      const file = resolveKey(key);
      validateRange(range);
      let handle: FileHandle;
      try {
        handle = await fs.open(file, "r");
      } catch (err) {
        if (errorCode(err) === "ENOENT" || errorCode(err) === "ENOTDIR") throw notFound(key, err);
        throw err;
      }
      try {
        // Opening first (instead of a lazy createReadStream) lets a missing key reject here.
        const stat = await handle.stat();
        if (!stat.isFile()) throw notFound(key);
        if (range && range.start >= stat.size) throw rangeNotSatisfiable(key, range);
        return handle.createReadStream({ start: range?.start, end: range?.end });
      } catch (err) {
        await handle.close();
        throw err;
      }
    },

    async delete(key) {
      const file = resolveKey(key);
      try {
        await fs.unlink(file);
      } catch (err) {
        if (errorCode(err) !== "ENOENT" && errorCode(err) !== "ENOTDIR") throw err;
      }
    },

    async exists(key) {
      const file = resolveKey(key);
      try {
        return (await fs.stat(file)).isFile();
      } catch (err) {
        if (errorCode(err) === "ENOENT" || errorCode(err) === "ENOTDIR") return false;
        throw err;
      }
    },
  };
}

/** The first `length` bytes of `source`; stopping early destroys `source`, which frees its connection. */
function takeBytes(source: Readable, length: number): Readable {
  async function* take(): AsyncGenerator<Buffer> {
    let left = length;
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      if (buf.length >= left) {
        yield buf.subarray(0, left);
        return;
      }
      left -= buf.length;
      yield buf;
    }
  }
  return Readable.from(take(), { objectMode: false });
}

function isS3NotFound(sdk: S3Sdk, err: unknown): boolean {
  if (!(err instanceof sdk.S3ServiceException)) return false;
  return err.$metadata.httpStatusCode === 404 || err.name === "NoSuchKey" || err.name === "NotFound";
}

export function s3Storage(options: {
  bucket: string;
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
}): Storage {
  const { bucket, endpoint } = options;
  if (!bucket) throw new Error("s3Storage needs a bucket");
  // S3-compatible servers (MinIO, s3rver, …) often reject the SDK's default
  // flexible checksums (aws-chunked bodies with trailers); only send them when required.
  const checksums = endpoint ? "WHEN_REQUIRED" : "WHEN_SUPPORTED";
  const makeClient = (sdk: S3Sdk): S3Client => new sdk.S3Client({
    region: options.region ?? "us-east-1",
    endpoint,
    forcePathStyle: options.forcePathStyle ?? endpoint !== undefined,
    // Without explicit keys the SDK's default chain (env, profile, instance role) applies.
    credentials:
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
    requestChecksumCalculation: checksums,
    responseChecksumValidation: checksums,
  });
  const ready = loadS3Sdk().then((sdk) => ({ sdk, client: makeClient(sdk) }));
  // Not fatal until used: a missing SDK or bad settings show on the first call.
  ready.catch(() => undefined);

  return {
    kind: "s3",

    async put(key, body, opts) {
      try {
        validateKey(key);
        validateMaxBytes(opts.maxBytes);
      } catch (err) {
        body.destroy();
        throw err;
      }
      let sdk: S3Sdk, client: S3Client;
      try {
        ({ sdk, client } = await ready);
      } catch (err) {
        body.destroy();
        throw err;
      }
      const meter = new HashingLimiter(opts.maxBytes);
      const pass = new PassThrough();
      // leavePartsOnError false: on any failure Upload sends AbortMultipartUpload
      // itself, and done() settles only after that, so nothing is left when we reject.
      const upload = new sdk.Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: pass },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
        leavePartsOnError: false,
      });
      const uploaded = upload.done().catch((err: unknown) => {
        // Stop feeding a failed upload; this also makes the pipeline destroy `body`.
        pass.destroy(err instanceof Error ? err : new Error(String(err)));
        throw err;
      });
      // A failing pipeline destroys `pass` with its error, which fails the upload.
      const piped = pipeline(body, meter, pass);
      const [pipeResult, uploadResult] = await Promise.allSettled([piped, uploaded]);
      // The stream's error (SizeLimitError, the body's own error) is the real cause.
      if (pipeResult.status === "rejected") throw pipeResult.reason;
      if (uploadResult.status === "rejected") throw uploadResult.reason;
      return meter.result();
    },

    async get(key, range) {
      validateKey(key);
      validateRange(range);
      const { sdk, client } = await ready;
      try {
        const res = await client.send(
          new sdk.GetObjectCommand({
            Bucket: bucket,
            Key: key,
            Range: range ? `bytes=${range.start}-${range.end}` : undefined,
          }),
        );
        const body = res.Body;
        if (!(body instanceof Readable)) throw new Error("S3 GetObject did not return a Node stream");
        if (!range) return body;
        // Check what the server actually sent: some S3-compatible servers ignore
        // Range, and s3rver reads "bytes=0-0" as "from 0 to the end".
        const sent = /^bytes (\d+)-(\d+)\//.exec(res.ContentRange ?? "");
        if (!sent || Number(sent[1]) !== range.start) {
          body.destroy();
          throw new Error(`S3 server answered range ${range.start}-${range.end} with ${res.ContentRange ?? "the whole object"}`);
        }
        return Number(sent[2]) > range.end ? takeBytes(body, range.end - range.start + 1) : body;
      } catch (err) {
        if (isS3NotFound(sdk, err)) throw notFound(key, err);
        if (range && err instanceof sdk.S3ServiceException && err.$metadata.httpStatusCode === 416) {
          throw rangeNotSatisfiable(key, range, err);
        }
        throw err;
      }
    },

    async delete(key) {
      validateKey(key);
      const { sdk, client } = await ready;
      try {
        await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (err) {
        // S3 answers 204 for missing keys; some compatible servers answer 404.
        if (!isS3NotFound(sdk, err)) throw err;
      }
    },

    async exists(key) {
      validateKey(key);
      const { sdk, client } = await ready;
      try {
        await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (err) {
        if (isS3NotFound(sdk, err)) return false;
        throw err;
      }
    },
  };
}

function parseBoolean(name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (["true", "1", "yes", "on"].includes(v)) return true;
  if (["false", "0", "no", "off"].includes(v)) return false;
  throw new Error(`${name} must be true or false, got ${JSON.stringify(value)}`);
}

/** S3 when S3_BUCKET is set (S3_ENDPOINT optional for S3-compatible servers, S3_REGION default "us-east-1", credentials S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY, S3_FORCE_PATH_STYLE default "true" when S3_ENDPOINT is set); otherwise the folder `${DATA_DIR ?? "./data"}/files` (or FILES_DIR when set). */
export function createStorage(env: NodeJS.ProcessEnv = process.env): Storage {
  const bucket = env.S3_BUCKET?.trim();
  if (bucket) {
    const endpoint = env.S3_ENDPOINT?.trim() || undefined;
    const accessKeyId = env.S3_ACCESS_KEY_ID || undefined;
    const secretAccessKey = env.S3_SECRET_ACCESS_KEY || undefined;
    // Half a key pair is a configuration mistake, not a cue to use the default chain.
    if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
      throw new Error("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together");
    }
    const forcePathStyle = env.S3_FORCE_PATH_STYLE
      ? parseBoolean("S3_FORCE_PATH_STYLE", env.S3_FORCE_PATH_STYLE)
      : endpoint !== undefined;
    return s3Storage({
      bucket,
      endpoint,
      region: env.S3_REGION || "us-east-1",
      accessKeyId,
      secretAccessKey,
      forcePathStyle,
    });
  }
  if (env.FILES_DIR) return fsStorage(env.FILES_DIR);
  const dataDir = env.DATA_DIR || "./data";
  // DATA_DIR=memory:// means a throwaway database (tests, demos): keep files throwaway too.
  if (dataDir.startsWith("memory://")) {
    return fsStorage(path.join(os.tmpdir(), `files-${process.pid}-${randomBytes(6).toString("hex")}`));
  }
  return fsStorage(path.join(dataDir, "files"));
}

import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SizeLimitError, createStorage, fsStorage, s3Storage, type Storage } from "./storage.server";

// s3rver ships without type declarations; describe the little we use.
interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  body: unknown;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverInstance {
  middleware: KoaMiddleware[];
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: string[] }[];
}) => S3rverInstance;
const S3rver = createRequire(import.meta.url)("s3rver") as S3rverConstructor;

const BUCKET = "test-bucket";
// A minimal environment (ProcessEnv's type demands NODE_ENV) without the test runner's DATA_DIR.
const env = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ NODE_ENV: "test", ...vars });
const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Chunk i of a generated body; the index is stamped in so reordered parts change the hash. */
const pattern = randomBytes(CHUNK);
function chunkAt(i: number): Buffer {
  const chunk = Buffer.from(pattern);
  chunk.writeUInt32BE(i, 0);
  return chunk;
}

function expectedHash(total: number): string {
  const hash = createHash("sha256");
  for (let i = 0; i * CHUNK < total; i++) hash.update(chunkAt(i).subarray(0, Math.min(CHUNK, total - i * CHUNK)));
  return hash.digest("hex");
}

/** A body produced on demand in 64 KB chunks, optionally failing after `failAfter` bytes. */
function generatedBody(total: number, opts: { failAfter?: number } = {}) {
  let produced = 0;
  let index = 0;
  const stream = new Readable({
    read() {
      if (opts.failAfter !== undefined && produced >= opts.failAfter) {
        this.destroy(new Error("body failed half-way"));
        return;
      }
      if (produced >= total) {
        this.push(null);
        return;
      }
      const chunk = chunkAt(index++).subarray(0, Math.min(CHUNK, total - produced));
      produced += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, produced: () => produced };
}

interface Backend {
  storage: Storage;
  /** Everything a failed put could have left behind: files, objects, pending multipart uploads. */
  leftovers(): Promise<string[]>;
  /** How many multipart uploads were started (S3 only; fs reports 0). */
  multipartStarts(): number;
}

function defineStorageCases(kind: "fs" | "s3", getBackend: () => Backend) {
  const key = (name: string) => `documents/3f/3f2a${name}/v1`;

  it("reports its kind", () => {
    expect(getBackend().storage.kind).toBe(kind);
  });

  it("put then get round-trips bytes, size and SHA-256", async () => {
    const { storage } = getBackend();
    const data = randomBytes(100_000);
    const result = await storage.put(key("small"), Readable.from([data.subarray(0, 40_000), data.subarray(40_000)]), {
      maxBytes: 1_000_000,
    });
    expect(result).toEqual({ size: data.length, sha256: sha256(data) });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    const back = await readAll(await storage.get(key("small")));
    expect(back.equals(data)).toBe(true);
    expect(await storage.exists(key("small"))).toBe(true);
  });

  it("stores an empty body", async () => {
    const { storage } = getBackend();
    const result = await storage.put(key("empty"), Readable.from([]), { maxBytes: 10 });
    expect(result).toEqual({ size: 0, sha256: sha256(Buffer.alloc(0)) });
    expect((await readAll(await storage.get(key("empty")))).length).toBe(0);
  });

  it("round-trips a 20 MB streamed body", async () => {
    const { storage, multipartStarts } = getBackend();
    const total = 20 * MB;
    const result = await storage.put(key("big"), generatedBody(total).stream, { maxBytes: total });
    expect(result).toEqual({ size: total, sha256: expectedHash(total) });
    const back = createHash("sha256");
    let size = 0;
    for await (const chunk of await storage.get(key("big"))) {
      const buf = chunk as Buffer;
      back.update(buf);
      size += buf.length;
    }
    expect(size).toBe(total);
    expect(back.digest("hex")).toBe(expectedHash(total));
    // 20 MB with 8 MB parts must have gone through a multipart upload.
    if (kind === "s3") expect(multipartStarts()).toBe(1);
  });

  it("returns byte ranges (first, middle, last byte)", async () => {
    const { storage } = getBackend();
    const data = randomBytes(5000);
    await storage.put(key("range"), Readable.from([data]), { maxBytes: data.length });
    const range = async (start: number, end: number) => readAll(await storage.get(key("range"), { start, end }));
    expect((await range(0, 0)).equals(data.subarray(0, 1))).toBe(true);
    expect((await range(1000, 2999)).equals(data.subarray(1000, 3000))).toBe(true);
    expect((await range(4999, 4999)).equals(data.subarray(4999))).toBe(true);
    // An end past the object is cut short, as in HTTP.
    expect((await range(4990, 9999)).equals(data.subarray(4990))).toBe(true);
  });

  it("rejects a range that starts past the end with code ERANGE", async () => {
    const { storage } = getBackend();
    await storage.put(key("short"), Readable.from([Buffer.from("abc")]), { maxBytes: 10 });
    await expect(storage.get(key("short"), { start: 3, end: 5 })).rejects.toMatchObject({ code: "ERANGE" });
    await expect(storage.get(key("short"), { start: 2, end: 1 })).rejects.toThrow(RangeError);
  });

  it("does not show the object before put has finished", async () => {
    const { storage } = getBackend();
    const body = new Readable({ read() {} });
    body.push(Buffer.from("first half "));
    const pending = storage.put(key("slow"), body, { maxBytes: 100 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await storage.exists(key("slow"))).toBe(false);
    body.push(Buffer.from("second half"));
    body.push(null);
    expect((await pending).size).toBe(22);
    expect((await readAll(await storage.get(key("slow")))).toString()).toBe("first half second half");
  });

  it.each([
    { label: "small body", total: 5000, maxBytes: 1000 },
    { label: "multipart-sized body", total: 20 * MB, maxBytes: 10 * MB },
  ])("rejects with SizeLimitError past maxBytes and leaves nothing ($label)", async ({ total, maxBytes }) => {
    const { storage, leftovers } = getBackend();
    const { stream, produced } = generatedBody(total);
    await expect(storage.put(key("toolarge"), stream, { maxBytes })).rejects.toBeInstanceOf(SizeLimitError);
    expect(stream.destroyed).toBe(true);
    // Reading stopped soon after the limit, not at the end of the body (a small
    // body is read ahead in one go, so only the large one can show this).
    if (total > maxBytes + MB) expect(produced()).toBeLessThan(maxBytes + MB);
    expect(await storage.exists(key("toolarge"))).toBe(false);
    expect(await leftovers()).toEqual([]);
  });

  it("accepts a body of exactly maxBytes", async () => {
    const { storage } = getBackend();
    const result = await storage.put(key("exact"), generatedBody(1000).stream, { maxBytes: 1000 });
    expect(result.size).toBe(1000);
  });

  it("rejects and leaves nothing when the body errors half-way", async () => {
    const { storage, leftovers, multipartStarts } = getBackend();
    const { stream } = generatedBody(20 * MB, { failAfter: 12 * MB });
    await expect(storage.put(key("broken"), stream, { maxBytes: 100 * MB })).rejects.toThrow("body failed half-way");
    expect(await storage.exists(key("broken"))).toBe(false);
    expect(await leftovers()).toEqual([]);
    // The failure came after the first 8 MB part, so a multipart upload had to be aborted.
    if (kind === "s3") expect(multipartStarts()).toBe(1);
  });

  it("rejects and leaves nothing when the body is destroyed without an error", async () => {
    const { storage, leftovers } = getBackend();
    const body = new Readable({ read() {} });
    body.push(randomBytes(1000));
    setTimeout(() => body.destroy(), 50);
    await expect(storage.put(key("destroyed"), body, { maxBytes: 100_000 })).rejects.toThrow();
    expect(await storage.exists(key("destroyed"))).toBe(false);
    expect(await leftovers()).toEqual([]);
  });

  it("delete removes the object, and deleting a missing key does not throw", async () => {
    const { storage } = getBackend();
    await storage.put(key("del"), Readable.from([Buffer.from("x")]), { maxBytes: 10 });
    expect(await storage.exists(key("del"))).toBe(true);
    await storage.delete(key("del"));
    expect(await storage.exists(key("del"))).toBe(false);
    await expect(storage.delete(key("del"))).resolves.toBeUndefined();
    await expect(storage.delete(key("never-there"))).resolves.toBeUndefined();
  });

  it("get of a missing key rejects with code ENOENT", async () => {
    const { storage } = getBackend();
    await expect(storage.get(key("missing"))).rejects.toMatchObject({ code: "ENOENT" });
    await expect(storage.get(key("missing"), { start: 0, end: 0 })).rejects.toMatchObject({ code: "ENOENT" });
    expect(await storage.exists(key("missing"))).toBe(false);
  });

  it("treats a key prefix as missing, not as an object", async () => {
    const { storage } = getBackend();
    await storage.put(key("prefix"), Readable.from([Buffer.from("x")]), { maxBytes: 10 });
    expect(await storage.exists("documents/3f")).toBe(false);
    await expect(storage.get("documents/3f")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it.each(["../x", "/abs", "a\\b", "a/../../b", "a\u0000b", "a\nb", "", "a//b", "a/"])(
    "rejects the bad key %j",
    async (bad) => {
      const { storage, leftovers } = getBackend();
      const body = Readable.from([Buffer.from("x")]);
      await expect(storage.put(bad, body, { maxBytes: 10 })).rejects.toThrow(/Invalid storage key/);
      expect(body.destroyed).toBe(true);
      await expect(storage.get(bad)).rejects.toThrow(/Invalid storage key/);
      await expect(storage.exists(bad)).rejects.toThrow(/Invalid storage key/);
      await expect(storage.delete(bad)).rejects.toThrow(/Invalid storage key/);
      expect(await leftovers()).toEqual([]);
    },
  );
}

/** Every file below `dir`, as relative paths. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
}

describe("fsStorage", () => {
  let root: string;
  let backend: Backend;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "storage-fs-"));
    backend = { storage: fsStorage(root), leftovers: () => listFiles(root), multipartStarts: () => 0 };
    return () => fs.rm(root, { recursive: true, force: true });
  });

  defineStorageCases("fs", () => backend);

  it("writes the object under the root at the key's path", async () => {
    await backend.storage.put("documents/ab/abcd/v1", Readable.from([Buffer.from("hello")]), { maxBytes: 10 });
    expect(await fs.readFile(path.join(root, "documents/ab/abcd/v1"), "utf8")).toBe("hello");
    expect(await listFiles(root)).toEqual([path.join("documents", "ab", "abcd", "v1")]);
  });

  it("replaces an existing object atomically", async () => {
    await backend.storage.put("a/v1", Readable.from([Buffer.from("old")]), { maxBytes: 10 });
    await backend.storage.put("a/v1", Readable.from([Buffer.from("new!")]), { maxBytes: 10 });
    expect(await fs.readFile(path.join(root, "a/v1"), "utf8")).toBe("new!");
    expect(await listFiles(root)).toEqual([path.join("a", "v1")]);
  });
});

describe("s3Storage", () => {
  let server: S3rverInstance;
  let serverDir: string;
  let endpoint: string;
  let admin: S3Client;
  let backend: Backend;
  let multipartStarts = 0;
  // s3rver keeps incomplete multipart uploads here.
  const uploadsDir = () => path.join(serverDir, BUCKET, "._S3rver_uploads");

  beforeAll(async () => {
    serverDir = await fs.mkdtemp(path.join(os.tmpdir(), "storage-s3rver-"));
    server = new S3rver({
      port: 0,
      address: "127.0.0.1",
      silent: true,
      directory: serverDir,
      configureBuckets: [{ name: BUCKET, configs: [] }],
    });
    // s3rver 3.7 lacks AbortMultipartUpload (it answers 405). Fill that gap so the
    // test can see whether our code aborts, and count CreateMultipartUpload calls.
    server.middleware.unshift(async (ctx, next) => {
      const uploadId = ctx.query.uploadId;
      if (ctx.method === "DELETE" && typeof uploadId === "string" && /^[\w-]+$/.test(uploadId)) {
        await fs.rm(path.join(uploadsDir(), uploadId), { recursive: true, force: true });
        ctx.status = 204;
        return;
      }
      if (ctx.method === "POST" && "uploads" in ctx.query) multipartStarts++;
      await next();
    });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    admin = new S3Client({
      endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
  });

  afterAll(async () => {
    admin?.destroy();
    await server?.close();
    if (serverDir) await fs.rm(serverDir, { recursive: true, force: true });
  });

  async function allKeys(): Promise<string[]> {
    const res = await admin.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    return (res.Contents ?? []).map((o) => o.Key ?? "");
  }

  beforeEach(async () => {
    // Start every test from an empty bucket with no pending uploads.
    const storage = s3Storage({
      bucket: BUCKET,
      endpoint,
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
    });
    for (const k of await allKeys()) await storage.delete(k);
    await fs.rm(uploadsDir(), { recursive: true, force: true });
    multipartStarts = 0;
    backend = {
      storage,
      leftovers: async () => [
        ...(await allKeys()).map((k) => `object ${k}`),
        ...(await listFiles(uploadsDir())).map((f) => `upload ${f}`),
      ],
      multipartStarts: () => multipartStarts,
    };
  });

  defineStorageCases("s3", () => backend);

  it("stores the object in the bucket under the key", async () => {
    await backend.storage.put("documents/ab/abcd/v1", Readable.from([Buffer.from("hello")]), { maxBytes: 10 });
    expect(await allKeys()).toEqual(["documents/ab/abcd/v1"]);
  });

  it("is what createStorage returns when S3_BUCKET is set", async () => {
    const storage = createStorage(
      env({
        S3_BUCKET: BUCKET,
        S3_ENDPOINT: endpoint,
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
        DATA_DIR: "/nonexistent",
      }),
    );
    expect(storage.kind).toBe("s3");
    await storage.put("env/v1", Readable.from([Buffer.from("via env")]), { maxBytes: 100 });
    expect(await allKeys()).toEqual(["env/v1"]);
    expect((await readAll(await storage.get("env/v1"))).toString()).toBe("via env");
  });
});

describe("createStorage", () => {
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "storage-env-"));
    return () => fs.rm(dir, { recursive: true, force: true });
  });

  it("uses DATA_DIR/files without S3_BUCKET", async () => {
    const storage = createStorage(env({ DATA_DIR: dir }));
    expect(storage.kind).toBe("fs");
    await storage.put("x/v1", Readable.from([Buffer.from("data dir")]), { maxBytes: 100 });
    expect(await fs.readFile(path.join(dir, "files", "x", "v1"), "utf8")).toBe("data dir");
  });

  it("prefers FILES_DIR over DATA_DIR", async () => {
    const storage = createStorage(
      env({ DATA_DIR: path.join(dir, "unused"), FILES_DIR: path.join(dir, "elsewhere") }),
    );
    await storage.put("x/v1", Readable.from([Buffer.from("files dir")]), { maxBytes: 100 });
    expect(await fs.readFile(path.join(dir, "elsewhere", "x", "v1"), "utf8")).toBe("files dir");
    expect(await listFiles(path.join(dir, "unused"))).toEqual([]);
  });

  it("rejects half a credential pair and a malformed S3_FORCE_PATH_STYLE", () => {
    expect(() => createStorage(env({ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "id" }))).toThrow(/set together/);
    expect(() => createStorage(env({ S3_BUCKET: "b", S3_FORCE_PATH_STYLE: "maybe" }))).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(createStorage(env({ S3_BUCKET: "b" })).kind).toBe("s3");
  });
});

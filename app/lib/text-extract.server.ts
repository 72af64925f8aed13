/**
 * Plain text of uploaded documents for the full-text index. Extraction is best effort:
 * a file we cannot read is still stored, just not searchable, so nothing here throws.
 *
 * Uploads are untrusted and parsers of compressed formats can be made to work without
 * end (a 63 kB DOCX held 20 MB of XML and took 50 s and 2.8 GB in the main thread; a
 * 4 MB PDF of 20,000 pages 70 s and 3.3 GB, while /healthz went unanswered). So the work
 * runs in a worker thread (text-extract.worker.mjs) with a heap limit of its own and a
 * time limit, at most a few at a time, and the worker itself stops at caps on inflated
 * size, pages and characters. Whatever stopped it, the text found until then is kept and
 * `cut` says why it is not all of it.
 */
import fs from "node:fs";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { log } from "./log.server";

/** Why a document's text is not all of it: too long, too much inflated XML, too many pages, too slow, too much memory. */
export type TextCut = "length" | "size" | "pages" | "time" | "memory";
export const TEXT_CUTS: readonly TextCut[] = ["length", "size", "pages", "time", "memory"];

export interface ExtractedText {
  text: string;
  cut: TextCut | null;
}

export interface ExtractLimits {
  /** Characters kept (the search column indexes the first 500,000). */
  maxChars: number;
  /** Bytes of XML inflated from a DOCX or OpenDocument file. */
  maxInflatedBytes: number;
  /** Pages of a PDF read. */
  maxPages: number;
  /** Wall-clock time of one extraction, from the start of its worker. */
  timeoutMs: number;
  /** The worker's V8 heap (old generation). */
  heapMb: number;
  /**
   * How much the process's resident memory may grow while the worker runs. Inflated data
   * (pdf.js decoding a stream, for one) lives in ArrayBuffers outside the V8 heap, which
   * heapMb does not bound: this does.
   */
  rssGrowthMb: number;
}

// Sized to the character cap: a million characters of Word text are some 3-10 MB of
// XML, and 300-500 pages of a dense report. Past that there is little more to index,
// only more work. On two idle cores a bomb stops at a cap in 1-3 s; the time limit is
// the backstop for whatever the caps do not foresee.
export const DEFAULT_LIMITS: ExtractLimits = {
  maxChars: 1_000_000,
  maxInflatedBytes: 16 * 1024 * 1024,
  maxPages: 500,
  timeoutMs: 20_000,
  heapMb: 256,
  rssGrowthMb: 384,
};

/** How often the process's resident memory is read while a worker runs. */
const RSS_CHECK_MS = 50;

/** Extractions running at once; more wait their turn (each may use heapMb and a core). */
const MAX_WORKERS = Math.max(1, Math.min(4, os.availableParallelism() - 1));

// Beside this file in the sources (tests, tsx); build/index.js, where this module is
// bundled, sits one level below the project root and loads it from the sources' app/lib.
const WORKER_CANDIDATES = [new URL("./text-extract.worker.mjs", import.meta.url), new URL("../app/lib/text-extract.worker.mjs", import.meta.url)];
let workerUrl: URL | null = null;
function findWorker(): URL {
  workerUrl ??= WORKER_CANDIDATES.find((url) => fs.existsSync(url)) ?? WORKER_CANDIDATES[0]!;
  return workerUrl;
}

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, or is given back.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function finish(pieces: string[], maxChars: number): string {
  const text = pieces.join("").replace(/\s+/g, " ").trim();
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

function runWorker(data: Uint8Array, mime: string, limits: ExtractLimits): Promise<ExtractedText> {
  return new Promise((resolve) => {
    const pieces: string[] = [];
    let settled = false;
    // A copy of its own for the worker, moved rather than cloned: the caller's bytes stay intact.
    const bytes = new Uint8Array(data);
    const worker = new Worker(findWorker(), {
      workerData: { data: bytes, mime, maxChars: limits.maxChars, maxInflatedBytes: limits.maxInflatedBytes, maxPages: limits.maxPages },
      transferList: [bytes.buffer],
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    // What pdf.js prints about broken files is noise in the server's JSON log.
    worker.stdout.resume();
    worker.stderr.resume();
    const settle = (cut: TextCut | null, failed = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      void worker.terminate();
      const text = finish(pieces, limits.maxChars);
      resolve({ text, cut: failed && !cut ? null : cut });
    };
    const timer = setTimeout(() => {
      log.warn("text extraction stopped: time limit", { mime, ms: limits.timeoutMs });
      settle("time");
    }, limits.timeoutMs);
    const rssCeiling = process.memoryUsage.rss() + limits.rssGrowthMb * 1024 * 1024;
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() <= rssCeiling) return;
      log.warn("text extraction stopped: memory limit", { mime, rssGrowthMb: limits.rssGrowthMb });
      settle("memory");
    }, RSS_CHECK_MS);
    worker.on("message", (message: { text?: string; done?: boolean; cut?: TextCut | null; failed?: boolean }) => {
      if (typeof message.text === "string") pieces.push(message.text);
      else if (message.done) settle(message.cut ?? null, message.failed);
    });
    worker.on("error", (error: Error & { code?: string }) => {
      const memory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      log.warn(memory ? "text extraction stopped: memory limit" : "text extraction failed", { mime, error: String(error).slice(0, 200) });
      settle(memory ? "memory" : null, true);
    });
    worker.on("exit", () => settle(null, true));
  });
}

/** Plain text of a document for full-text search, and why it is cut short if it is. Never throws: "" when the type has no text or the file cannot be read. */
export async function extractText(data: Uint8Array, mime: string, limits: Partial<ExtractLimits> = {}): Promise<ExtractedText> {
  const all = { ...DEFAULT_LIMITS, ...limits };
  if (all.maxChars <= 0) return { text: "", cut: null };
  try {
    return await withSlot(() => runWorker(data, mime, all));
  } catch (error) {
    log.error("text extraction could not start", { error: String(error) });
    return { text: "", cut: null };
  }
}

/**
 * Minimal clamd client (INSTREAM and PING) over a Unix socket or TCP. Written by hand
 * because the npm clamd clients are unmaintained; the protocol is small.
 * Every failure is a ScannerUnavailableError so callers can fail closed.
 */
import net from "node:net";

export class ScannerUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ScannerUnavailableError";
  }
}

export type ScanResult = { clean: true } | { clean: false; signature: string };

export interface ScannerOptions {
  socket?: string;
  host?: string;
  port?: number;
  timeoutMs?: number /* default 60_000 */;
}

const DEFAULT_PORT = 3310;
const DEFAULT_TIMEOUT_MS = 60_000;
// A health check should answer fast; a slow PONG is as good as none.
const MAX_PING_TIMEOUT_MS = 10_000;
// Small frames: clamd reads each one into memory, and a huge upload chunk must not become one huge frame.
const MAX_CHUNK_BYTES = 64 * 1024;

function positiveInt(value: string, name: string): number {
  const number = Number(value);
  // A typo must not silently fall back to a default or disable scanning.
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return number;
}

/** From CLAMD_SOCKET, or CLAMD_HOST + CLAMD_PORT (default 3310); null when neither is set (scanning off). CLAMD_TIMEOUT_MS optional. */
export function scannerFromEnv(env: NodeJS.ProcessEnv = process.env): ScannerOptions | null {
  const timeoutMs = env.CLAMD_TIMEOUT_MS ? positiveInt(env.CLAMD_TIMEOUT_MS, "CLAMD_TIMEOUT_MS") : undefined;
  const withTimeout = (options: ScannerOptions): ScannerOptions => (timeoutMs ? { ...options, timeoutMs } : options);
  if (env.CLAMD_SOCKET) return withTimeout({ socket: env.CLAMD_SOCKET });
  if (env.CLAMD_HOST) {
    const port = env.CLAMD_PORT ? positiveInt(env.CLAMD_PORT, "CLAMD_PORT") : DEFAULT_PORT;
    return withTimeout({ host: env.CLAMD_HOST, port });
  }
  return null;
}

type Session = {
  socket: net.Socket;
  /** Resolves once connected; rejects like `failed`. */
  connected: Promise<void>;
  /** The NUL-terminated reply, without the NUL. */
  reply: Promise<string>;
  /** Rejects on any error, timeout, premature close or premature reply; never resolves. */
  failed: Promise<never>;
  /** Set once the whole request has been written; a reply before that is an error. */
  finishSending(): void;
  close(): void;
};

function openSession(options: ScannerOptions, timeoutMs: number): Session {
  if (!options.socket && !options.host) throw new ScannerUnavailableError("No clamd socket or host configured");
  const socket = options.socket
    ? net.createConnection({ path: options.socket })
    : net.createConnection({ host: options.host, port: options.port ?? DEFAULT_PORT });

  let fail!: (error: ScannerUnavailableError) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {}); // observed through races; avoid unhandled-rejection noise

  let sending = true;
  let settled = false;
  let received = Buffer.alloc(0);
  let resolveReply!: (reply: string) => void;
  const replyOnly = new Promise<string>((resolve) => (resolveReply = resolve));
  const reply = Promise.race([replyOnly, failed]);
  reply.catch(() => {}); // not awaited when sending fails first

  const failWith = (message: string, cause?: unknown) => {
    if (settled) return;
    settled = true;
    fail(new ScannerUnavailableError(message, { cause }));
    socket.destroy();
  };
  const complete = (text: string) => {
    if (settled) return;
    if (sending) return failWith(`clamd replied before the end of the request: ${text}`);
    settled = true;
    resolveReply(text);
  };

  // The deadline covers connecting, sending and waiting for the verdict.
  const timer = setTimeout(() => failWith(`clamd did not answer within ${timeoutMs} ms`), timeoutMs);

  socket.on("data", (data: Buffer) => {
    received = Buffer.concat([received, data]);
    const end = received.indexOf(0);
    if (end >= 0) complete(received.subarray(0, end).toString("utf8").trim());
    // A runaway reply is not a clamd reply.
    else if (received.length > 64 * 1024) failWith("clamd reply too long");
  });
  socket.on("end", () => {
    // Tolerate a server that closes instead of NUL-terminating.
    if (received.length > 0) complete(received.toString("utf8").trim());
    else failWith("clamd closed the connection without a reply");
  });
  socket.on("error", (error) => failWith(`clamd connection failed: ${error.message}`, error));
  socket.on("close", () => failWith("clamd closed the connection without a reply"));

  const connected = Promise.race([new Promise<void>((resolve) => socket.once("connect", () => resolve())), failed]);
  connected.catch(() => {});
  return {
    socket,
    connected,
    reply,
    failed,
    finishSending: () => {
      sending = false;
    },
    close: () => {
      clearTimeout(timer);
      settled = true;
      socket.destroy();
    },
  };
}

/** Writes and waits for 'drain' when the socket buffer is full, so a slow clamd slows the producer. */
async function write(session: Session, ...parts: Uint8Array[]): Promise<void> {
  let flushed = true;
  for (const part of parts) flushed = session.socket.write(part) && flushed;
  if (!flushed) {
    await Promise.race([new Promise<void>((resolve) => session.socket.once("drain", () => resolve())), session.failed]);
  }
}

function frameHeader(length: number): Uint8Array {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(length, 0);
  return header;
}

function parseScanReply(reply: string): ScanResult {
  if (reply === "stream: OK") return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found?.[1]) return { clean: false, signature: found[1] };
  // "… ERROR" (size limit, scan failure) or anything unexpected: no verdict.
  throw new ScannerUnavailableError(`clamd could not scan the stream: ${reply}`);
}

/**
 * Streams `body` to clamd (zINSTREAM, chunks of at most 64 KiB each prefixed with a 4-byte
 * big-endian length, then a zero-length chunk) and reads the reply. Rejects with
 * ScannerUnavailableError on any connection error, ERROR reply or timeout (from the start).
 * An error thrown by `body` itself (e.g. an aborted upload) is passed through unchanged.
 */
export async function scanStream(
  body: AsyncIterable<Uint8Array> | NodeJS.ReadableStream,
  options: ScannerOptions,
): Promise<ScanResult> {
  const session = openSession(options, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const chunks: AsyncIterator<Uint8Array | string> = body[Symbol.asyncIterator]();
  let exhausted = false;
  try {
    await session.connected;
    await write(session, Buffer.from("zINSTREAM\0"));
    for (;;) {
      const next = chunks.next();
      next.catch(() => {}); // may lose the race below; its rejection is then irrelevant
      const item = await Promise.race([next, session.failed]);
      if (item.done) break;
      const chunk = typeof item.value === "string" ? Buffer.from(item.value) : item.value;
      for (let offset = 0; offset < chunk.length; offset += MAX_CHUNK_BYTES) {
        const piece = chunk.subarray(offset, offset + MAX_CHUNK_BYTES);
        await write(session, frameHeader(piece.length), piece);
      }
    }
    exhausted = true;
    session.finishSending();
    await write(session, frameHeader(0));
    return parseScanReply(await session.reply);
  } finally {
    session.close();
    // Release the body (e.g. destroy a Node stream) when we stopped reading it early.
    if (!exhausted) chunks.return?.().catch(() => {});
  }
}

/** PING/PONG health check. */
export async function pingScanner(options: ScannerOptions): Promise<boolean> {
  let session: Session | undefined;
  try {
    session = openSession(options, Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, MAX_PING_TIMEOUT_MS));
    await session.connected;
    session.finishSending();
    await write(session, Buffer.from("zPING\0"));
    return (await session.reply) === "PONG";
  } catch {
    return false;
  } finally {
    session?.close();
  }
}

import { randomBytes } from "node:crypto";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type ScannerOptions,
  ScannerUnavailableError,
  pingScanner,
  scanStream,
  scannerFromEnv,
} from "./clamav.server";
import { SKIP_REASON, skipClamd, startClamd, type TestClamd } from "~/test/clamd";


async function* chunksOf(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}

/** A local TCP server for protocol and failure tests; `onConnection` decides how it misbehaves. */
async function fakeServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no TCP address");
  return {
    port: address.port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port that was free a moment ago, so nothing listens on it. */
async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

describe("scannerFromEnv", () => {
  // ProcessEnv's typing requires NODE_ENV.
  const env = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ NODE_ENV: "test", ...vars });

  it("is off when nothing is configured", () => {
    expect(scannerFromEnv(env({}))).toBeNull();
    expect(scannerFromEnv(env({ CLAMD_PORT: "3310" }))).toBeNull();
  });

  it("prefers the Unix socket and reads the timeout", () => {
    expect(scannerFromEnv(env({ CLAMD_SOCKET: "/run/clamd.sock", CLAMD_HOST: "clamav", CLAMD_TIMEOUT_MS: "5000" }))).toEqual({
      socket: "/run/clamd.sock",
      timeoutMs: 5000,
    });
  });

  it("uses host and port, defaulting the port to 3310", () => {
    expect(scannerFromEnv(env({ CLAMD_HOST: "clamav" }))).toEqual({ host: "clamav", port: 3310 });
    expect(scannerFromEnv(env({ CLAMD_HOST: "clamav", CLAMD_PORT: "3311" }))).toEqual({ host: "clamav", port: 3311 });
  });

  it("refuses malformed numbers instead of guessing", () => {
    expect(() => scannerFromEnv(env({ CLAMD_HOST: "clamav", CLAMD_PORT: "clam" }))).toThrow(/CLAMD_PORT/);
    expect(() => scannerFromEnv(env({ CLAMD_SOCKET: "/s", CLAMD_TIMEOUT_MS: "-1" }))).toThrow(/CLAMD_TIMEOUT_MS/);
  });
});

describe(skipClamd ? `scanStream against a real clamd — skipped: ${SKIP_REASON}` : "scanStream against a real clamd", () => {
  let clamd: TestClamd | undefined;
  let scanner: ScannerOptions = {};
  const infectedName = "np-clamav-test.txt";
  // Unique content so the custom MD5 signature can only match this file.
  const infected = Buffer.from(`NP-CLAMAV-TEST-${randomBytes(16).toString("hex")}\n`);

  beforeAll(async () => {
    if (skipClamd) return;
    const started = Date.now();
    clamd = await startClamd(infected, infectedName);
    scanner = { socket: clamd.socket, timeoutMs: 30_000 };
    console.info(`clamd answered PING after ${Date.now() - started} ms`);
  });

  afterAll(async () => {
    await clamd?.stop();
  });

  it.skipIf(skipClamd)("answers PING", async () => {
    expect(await pingScanner(scanner)).toBe(true);
  });

  it.skipIf(skipClamd)("reports the test file as infected with the custom signature", async () => {
    const result = await scanStream(chunksOf(infected, 7), scanner);
    expect(result.clean).toBe(false);
    if (result.clean) return;
    expect(result.signature).not.toBe("");
    // clamd reports the name sigtool wrote (the file name), suffixed ".UNOFFICIAL".
    expect(result.signature.includes("portal-test") || result.signature.includes(infectedName)).toBe(true);
  });

  it.skipIf(skipClamd)("accepts a Node Readable as the body", async () => {
    const result = await scanStream(Readable.from([Buffer.from(infected)]), scanner);
    expect(result).toMatchObject({ clean: false });
  });

  it.skipIf(skipClamd)("scans a different 3 MB random body as clean", async () => {
    const body = randomBytes(3 * 1024 * 1024);
    // Uneven 200 kB chunks exercise splitting into 64 KiB frames.
    expect(await scanStream(chunksOf(body, 200_000), scanner)).toEqual({ clean: true });
  });

  it.skipIf(skipClamd)("scans an empty body as clean", async () => {
    expect(await scanStream(chunksOf(new Uint8Array(), 1), scanner)).toEqual({ clean: true });
  });
});

describe("scanStream failures", () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it("rejects quickly when the socket path does not exist", async () => {
    const started = Date.now();
    const missing = path.join(os.tmpdir(), `np-no-clamd-${randomBytes(6).toString("hex")}.sock`);
    await expect(scanStream(chunksOf(Buffer.from("x"), 1), { socket: missing })).rejects.toBeInstanceOf(
      ScannerUnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await pingScanner({ socket: missing })).toBe(false);
  });

  it("rejects when nothing listens on the TCP port", async () => {
    const port = await unusedPort();
    await expect(scanStream(chunksOf(Buffer.from("x"), 1), { host: "127.0.0.1", port })).rejects.toBeInstanceOf(
      ScannerUnavailableError,
    );
  });

  it("rejects when no scanner is configured", async () => {
    await expect(scanStream(chunksOf(Buffer.from("x"), 1), {})).rejects.toBeInstanceOf(ScannerUnavailableError);
  });

  it("rejects after timeoutMs when the server accepts but never answers", async () => {
    const server = await fakeServer((socket) => socket.resume());
    servers.push(server);
    const started = Date.now();
    await expect(
      scanStream(chunksOf(Buffer.from("hej"), 1), { host: "127.0.0.1", port: server.port, timeoutMs: 500 }),
    ).rejects.toBeInstanceOf(ScannerUnavailableError);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(3000);
    expect(await pingScanner({ host: "127.0.0.1", port: server.port, timeoutMs: 300 })).toBe(false);
  });

  it("sends the zINSTREAM framing: ≤64 KiB length-prefixed chunks and a zero terminator", async () => {
    let received = Buffer.alloc(0);
    const server = await fakeServer((socket) => {
      socket.on("data", (data: Buffer) => {
        received = Buffer.concat([received, data]);
        if (received.subarray(-4).equals(Buffer.alloc(4))) socket.end("stream: OK\0");
      });
    });
    servers.push(server);
    const body = randomBytes(150_000);
    expect(await scanStream(chunksOf(body, 150_000), { host: "127.0.0.1", port: server.port })).toEqual({ clean: true });

    const command = Buffer.from("zINSTREAM\0");
    expect(received.subarray(0, command.length)).toEqual(command);
    const sizes: number[] = [];
    const payload: Buffer[] = [];
    let offset = command.length;
    for (;;) {
      const size = received.readUInt32BE(offset);
      offset += 4;
      if (size === 0) break;
      sizes.push(size);
      payload.push(received.subarray(offset, offset + size));
      offset += size;
    }
    expect(offset).toBe(received.length);
    expect(sizes).toEqual([65536, 65536, 150_000 - 2 * 65536]);
    expect(Buffer.concat(payload).equals(body)).toBe(true);
  });

  it("rejects on an ERROR reply such as an exceeded size limit", async () => {
    const server = await fakeServer((socket) => {
      socket.once("data", () => socket.end("INSTREAM size limit exceeded. ERROR\0"));
    });
    servers.push(server);
    const body = randomBytes(2 * 1024 * 1024);
    await expect(scanStream(chunksOf(body, 65536), { host: "127.0.0.1", port: server.port })).rejects.toThrow(
      ScannerUnavailableError,
    );
  });

  it("passes a FOUND reply through and rejects an unrecognised one", async () => {
    const reply = (text: string) =>
      fakeServer((socket) => {
        let received = Buffer.alloc(0);
        socket.on("data", (data: Buffer) => {
          received = Buffer.concat([received, data]);
          if (received.subarray(-4).equals(Buffer.alloc(4))) socket.end(text);
        });
      });
    const found = await reply("stream: Eicar-Test-Signature FOUND\0");
    const odd = await reply("hello\0");
    servers.push(found, odd);
    expect(await scanStream(chunksOf(Buffer.from("x"), 1), { host: "127.0.0.1", port: found.port })).toEqual({
      clean: false,
      signature: "Eicar-Test-Signature",
    });
    await expect(scanStream(chunksOf(Buffer.from("x"), 1), { host: "127.0.0.1", port: odd.port })).rejects.toBeInstanceOf(
      ScannerUnavailableError,
    );
  });

  it("respects backpressure: a stalled scanner does not make it read the whole body", async () => {
    // The server accepts but never reads, so the socket buffers fill up.
    const server = await fakeServer((socket) => socket.pause());
    servers.push(server);
    let pulled = 0;
    async function* huge(): AsyncGenerator<Uint8Array> {
      const chunk = new Uint8Array(1024 * 1024);
      for (let i = 0; i < 1024; i++) {
        pulled++;
        yield chunk; // 1 GiB in total if read eagerly
      }
    }
    await expect(
      scanStream(huge(), { host: "127.0.0.1", port: server.port, timeoutMs: 1000 }),
    ).rejects.toBeInstanceOf(ScannerUnavailableError);
    expect(pulled).toBeLessThan(64);
  });

  it("passes an error from the body through and closes the connection", async () => {
    let closed = false;
    const server = await fakeServer((socket) => {
      socket.resume();
      socket.on("close", () => (closed = true));
    });
    servers.push(server);
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(10);
      throw new Error("upload aborted");
    }
    await expect(scanStream(failing(), { host: "127.0.0.1", port: server.port })).rejects.toThrow("upload aborted");
    await expect.poll(() => closed).toBe(true);
  });
});

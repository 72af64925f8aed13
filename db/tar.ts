/**
 * A small streaming tar (POSIX ustar with pax headers) writer and reader: enough for the
 * backup archive, readable by GNU tar and bsdtar. Neither side ever holds an entry's body
 * in memory, so a 500 MB document passes through in small chunks.
 */

const BLOCK = 512;
const ZERO_BLOCK = Buffer.alloc(BLOCK);
// An octal size field of 11 digits holds up to 8 GiB − 1; larger sizes go in a pax header.
const MAX_OCTAL_SIZE = 0o77777777777;

export interface TarEntryInput {
  name: string;
  size: number;
  /** The entry's bytes; they must add up to exactly `size`. */
  body: () => AsyncIterable<Uint8Array>;
  mtime?: Date;
}

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TarFormatError";
  }
}

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  block.write(value, offset, Math.min(length, Buffer.byteLength(value)), "utf8");
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  // length − 1 digits and a NUL terminator.
  block.write(value.toString(8).padStart(length - 1, "0") + "\0", offset, length, "ascii");
}

function header(name: string, size: number, type: "0" | "x", mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, Math.min(size, MAX_OCTAL_SIZE));
  writeOctal(block, 136, 12, Math.floor(mtime.getTime() / 1000));
  block.write("        ", 148, 8, "ascii"); // the checksum is computed over spaces here
  block.write(type, 156, 1, "ascii");
  block.write("ustar\0", 257, 6, "ascii");
  block.write("00", 263, 2, "ascii");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8, "ascii");
  return block;
}

/** One pax record: "<length> <key>=<value>\n", where the length counts itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return `${length}${body}`;
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return rest === 0 ? Buffer.alloc(0) : Buffer.alloc(BLOCK - rest);
}

/** The tar stream of `entries`, in order; throws if an entry's body is not exactly its size. */
export async function* tarStream(entries: AsyncIterable<TarEntryInput> | Iterable<TarEntryInput>): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    if (!Number.isSafeInteger(entry.size) || entry.size < 0) throw new TarFormatError(`Invalid size for ${entry.name}`);
    const mtime = entry.mtime ?? new Date();
    const nameBytes = Buffer.byteLength(entry.name);
    const needsPax = nameBytes > 100 || !/^[\x20-\x7e]*$/.test(entry.name) || entry.size > MAX_OCTAL_SIZE;
    if (needsPax) {
      let records = paxRecord("path", entry.name);
      if (entry.size > MAX_OCTAL_SIZE) records += paxRecord("size", String(entry.size));
      const pax = Buffer.from(records, "utf8");
      yield header("PaxHeader", pax.length, "x", mtime);
      yield pax;
      yield padding(pax.length);
    }
    const fallbackName = needsPax ? entry.name.replace(/[^\x20-\x7e]/g, "_").slice(-100) : entry.name;
    yield header(fallbackName, entry.size, "0", mtime);
    let written = 0;
    for await (const chunk of entry.body()) {
      written += chunk.length;
      if (written > entry.size) throw new TarFormatError(`${entry.name} is longer than the ${entry.size} bytes announced`);
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    }
    if (written !== entry.size) {
      throw new TarFormatError(`${entry.name} ended after ${written} of the ${entry.size} bytes announced`);
    }
    yield padding(entry.size);
  }
  yield ZERO_BLOCK;
  yield ZERO_BLOCK;
}

/** Reads exact byte counts from a stream of chunks. */
class ChunkReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private readonly iterator: AsyncIterator<Uint8Array>;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private async fill(wanted: number): Promise<void> {
    while (this.buffered < wanted && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.length);
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
  }

  /** Up to `max` bytes (fewer only at the end of the stream); an empty buffer at the end. */
  async readUpTo(max: number): Promise<Buffer> {
    if (this.buffered === 0) await this.fill(1);
    if (this.buffered === 0) return Buffer.alloc(0);
    const first = this.chunks[0]!;
    if (first.length <= max) {
      this.chunks.shift();
      this.buffered -= first.length;
      return first;
    }
    this.chunks[0] = first.subarray(max);
    this.buffered -= max;
    return first.subarray(0, max);
  }

  /** Exactly `n` bytes, or fewer when the stream ends first. */
  async readExact(n: number): Promise<Buffer> {
    await this.fill(n);
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** The entry's bytes; read them (or not) before asking for the next entry. */
  body: AsyncIterable<Buffer>;
}

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString("utf8");
}

function readNumber(block: Buffer, offset: number, length: number, what: string): number {
  const field = block.subarray(offset, offset + length);
  if (field[0]! & 0x80) {
    // GNU base-256 for values that do not fit in octal.
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const text = field.toString("ascii").replace(/\0.*$/s, "").trim();
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError(`Damaged tar header: ${what} is ${JSON.stringify(text)}`);
  return text === "" ? 0 : parseInt(text, 8);
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    const length = Number(data.toString("ascii", pos, space));
    if (space === -1 || !Number.isSafeInteger(length) || length <= 0) throw new TarFormatError("Damaged pax header");
    const record = data.toString("utf8", space + 1, pos + length - 1);
    const eq = record.indexOf("=");
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += length;
  }
  return out;
}

/**
 * The regular-file entries of a tar stream, in order. Each entry's body must be consumed
 * (or abandoned) before the next entry is requested; whatever was not read is skipped.
 * Throws TarFormatError on a damaged header or a stream that ends inside an entry.
 */
export async function* readTar(source: AsyncIterable<Uint8Array>): AsyncGenerator<TarEntry> {
  const reader = new ChunkReader(source);
  let pax: Record<string, string> = {};
  try {
    for (;;) {
      const block = await reader.readExact(BLOCK);
      if (block.length === 0) throw new TarFormatError("The archive ends without the tar end marker (truncated?)");
      if (block.length < BLOCK) throw new TarFormatError("The archive ends inside a tar header (truncated?)");
      if (block.equals(ZERO_BLOCK)) {
        // Read to the very end (tar writers pad with more zero blocks), so that a gzip
        // layer underneath gets to check its trailing CRC and length.
        while ((await reader.readUpTo(1024 * 1024)).length > 0);
        return;
      }

      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
      if (sum !== readNumber(block, 148, 8, "checksum")) throw new TarFormatError("Damaged tar header (checksum mismatch)");

      const type = String.fromCharCode(block[156]!);
      let size = readNumber(block, 124, 12, "size");
      let name = readString(block, 0, 100);
      const prefix = block.toString("ascii", 257, 262) === "ustar" ? readString(block, 345, 155) : "";
      if (prefix) name = `${prefix}/${name}`;

      if (type === "x" || type === "g") {
        const data = await reader.readExact(size);
        if (data.length < size) throw new TarFormatError("The archive ends inside a pax header (truncated?)");
        await reader.readExact((BLOCK - (size % BLOCK)) % BLOCK);
        if (type === "x") pax = parsePax(data);
        continue;
      }
      if (pax.path !== undefined) name = pax.path;
      if (pax.size !== undefined) size = Number(pax.size);
      pax = {};

      let left = size;
      async function* body(): AsyncGenerator<Buffer> {
        while (left > 0) {
          const chunk = await reader.readUpTo(Math.min(left, 1024 * 1024));
          if (chunk.length === 0) throw new TarFormatError(`The archive ends inside ${name} (truncated?)`);
          left -= chunk.length;
          yield chunk;
        }
      }
      if (type === "0" || type === "\0") yield { name, size, body: body() };
      // Skip what the consumer left unread, then the padding to the next block.
      while (left > 0) {
        const chunk = await reader.readUpTo(Math.min(left, 1024 * 1024));
        if (chunk.length === 0) throw new TarFormatError(`The archive ends inside ${name} (truncated?)`);
        left -= chunk.length;
      }
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if ((await reader.readExact(pad)).length < pad) throw new TarFormatError("The archive is truncated");
    }
  } finally {
    await reader.close();
  }
}

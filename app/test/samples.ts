/**
 * Sample documents generated in code rather than committed as binary fixtures: minimal
 * but valid PDF, DOCX and ODT files, and "bombs" (small files that expand to far more
 * work than their size suggests) for the limits of text extraction.
 */
import zlib from "node:zlib";
import { strToU8, zipSync, type Zippable } from "fflate";

export const TITLE = "Handlingsplan mot hedersrelaterat våld";
export const PDF_MIME = "application/pdf";
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const ODT_MIME = "application/vnd.oasis.opendocument.text";

/** WinAnsi octal escapes keep the file ASCII while still carrying å/ä/ö. */
function pdfString(text: string): string {
  return Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch === "(" || ch === ")" || ch === "\\") return `\\${ch}`;
    return code < 128 ? ch : `\\${code.toString(8).padStart(3, "0")}`;
  }).join("");
}

/** A PDF of the given objects (object n is `bodies[n - 1]`, the catalog is object 1) with a real xref table. */
function assemblePdf(bodies: string[]): Uint8Array {
  const parts: string[] = ["%PDF-1.4\n"];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((body, index) => {
    offsets.push(length);
    const object = `${index + 1} 0 obj\n${body}\nendobj\n`;
    parts.push(object);
    length += object.length;
  });
  const xrefOffset = length;
  parts.push(`xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`);
  for (const offset of offsets) parts.push(`${String(offset).padStart(10, "0")} 00000 n \n`);
  parts.push(`trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`);
  return strToU8(parts.join(""), true); // latin1: one byte per character, so offsets stay exact
}

/** A minimal one-page PDF with a real xref table (offsets computed, not hard-coded). */
export function buildPdf(text: string): Uint8Array {
  return buildManyPagePdf(1, text);
}

/**
 * A PDF of `pages` pages that all draw `text` from one shared content stream: 20,000
 * pages take about 2 MB, and a reader that walks them all does 20,000 pages of work.
 */
export function buildManyPagePdf(pages: number, text: string): Uint8Array {
  const stream = `BT /F1 18 Tf 72 720 Td (${pdfString(text)}) Tj ET`;
  const firstPage = 5;
  const kids = Array.from({ length: pages }, (_, i) => `${firstPage + i} 0 R`).join(" ");
  const bodies = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ];
  for (let i = 0; i < pages; i++) bodies.push("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>");
  return assemblePdf(bodies);
}

/**
 * A one-page PDF whose content stream is `inflatedBytes` of spaces, deflated (1 GB takes
 * about 1 MB): a reader that decodes the stream holds all of it. Deflated as a stream, so
 * building it never holds the inflated bytes here.
 */
export async function buildFlateBombPdf(inflatedBytes: number): Promise<Uint8Array> {
  const deflate = zlib.createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => chunks.push(chunk));
  const block = Buffer.alloc(1024 * 1024, 0x20);
  for (let left = inflatedBytes; left > 0; left -= block.length) {
    if (!deflate.write(left >= block.length ? block : block.subarray(0, left))) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  await new Promise<void>((resolve) => deflate.end(resolve));
  const stream = Buffer.concat(chunks);
  const head = [
    "%PDF-1.4",
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj",
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj",
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj",
    `4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`,
  ].join("\n");
  // No xref table: pdf.js rebuilds one by scanning, as it does for many real damaged files.
  return new Uint8Array(Buffer.concat([Buffer.from(head, "latin1"), stream, Buffer.from("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1")]));
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  "</Types>";
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  "</Relationships>";
const DOCX_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOCX_TAIL = "</w:body></w:document>";

/** A DOCX whose body is the given WordprocessingML; [Content_Types].xml first, as Word writes it, so the head alone identifies it. */
function docxWithBody(body: Uint8Array | string, extra: Zippable = {}): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8(CONTENT_TYPES),
    "_rels/.rels": strToU8(RELS),
    "word/document.xml": typeof body === "string" ? strToU8(DOCX_HEAD + body + DOCX_TAIL) : body,
    ...extra,
  });
}

/** Minimal DOCX with one paragraph. */
export function buildDocx(text: string, extra: Zippable = {}): Uint8Array {
  return docxWithBody(`<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`, extra);
}

/** Minimal DOCX of the given paragraphs (WordprocessingML inside <w:body>). */
export function buildDocxBody(body: string): Uint8Array {
  return docxWithBody(body);
}

/** `inflatedBytes` of XML: `head`, then `filler` repeated, then `tail` (built as bytes, never as one huge string). */
function repeatedXml(head: string, filler: string, tail: string, inflatedBytes: number): Uint8Array {
  const headBytes = strToU8(head);
  const tailBytes = strToU8(tail);
  const unit = strToU8(filler);
  const count = Math.max(0, Math.ceil((inflatedBytes - headBytes.length - tailBytes.length) / unit.length));
  const out = new Uint8Array(headBytes.length + count * unit.length + tailBytes.length);
  out.set(headBytes);
  for (let i = 0, at = headBytes.length; i < count; i++, at += unit.length) out.set(unit, at);
  out.set(tailBytes, out.length - tailBytes.length);
  return out;
}

/**
 * A decompression bomb in DOCX form: `text` in the first paragraph, then empty
 * paragraphs until word/document.xml is `inflatedBytes` long (64 MB compress to about
 * 100 kB), and a last paragraph saying "slutet" that no reader within the caps reaches.
 */
export function buildDocxBomb(inflatedBytes: number, text: string): Uint8Array {
  const xml = repeatedXml(
    `${DOCX_HEAD}<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`,
    '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>',
    `<w:p><w:r><w:t>slutet</w:t></w:r></w:p>${DOCX_TAIL}`,
    inflatedBytes,
  );
  return docxWithBody(xml);
}

const ODT_MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
  '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
  "</manifest:manifest>";
const ODT_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text>';
const ODT_TAIL = "</office:text></office:body></office:document-content>";

/** Minimal ODT: `mimetype` stored uncompressed and first, as the OpenDocument spec requires. */
function odtWith(content: Uint8Array): Uint8Array {
  return zipSync({
    mimetype: [strToU8("application/vnd.oasis.opendocument.text"), { level: 0 }],
    "content.xml": content,
    "META-INF/manifest.xml": strToU8(ODT_MANIFEST),
  });
}

/** Minimal ODT with a heading and a paragraph "Rutiner & ansvar". */
export function buildOdt(text: string): Uint8Array {
  return odtWith(strToU8(`${ODT_HEAD}<text:h text:outline-level="1">${text}</text:h><text:p>Rutiner &amp; ansvar</text:p>${ODT_TAIL}`));
}

/** The OpenDocument counterpart of buildDocxBomb. */
export function buildOdtBomb(inflatedBytes: number, text: string): Uint8Array {
  return odtWith(repeatedXml(`${ODT_HEAD}<text:p>${text}</text:p>`, '<text:p text:style-name="P1"/>', `<text:p>slutet</text:p>${ODT_TAIL}`, inflatedBytes));
}

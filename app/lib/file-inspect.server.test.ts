import { randomBytes } from "node:crypto";
import { strToU8, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { ALLOWED, HEAD_BYTES, inspectFile } from "./file-inspect.server";

// Samples are generated here rather than committed as binary fixtures.
// (text-extract.server.test.ts builds the same samples; test files cannot share code without a helper module.)

const TITLE = "Handlingsplan mot hedersrelaterat våld";

/** A minimal one-page PDF with a real xref table (offsets computed, not hard-coded). */
function buildPdf(text: string): Uint8Array {
  // WinAnsi octal escapes keep the file ASCII while still carrying å/ä/ö.
  const pdfString = Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch === "(" || ch === ")" || ch === "\\") return `\\${ch}`;
    return code < 128 ? ch : `\\${code.toString(8).padStart(3, "0")}`;
  }).join("");
  const stream = `BT /F1 18 Tf 72 720 Td (${pdfString}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return strToU8(pdf, true); // latin1: one byte per character, so offsets stay exact
}

/** Minimal DOCX; [Content_Types].xml first, as Word writes it, so the head alone identifies it. */
function buildDocx(text: string, extra: Zippable = {}): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        "</Types>",
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        "</Relationships>",
    ),
    "word/document.xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ),
    ...extra,
  });
}

/** Minimal ODT: `mimetype` stored uncompressed and first, as the OpenDocument spec requires. */
function buildOdt(text: string): Uint8Array {
  return zipSync({
    mimetype: [strToU8("application/vnd.oasis.opendocument.text"), { level: 0 }],
    "content.xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">' +
        `<office:body><office:text><text:h text:outline-level="1">${text}</text:h>` +
        "<text:p>Rutiner &amp; ansvar</text:p></office:text></office:body></office:document-content>",
    ),
    "META-INF/manifest.xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
        "</manifest:manifest>",
    ),
  });
}

function buildPng(): Uint8Array {
  const ihdr = [0, 0, 0, 13, ...strToU8("IHDR"), 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89];
  const iend = [0, 0, 0, 0, ...strToU8("IEND"), 0xae, 0x42, 0x60, 0x82];
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...ihdr, ...iend]);
}

function buildElf(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]); // \x7fELF, 64-bit, little-endian, version 1
  bytes.set([2, 0, 0x3e, 0], 16); // ET_EXEC, x86-64
  return bytes;
}

function buildPe(): Uint8Array {
  const bytes = new Uint8Array(512);
  const view = new DataView(bytes.buffer);
  bytes.set(strToU8("MZ"));
  view.setUint32(0x3c, 0x80, true); // e_lfanew: where the PE header starts
  bytes.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80); // "PE\0\0", machine i386
  return bytes;
}

/** An OLE2/CFB header, as used by .doc/.xls/.ppt (and also .msi). */
function buildCfb(): Uint8Array {
  const bytes = new Uint8Array(1024);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return bytes;
}

const SWEDISH = "Namn;Ort\nÅsa Öberg;Västerås\r\nÄrlig\tåäö ÅÄÖ\n";

describe("inspectFile", () => {
  it("accepts a generated PDF", async () => {
    expect(await inspectFile(buildPdf(TITLE), "handlingsplan.pdf")).toEqual({
      ok: true,
      mime: "application/pdf",
      extension: "pdf",
    });
  });

  it("compares extensions case-insensitively and uses only the last one", async () => {
    expect(await inspectFile(buildPdf(TITLE), "rapport.PDF")).toEqual({ ok: true, mime: "application/pdf", extension: "pdf" });
    expect(await inspectFile(buildDocx(TITLE), "a.b.docx")).toMatchObject({ ok: true, extension: "docx" });
    expect(await inspectFile(buildPdf(TITLE), "C:\\fakepath\\rapport.pdf")).toMatchObject({ ok: true, extension: "pdf" });
  });

  it("accepts a generated DOCX", async () => {
    expect(await inspectFile(buildDocx(TITLE), "plan.docx")).toEqual({
      ok: true,
      mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      extension: "docx",
    });
  });

  it("recognises a DOCX larger than the head from its first 64 KiB", async () => {
    const docx = buildDocx(TITLE, { "word/media/image1.bin": [randomBytes(200_000), { level: 0 }] });
    expect(docx.length).toBeGreaterThan(HEAD_BYTES);
    expect(await inspectFile(docx.subarray(0, HEAD_BYTES), "plan.docx")).toMatchObject({ ok: true, extension: "docx" });
  });

  it("accepts a generated ODT", async () => {
    expect(await inspectFile(buildOdt(TITLE), "plan.odt")).toEqual({
      ok: true,
      mime: "application/vnd.oasis.opendocument.text",
      extension: "odt",
    });
  });

  it("accepts a PNG", async () => {
    expect(await inspectFile(buildPng(), "bild.png")).toEqual({ ok: true, mime: "image/png", extension: "png" });
  });

  it("maps OLE2 files to a legacy Office type by their extension", async () => {
    expect(await inspectFile(buildCfb(), "gammal.doc")).toEqual({ ok: true, mime: "application/msword", extension: "doc" });
    expect(await inspectFile(buildCfb(), "budget.XLS")).toEqual({ ok: true, mime: "application/vnd.ms-excel", extension: "xls" });
    expect(await inspectFile(buildCfb(), "bilder.ppt")).toEqual({
      ok: true,
      mime: "application/vnd.ms-powerpoint",
      extension: "ppt",
    });
    expect(await inspectFile(buildCfb(), "setup.msi")).toEqual({ ok: false, reason: "mismatch" });
    expect(await inspectFile(buildCfb(), "gammal.docx")).toEqual({ ok: false, reason: "mismatch" });
  });

  it.each([
    ["ELF renamed .pdf", buildElf(), "rapport.pdf"],
    ["ELF", buildElf(), "verktyg"],
    ["Windows PE renamed .pdf", buildPe(), "rapport.pdf"],
    ["Windows PE", buildPe(), "setup.exe"],
    ["plain zip", zipSync({ "a.txt": strToU8("hej") }), "arkiv.zip"],
    ["zip renamed .docx", zipSync({ "a.txt": strToU8("hej") }), "arkiv.docx"],
    ["HTML", strToU8("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), "sida.html"],
    ["shell script", strToU8("#!/bin/sh\nrm -rf /\n"), "install.sh"],
    ["XML named .txt", strToU8('<?xml version="1.0"?><a/>'), "data.txt"],
    ["text with a NUL byte", strToU8("hej\0då\n"), "anteckning.txt"],
    ["text with an escape character", strToU8("hej \x1b[31mröd\n"), "anteckning.txt"],
    ["Latin-1 (not UTF-8) text", new Uint8Array([0x68, 0xe5, 0x6c, 0x6c, 0x0a]), "anteckning.txt"],
  ])("rejects %s as not allowed", async (_label, bytes, name) => {
    expect(await inspectFile(bytes, name)).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("rejects a PDF named .docx as a mismatch", async () => {
    expect(await inspectFile(buildPdf(TITLE), "plan.docx")).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects an allowed type without an extension as a mismatch", async () => {
    expect(await inspectFile(buildPdf(TITLE), "rapport")).toEqual({ ok: false, reason: "mismatch" });
    expect(await inspectFile(buildPdf(TITLE), "rapport.")).toEqual({ ok: false, reason: "mismatch" });
    expect(await inspectFile(strToU8(SWEDISH), "README")).toEqual({ ok: false, reason: "mismatch" });
    expect(await inspectFile(strToU8(SWEDISH), "lista.pdf")).toEqual({ ok: false, reason: "mismatch" });
  });

  it("accepts UTF-8 text with Swedish characters as .txt, .csv and .md", async () => {
    const bytes = strToU8(SWEDISH);
    expect(await inspectFile(bytes, "lista.txt")).toEqual({ ok: true, mime: "text/plain; charset=utf-8", extension: "txt" });
    expect(await inspectFile(bytes, "lista.csv")).toEqual({ ok: true, mime: "text/csv; charset=utf-8", extension: "csv" });
    expect(await inspectFile(bytes, "LÄSMIG.MD")).toEqual({ ok: true, mime: "text/markdown; charset=utf-8", extension: "md" });
  });

  it("tolerates a multi-byte character cut at the end of the head, but not in a whole file", async () => {
    const text = strToU8("å".repeat(HEAD_BYTES)); // 2 bytes each
    const head = text.subarray(0, HEAD_BYTES - 1); // odd length: ends with half an "å"
    const fullHead = new Uint8Array(HEAD_BYTES);
    fullHead.set(strToU8("a"));
    fullHead.set(head, 1); // 64 KiB exactly, last byte is a lead byte without its continuation
    expect(await inspectFile(fullHead, "lång.txt")).toMatchObject({ ok: true, extension: "txt" });
    // A small file is the whole file: a truncated sequence there is simply invalid.
    expect(await inspectFile(strToU8("hej å").subarray(0, 5), "kort.txt")).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("rejects an invalid sequence that is not at the very end", async () => {
    const head = new Uint8Array(HEAD_BYTES).fill(0x61);
    head[100] = 0xff;
    expect(await inspectFile(head, "lång.txt")).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("reports an empty file", async () => {
    expect(await inspectFile(new Uint8Array(0), "tom.pdf")).toEqual({ ok: false, reason: "empty" });
  });

  it("has an allowlist entry for every advertised extension", () => {
    const extensions = ALLOWED.flatMap((entry) => entry.extensions);
    for (const ext of ["pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "odt", "ods", "odp", "png", "jpg", "jpeg", "gif", "webp", "txt", "csv", "md"]) {
      expect(extensions).toContain(ext);
    }
    expect(new Set(extensions).size).toBe(extensions.length);
  });
});

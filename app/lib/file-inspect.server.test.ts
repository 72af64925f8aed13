import { randomBytes } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ALLOWED, HEAD_BYTES, inspectFile } from "./file-inspect.server";
import { buildDocx, buildOdt, buildPdf, TITLE } from "~/test/samples";

// Samples are generated rather than committed as binary fixtures (app/test/samples.ts).

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

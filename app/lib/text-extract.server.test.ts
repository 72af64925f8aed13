import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { extractText } from "./text-extract.server";

// Same generators as file-inspect.server.test.ts (kept local: test files cannot share code without a helper module).

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
function buildDocx(text: string): Uint8Array {
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

const PDF_MIME = "application/pdf";
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const ODT_MIME = "application/vnd.oasis.opendocument.text";

describe("extractText", () => {
  it("extracts text from a generated PDF", async () => {
    const text = await extractText(buildPdf(TITLE), PDF_MIME);
    expect(text).toContain("Handlingsplan");
    expect(text).toContain("hedersrelaterat våld");
  });

  it("leaves the caller's PDF bytes usable", async () => {
    const pdf = buildPdf(TITLE);
    await extractText(pdf, PDF_MIME);
    expect(pdf.byteLength).toBeGreaterThan(0);
    expect(await extractText(pdf, PDF_MIME)).toContain("Handlingsplan");
  });

  it("extracts text from a generated DOCX", async () => {
    expect(await extractText(buildDocx(TITLE), DOCX_MIME)).toBe(TITLE);
  });

  it("extracts text from a generated ODT, keeping paragraph boundaries and decoding entities", async () => {
    expect(await extractText(buildOdt(TITLE), ODT_MIME)).toBe(`${TITLE} Rutiner & ansvar`);
  });

  it("decodes numeric references and turns tabs and line breaks into spaces in OpenDocument", async () => {
    const odt = zipSync({
      mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
      "content.xml": strToU8(
        '<office:document-content xmlns:text="t"><text:p>V&#xE4;ster&#229;s<text:tab/>Malm&#246;<text:line-break/>&lt;ok&gt;&quot;&apos;</text:p><text:p>slut</text:p></office:document-content>',
      ),
    });
    expect(await extractText(odt, "application/vnd.oasis.opendocument.spreadsheet")).toBe(`Västerås Malmö <ok>"' slut`);
  });

  it("round-trips UTF-8 text with Swedish characters and collapses whitespace", async () => {
    const text = "Årsmöte i Växjö:\n\n  å ä ö\tÅ Ä Ö\r\n";
    expect(await extractText(strToU8(text), "text/plain; charset=utf-8")).toBe("Årsmöte i Växjö: å ä ö Å Ä Ö");
    expect(await extractText(strToU8("a;b\nå;ö\n"), "text/csv; charset=utf-8")).toBe("a;b å;ö");
  });

  it("joins words split by soft hyphens and zero-width characters, which the search parser takes for breaks", async () => {
    const text = "Regionsamordn\u00ADare tar fram hand\u200Blings\u200Cplaner\u2060 och \uFEFFrutiner.";
    expect(await extractText(new TextEncoder().encode(text), "text/plain")).toBe("Regionsamordnare tar fram handlingsplaner och rutiner.");
  });

  it("returns an empty string for a corrupt PDF without throwing", async () => {
    const corrupt = buildPdf(TITLE).slice(0, 60);
    await expect(extractText(corrupt, PDF_MIME)).resolves.toBe("");
    await expect(extractText(strToU8("%PDF-1.4 garbage"), PDF_MIME)).resolves.toBe("");
  });

  it("returns an empty string for a corrupt DOCX or ODT", async () => {
    await expect(extractText(strToU8("PK not really"), DOCX_MIME)).resolves.toBe("");
    await expect(extractText(strToU8("PK not really"), ODT_MIME)).resolves.toBe("");
  });

  it("returns an empty string for types without text", async () => {
    expect(await extractText(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), "image/png")).toBe("");
    expect(await extractText(buildDocx(TITLE), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).toBe("");
    expect(await extractText(new Uint8Array(16), "application/msword")).toBe("");
  });

  it("truncates to maxChars", async () => {
    const long = "ord ".repeat(1000);
    expect(await extractText(strToU8(long), "text/plain", 10)).toBe("ord ord or");
    expect((await extractText(strToU8(long), "text/plain")).length).toBe(3999);
    expect(await extractText(buildDocx(TITLE), DOCX_MIME, 13)).toBe("Handlingsplan");
  });

  it("does not cut a surrogate pair in half", async () => {
    expect(await extractText(strToU8("ab😀cd"), "text/plain", 3)).toBe("ab");
  });

  it("removes control characters that a database would reject", async () => {
    expect(await extractText(strToU8("a\u0000b\u0007c"), "text/plain")).toBe("a b c");
  });
});

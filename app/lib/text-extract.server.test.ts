import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, extractText } from "./text-extract.server";
import { buildDocx, buildDocxBody, buildDocxBomb, buildFlateBombPdf, buildManyPagePdf, buildOdt, buildOdtBomb, buildPdf, DOCX_MIME, ODT_MIME, PDF_MIME, TITLE } from "~/test/samples";

const text = async (data: Uint8Array, mime: string, maxChars?: number) => (await extractText(data, mime, maxChars === undefined ? {} : { maxChars })).text;

describe("extractText", () => {
  it("extracts text from a generated PDF", async () => {
    const extracted = await extractText(buildPdf(TITLE), PDF_MIME);
    expect(extracted.text).toContain("Handlingsplan");
    expect(extracted.text).toContain("hedersrelaterat våld");
    expect(extracted.cut).toBeNull();
  });

  it("leaves the caller's PDF bytes usable", async () => {
    const pdf = buildPdf(TITLE);
    await extractText(pdf, PDF_MIME);
    expect(pdf.byteLength).toBeGreaterThan(0);
    expect(await text(pdf, PDF_MIME)).toContain("Handlingsplan");
  });

  it("extracts text from a generated DOCX", async () => {
    expect(await extractText(buildDocx(TITLE), DOCX_MIME)).toEqual({ text: TITLE, cut: null });
  });

  it("keeps word boundaries between DOCX paragraphs, cells, tabs and breaks, and leaves out deleted text and field codes", async () => {
    const body =
      '<w:p><w:r><w:t xml:space="preserve">Västerås </w:t></w:r><w:r><w:t>kommun</w:t></w:r></w:p><w:p><w:r><w:t>Malmö</w:t><w:tab/><w:t>Lund</w:t><w:br/><w:t>Ystad</w:t></w:r></w:p>' +
      "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" +
      '<w:p><w:del><w:r><w:delText>borttaget</w:delText></w:r></w:del><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:t>R&amp;D &#xE5;</w:t></w:r></w:p>';
    expect(await text(buildDocxBody(body), DOCX_MIME)).toBe("Västerås kommun Malmö Lund Ystad A B R&D å");
  });

  it("extracts text from a generated ODT, keeping paragraph boundaries and decoding entities", async () => {
    expect(await text(buildOdt(TITLE), ODT_MIME)).toBe(`${TITLE} Rutiner & ansvar`);
  });

  it("decodes numeric references and turns tabs and line breaks into spaces in OpenDocument", async () => {
    const odt = zipSync({
      mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
      "content.xml": strToU8(
        '<office:document-content xmlns:text="t"><text:p>V&#xE4;ster&#229;s<text:tab/>Malm&#246;<text:line-break/>&lt;ok&gt;&quot;&apos;</text:p><text:p>slut</text:p></office:document-content>',
      ),
    });
    expect(await text(odt, "application/vnd.oasis.opendocument.spreadsheet")).toBe(`Västerås Malmö <ok>"' slut`);
  });

  it("round-trips UTF-8 text with Swedish characters and collapses whitespace", async () => {
    const plain = "Årsmöte i Växjö:\n\n  å ä ö\tÅ Ä Ö\r\n";
    expect(await text(strToU8(plain), "text/plain; charset=utf-8")).toBe("Årsmöte i Växjö: å ä ö Å Ä Ö");
    expect(await text(strToU8("a;b\nå;ö\n"), "text/csv; charset=utf-8")).toBe("a;b å;ö");
  });

  it("joins words split by soft hyphens and zero-width characters, which the search parser takes for breaks", async () => {
    const hyphenated = "Regionsamordn\u00ADare tar fram hand\u200Blings\u200Cplaner\u2060 och \uFEFFrutiner.";
    expect(await text(new TextEncoder().encode(hyphenated), "text/plain")).toBe("Regionsamordnare tar fram handlingsplaner och rutiner.");
  });

  it("returns an empty string for a corrupt PDF without throwing", async () => {
    const corrupt = buildPdf(TITLE).slice(0, 60);
    await expect(extractText(corrupt, PDF_MIME)).resolves.toEqual({ text: "", cut: null });
    await expect(extractText(strToU8("%PDF-1.4 garbage"), PDF_MIME)).resolves.toEqual({ text: "", cut: null });
  });

  it("returns an empty string for a corrupt DOCX or ODT", async () => {
    await expect(extractText(strToU8("PK not really"), DOCX_MIME)).resolves.toEqual({ text: "", cut: null });
    await expect(extractText(strToU8("PK not really"), ODT_MIME)).resolves.toEqual({ text: "", cut: null });
  });

  it("returns an empty string for types without text", async () => {
    expect(await text(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), "image/png")).toBe("");
    expect(await text(buildDocx(TITLE), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).toBe("");
    expect(await text(new Uint8Array(16), "application/msword")).toBe("");
  });

  it("truncates to maxChars and says so", async () => {
    const long = "ord ".repeat(1000);
    expect(await extractText(strToU8(long), "text/plain", { maxChars: 10 })).toEqual({ text: "ord ord or", cut: "length" });
    expect(await extractText(strToU8(long), "text/plain")).toEqual({ text: long.trim(), cut: null });
    expect(await extractText(buildDocx(TITLE), DOCX_MIME, { maxChars: 13 })).toEqual({ text: "Handlingsplan", cut: "length" });
  });

  it("does not cut a surrogate pair in half", async () => {
    expect(await text(strToU8("ab😀cd"), "text/plain", 3)).toBe("ab");
  });

  it("removes control characters that a database would reject", async () => {
    expect(await text(strToU8("a\u0000b\u0007c"), "text/plain")).toBe("a b c");
  });
});

describe("extractText on bombs", () => {
  // The cut being "size" or "pages", not "time", shows each stopped at its cap within the time limit.
  it("stops inflating a DOCX whose document.xml is 64 MB at the cap and keeps the text before it", async () => {
    const bomb = buildDocxBomb(64 * 1024 * 1024, TITLE);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const extracted = await extractText(bomb, DOCX_MIME);
    console.info(`DOCX bomb of ${bomb.length} bytes: ${Math.round(performance.now() - started)} ms`);
    expect(extracted).toEqual({ text: TITLE, cut: "size" }); // "slutet", at the very end, is past the cap
  });

  it("stops inflating an ODT bomb at the cap too", async () => {
    const extracted = await extractText(buildOdtBomb(64 * 1024 * 1024, TITLE), ODT_MIME);
    expect(extracted).toEqual({ text: TITLE, cut: "size" });
  });

  it("reads the whole of a DOCX just under the cap", async () => {
    const extracted = await extractText(buildDocxBomb(2 * 1024 * 1024, TITLE), DOCX_MIME, { maxInflatedBytes: 3 * 1024 * 1024 });
    expect(extracted).toEqual({ text: `${TITLE} slutet`, cut: null });
  });

  it("reads only the first pages of a PDF of 20,000 pages", async () => {
    const bomb = buildManyPagePdf(20_000, "Sida");
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const started = performance.now();
    // A generous time limit: this is about the page cap, whatever else runs on the machine.
    const extracted = await extractText(bomb, PDF_MIME, { timeoutMs: 120_000 });
    console.info(`PDF of 20,000 pages: ${Math.round(performance.now() - started)} ms`);
    expect(extracted.cut).toBe("pages");
    expect(extracted.text).toBe(Array.from({ length: DEFAULT_LIMITS.maxPages }, () => "Sida").join(" "));
  });

  it("ends an extraction at the time limit and keeps the text found until then", async () => {
    const started = performance.now();
    const extracted = await extractText(buildManyPagePdf(20_000, "Sida"), PDF_MIME, { maxPages: 20_000, timeoutMs: 10_000 });
    const ms = performance.now() - started;
    const pages = extracted.text.split(" ").length;
    console.info(`time limit: ${pages} pages read in ${Math.round(ms)} ms`);
    expect(extracted.cut).toBe("time");
    expect(ms).toBeLessThan(15_000);
    expect(extracted.text).toMatch(/^Sida( Sida)*$/);
    expect(pages).toBeLessThan(20_000);
  });

  it("ends an extraction at the memory limit without taking the process with it", async () => {
    const extracted = await extractText(buildManyPagePdf(20_000, "Sida"), PDF_MIME, { maxPages: 20_000, heapMb: 16, timeoutMs: 60_000 });
    expect(extracted.cut).toBe("memory");
    // And the next one works as before.
    expect(await extractText(buildPdf(TITLE), PDF_MIME)).toMatchObject({ cut: null });
  });

  it("ends an extraction whose memory outside the heap grows past the limit (a PDF stream that inflates to 1 GB)", async () => {
    const bomb = await buildFlateBombPdf(1024 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage.rss();
    let peak = before;
    const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    const extracted = await extractText(bomb, PDF_MIME, { rssGrowthMb: 128, timeoutMs: 120_000 });
    clearInterval(watch);
    const grewMb = (peak - before) / 1024 / 1024;
    console.info(`flate bomb: rss grew ${Math.round(grewMb)} MB`);
    expect(extracted.cut).toBe("memory");
    expect(grewMb).toBeLessThan(128 + 200);
  });
});

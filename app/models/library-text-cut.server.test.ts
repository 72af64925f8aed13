import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents, documentVersions } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db } from "~/lib/db.server";
import { fsStorage } from "~/lib/storage.server";
import { setStorage } from "~/lib/upload.server";
import { actorByEmail, seedDemo } from "~/test/demo";
import { buildDocx, buildDocxBomb, buildManyPagePdf } from "~/test/samples";
import { uploadNewDocument, uploadNewVersion } from "./library-upload.server";
import { getDocumentPage, restoreVersion } from "./library.server";
import { search } from "./search.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const SLUG = "myndighetsnatverket";

function multipart(fields: Record<string, string>, file: { name: string; data: Uint8Array }): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([Buffer.from(file.data)]), file.name);
  return new Request("http://localhost/upload", { method: "POST", body: form });
}

let police: Actor, coordinator: Actor, root: string;

beforeAll(async () => {
  await seedDemo();
  police = await actorByEmail("polisen@example.org");
  coordinator = await actorByEmail("samordnare@example.org");
  root = await mkdtemp(path.join(os.tmpdir(), "np-text-cut-"));
  setStorage(fsStorage(root));
});

afterAll(async () => {
  setStorage(null);
  await rm(root, { recursive: true, force: true });
});

describe("uploads past the extraction caps", () => {
  it("store a DOCX bomb with the text before the cap, searchable, and a note saying it was cut, kept on restore", async () => {
    const created = await uploadNewDocument(
      multipart({ title: "Uppblåst", classification: "internal" }, { name: "uppblast.docx", data: buildDocxBomb(64 * 1024 * 1024, "Tvångsäktenskap Östergötland") }),
      police,
      SLUG,
      meta,
    );
    expect(created).toMatchObject({ ok: true, version: 1 });
    if (!created.ok) return;
    const [version] = await db.select().from(documentVersions).where(eq(documentVersions.documentId, created.id));
    expect(version).toMatchObject({ textCut: "size", extractedText: "Tvångsäktenskap Östergötland" });
    const [document] = await db.select({ contentText: documents.contentText }).from(documents).where(eq(documents.id, created.id));
    expect(document!.contentText).toBe("Tvångsäktenskap Östergötland");
    expect((await search(coordinator, { q: "tvångsäktenskap" })).map((h) => h.id)).toContain(created.id);

    const page = await getDocumentPage(coordinator, created.id);
    expect(page!.versions[0]).toMatchObject({ number: 1, textCut: "size" });

    // A whole new version clears the note; restoring the cut one brings it back.
    const second = await uploadNewVersion(multipart({}, { name: "hel.docx", data: buildDocx("Hel text") }), police, created.id, meta);
    expect(second).toMatchObject({ ok: true, version: 2 });
    expect((await getDocumentPage(coordinator, created.id))!.versions[0]).toMatchObject({ number: 2, textCut: null });
    expect(await restoreVersion(coordinator, created.id, 1, meta)).toMatchObject({ ok: true, version: 3 });
    expect((await getDocumentPage(coordinator, created.id))!.versions[0]).toMatchObject({ number: 3, textCut: "size", restoredFrom: 1 });
  });

  it("store a PDF of 20,000 pages with the text of the first pages and a note", async () => {
    const created = await uploadNewDocument(
      multipart({ title: "Många sidor", classification: "internal" }, { name: "sidor.pdf", data: buildManyPagePdf(20_000, "Sida") }),
      police,
      SLUG,
      meta,
    );
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) return;
    const [version] = await db.select().from(documentVersions).where(eq(documentVersions.documentId, created.id));
    // "pages" on an idle machine; "time" when the machine is too busy to read 500 pages in the time limit.
    expect(["pages", "time"]).toContain(version!.textCut);
    expect(version!.extractedText.startsWith("Sida Sida")).toBe(true);
  });
});

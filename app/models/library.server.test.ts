import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
// @ts-expect-error -- s3rver ships no types
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, documents, documentVersions } from "../../db/schema/index";
import type { Actor } from "~/auth/policy";
import { db } from "~/lib/db.server";
import { fsStorage, s3Storage, type Storage } from "~/lib/storage.server";
import { setStorage } from "~/lib/upload.server";
import { actorByEmail, seedDemo } from "~/test/demo";
import { skipClamd, startClamd, type TestClamd } from "~/test/clamd";
import { serveDocument } from "./download.server";
import { uploadNewDocument, uploadNewVersion } from "./library-upload.server";
import {
  createFolder,
  getDocumentPage,
  getLibraryPage,
  linkableDocuments,
  linkDocument,
  linkedDocuments,
  listDocumentsForApi,
  listTrash,
  restoreFromTrash,
  restoreVersion,
  trashDocument,
  updateMetadata,
} from "./library.server";
import { createMeeting } from "./meetings.server";
import { createUpdate } from "./posts.server";
import { search } from "./search.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const SLUG = "myndighetsnatverket";

function multipart(fields: Record<string, string | string[]>, file?: { name: string; data: Uint8Array }): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) form.append(k, value);
  if (file) form.append("file", new Blob([Buffer.from(file.data)]), file.name);
  return new Request("http://localhost/upload", { method: "POST", body: form });
}

/** A request whose body stops half-way, as when the browser goes away. */
function abortedRequest(): Request {
  const boundary = "----np-test-boundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nAvbruten\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="avbruten.txt"\r\nContent-Type: text/plain\r\n\r\n`;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode(head));
      if (sent < 40) controller.enqueue(new TextEncoder().encode("hedersrelaterat våld ".repeat(2000)));
      else controller.close(); // the connection ends mid-file, with no closing boundary
      sent++;
    },
  });
  return new Request("http://localhost/upload", {
    method: "POST",
    body,
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    duplex: "half",
  } as RequestInit);
}

const text = (s: string) => new TextEncoder().encode(s);

async function rowCount() {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(documents);
  return row!.n;
}

async function bodyOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

let police: Actor, karin: Actor, coordinator: Actor, admin: Actor, ngo: Actor, sofia: Actor;

beforeAll(async () => {
  await seedDemo();
  police = await actorByEmail("polisen@example.org");
  karin = await actorByEmail("karin.wallin@example.org");
  coordinator = await actorByEmail("samordnare@example.org");
  admin = await actorByEmail("admin@example.org");
  ngo = await actorByEmail("raddabarnen@example.org");
  sofia = await actorByEmail("sofia.aberg@example.org");
});

async function upload(actor: Actor, fields: Record<string, string | string[]>, file: { name: string; data: Uint8Array }) {
  return uploadNewDocument(multipart(fields, file), actor, SLUG, meta);
}

for (const backend of ["fs", "s3"] as const) {
  describe(`uploads and downloads (${backend} storage)`, () => {
    let storage: Storage;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), `np-lib-${backend}-`));
      if (backend === "fs") {
        storage = fsStorage(dir);
        cleanup = () => rm(dir, { recursive: true, force: true });
      } else {
        const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: "library", configs: [] }] });
        const address = (await server.run()) as AddressInfo;
        storage = s3Storage({ bucket: "library", endpoint: `http://127.0.0.1:${address.port}`, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true });
        cleanup = async () => {
          await server.close();
          await rm(dir, { recursive: true, force: true });
        };
      }
      setStorage(storage);
    });
    afterAll(async () => {
      setStorage(null);
      await cleanup();
    });

    it("stores once with its SHA-256, extracts text for Swedish search, serves ranges, and keeps versions", async () => {
      const data = text(`Handlingsplan mot hedersrelaterat våld (${backend}). ${randomBytes(8).toString("hex")}`);
      const created = await upload(police, { title: `Handlingsplan ${backend}`, classification: "internal", registrationNumber: "LST 2026-77" }, { name: "plan.txt", data });
      expect(created).toMatchObject({ ok: true, version: 1 });
      if (!created.ok) return;
      const [version] = await db.select().from(documentVersions).where(eq(documentVersions.documentId, created.id));
      expect(version!.sha256).toBe(createHash("sha256").update(data).digest("hex"));
      expect(version!.size).toBe(data.length);
      expect(await storage.exists(version!.storageKey)).toBe(true);

      // "handlingsplanerna" finds "Handlingsplan" (stemming), in titles and text.
      expect((await search(karin, { q: "handlingsplanerna" })).map((h) => h.id)).toContain(created.id);
      expect((await listDocumentsForApi(karin, SLUG, { q: "hedersrelaterade" }))!.map((d) => d.id)).toContain(created.id);

      const whole = await serveDocument(new Request("http://x/"), karin, created.id, null, meta);
      expect(whole.status).toBe(200);
      expect(whole.headers.get("Content-Disposition")).toBe(`attachment; filename="plan.txt"; filename*=UTF-8''plan.txt`);
      expect(whole.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
      expect(await bodyOf(whole)).toEqual(Buffer.from(data));
      const part = await serveDocument(new Request("http://x/", { headers: { Range: "bytes=0-12" } }), karin, created.id, null, meta);
      expect(part.status).toBe(206);
      expect(part.headers.get("Content-Range")).toBe(`bytes 0-12/${data.length}`);
      expect((await bodyOf(part)).toString()).toBe("Handlingsplan");
      const tail = await serveDocument(new Request("http://x/", { headers: { Range: "bytes=-5" } }), karin, created.id, null, meta);
      expect(await bodyOf(tail)).toEqual(Buffer.from(data.slice(-5)));
      expect((await serveDocument(new Request("http://x/", { headers: { Range: "bytes=9999-" } }), karin, created.id, null, meta)).status).toBe(416);
      // Downloading an internal document is audited.
      const logged = await db.select().from(auditEvents).where(eq(auditEvents.targetId, created.id));
      expect(logged.filter((e) => e.action === "document.downloaded").length).toBeGreaterThanOrEqual(3);

      const second = await uploadNewVersion(multipart({}, { name: "plan-v2.txt", data: text("Version två") }), police, created.id, meta);
      expect(second).toMatchObject({ ok: true, version: 2 });
      expect(await restoreVersion(police, created.id, 1, meta)).toMatchObject({ ok: true, version: 3 });
      const page = (await getDocumentPage(karin, created.id))!;
      // The page (and so the browser) gets neither the extracted text nor the search vector.
      expect(page.document.title).toBeTruthy();
      expect(Object.keys(page.document)).not.toContain("contentText");
      expect(Object.keys(page.document)).not.toContain("search");
      expect(page.versions.map((v) => [v.number, v.restoredFrom, v.sha256 === version!.sha256])).toEqual([
        [3, 1, true],
        [2, null, false],
        [1, null, true],
      ]);
      const v2 = await serveDocument(new Request("http://x/"), karin, created.id, "2", meta);
      expect((await bodyOf(v2)).toString()).toBe("Version två");
    });

    it("refuses bad files with the right status and leaves no row and no file", async () => {
      const before = await rowCount();
      const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
      const cases: [Record<string, string>, { name: string; data: Uint8Array }, number, string][] = [
        [{ title: "Program" }, { name: "rapport.pdf", data: elf }, 415, "not_allowed"],
        [{ title: "Tom" }, { name: "tom.txt", data: new Uint8Array() }, 400, "empty"],
        [{ title: "Fel namn" }, { name: "text.pdf", data: text("bara text") }, 415, "mismatch"],
        [{ title: "../../etc/passwd" }, { name: "ok.txt", data: text("innehåll") }, 400, "library.errors.badName"],
        [{ title: "Kontroll\u0007tecken" }, { name: "ok.txt", data: text("innehåll") }, 400, "library.errors.badName"],
      ];
      for (const [fields, file, status, error] of cases) {
        const outcome = await upload(police, { classification: "internal", ...fields }, file);
        expect(outcome, file.name).toMatchObject({ ok: false, status, error });
      }
      const tooBig = await uploadNewDocument(
        new Request("http://localhost/upload", { method: "POST", body: new Uint8Array(10), headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(2 * 1024 ** 3) } }),
        police,
        SLUG,
        meta,
      );
      expect(tooBig).toMatchObject({ ok: false, status: 413, error: "too_large" });
      expect(await uploadNewDocument(abortedRequest(), police, SLUG, meta)).toMatchObject({ ok: false, error: "aborted" });
      // A file name with a path and control characters is stored as a plain name.
      const odd = await upload(police, { title: "Udda namn", classification: "internal" }, { name: "../../x.txt", data: text("hej") });
      expect(odd, JSON.stringify(odd)).toMatchObject({ ok: true });
      if (odd.ok) expect((await getDocumentPage(police, odd.id))!.versions[0]!.fileName).toBe("x.txt");
      expect(await rowCount()).toBe(before + 1);
      if (backend === "fs") {
        // Every stored object belongs to a version row: nothing was left behind.
        const keys = (await db.select({ key: documentVersions.storageKey }).from(documentVersions)).map((r) => r.key);
        for (const key of keys) expect(await storage.exists(key)).toBe(true);
      }
    });
  });
}

describe("restricted documents", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "np-lib-restricted-"));
    setStorage(fsStorage(root));
  });
  afterAll(async () => {
    setStorage(null);
    await rm(root, { recursive: true, force: true });
  });

  it("are invisible everywhere to organisations that are not listed, and visible to listed ones, the owner and coordinators", async () => {
    const created = await upload(
      police,
      { title: "Hotbild mot vittne", classification: "restricted", organisations: [karin.organisationId], secrecyReference: "OSL 18 kap. 1 §", description: "sekretessprövning" },
      { name: "hotbild.txt", data: text("Hotbedömning inför rättegång, handlingsplanerna") },
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    const sees = async (actor: Actor) => {
      const page = await getDocumentPage(actor, created.id);
      const list = (await getLibraryPage(actor, SLUG, null))?.documents.some((d) => d.id === created.id) ?? false;
      const api = (await listDocumentsForApi(actor, SLUG, {}))?.some((d) => d.id === created.id) ?? false;
      const found = (await search(actor, { q: "hotbedömning" })).some((h) => h.id === created.id);
      const download = (await serveDocument(new Request("http://x/"), actor, created.id, null, meta)).status;
      return { page: Boolean(page), list, api, found, download };
    };
    const yes = { page: true, list: true, api: true, found: true, download: 200 };
    const no = { page: false, list: false, api: false, found: false, download: 404 };
    expect(await sees(police)).toEqual(yes); // owner
    expect(await sees(karin)).toEqual(yes); // listed
    expect(await sees(coordinator)).toEqual(yes); // coordinator
    expect(await sees(sofia)).toEqual(no); // member organisation, not listed
    expect(await sees(admin)).toEqual(no); // platform admin, not listed
    expect(await sees(ngo)).toEqual(no); // another network
    // Unlisting an organisation that is not a member is refused; listing Barnombudsmannen opens it to Sofia.
    const page = (await getDocumentPage(police, created.id))!;
    const base = { title: page.document.title, description: "", registrationNumber: "", classification: "restricted" as const, secrecyReference: "OSL 18 kap. 1 §" };
    expect(await updateMetadata(police, created.id, { ...base, organisations: [ngo.organisationId] }, page.document.revision, meta)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await updateMetadata(police, created.id, { ...base, organisations: [karin.organisationId, sofia.organisationId] }, page.document.revision, meta)).toEqual({ ok: true });
    expect((await sees(sofia)).page).toBe(true);
    // A stale edit gets the saved details back.
    expect(await updateMetadata(karin, created.id, { ...base, organisations: [] }, page.document.revision, meta)).toMatchObject({ ok: false });
    expect(await updateMetadata(coordinator, created.id, { ...base, title: "Ny titel", organisations: [] }, page.document.revision, meta)).toMatchObject({
      ok: false,
      reason: "conflict",
      current: { revision: page.document.revision + 1 },
    });
  });

  it("with nobody listed are the owner's organisation's and the coordinators' only, and tell everyone who sees them that", async () => {
    // The form says so before saving (e2e/restricted.spec.ts); the rule itself is the server's.
    const created = await upload(police, { title: "Bara polisens", classification: "restricted", organisations: [] }, { name: "egen.txt", data: text("egen lägesbild") });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const seen = async (actor: Actor) => {
      const page = await getDocumentPage(actor, created.id);
      return page ? { owner: page.document.organisationName, shared: page.shared.map((o) => o.name) } : null;
    };
    const named = { owner: "Polismyndigheten", shared: [] };
    expect(await seen(police)).toEqual(named);
    expect(await seen(coordinator)).toEqual(named);
    expect(await seen(karin)).toBeNull();
    expect(await seen(sofia)).toBeNull();
    // Listed organisations are named to everyone who sees the document, the listed ones included.
    const page = (await getDocumentPage(police, created.id))!;
    const base = { title: page.document.title, description: "", registrationNumber: "", classification: "restricted" as const, secrecyReference: "" };
    expect(await updateMetadata(police, created.id, { ...base, organisations: [karin.organisationId] }, page.document.revision, meta)).toEqual({ ok: true });
    const withKarin = { owner: "Polismyndigheten", shared: ["Socialstyrelsen"] };
    expect(await seen(karin)).toEqual(withKarin);
    expect(await seen(coordinator)).toEqual(withKarin);
    expect(await seen(sofia)).toBeNull();
  });

  it("link to updates and meetings, shown on both sides only to those who may see the document", async () => {
    const doc = await upload(police, { title: "Bilaga till mötet", classification: "restricted", organisations: [] }, { name: "bilaga.txt", data: text("bilaga") });
    if (!doc.ok) throw new Error("not created");
    const update = await createUpdate(police, { networks: [SLUG], title: "Med bilaga", body: "", kind: "progress", assignmentId: null }, meta);
    const meeting = await createMeeting(
      coordinator,
      SLUG,
      { title: "Möte med bilaga", description: "", place: "", onlineLink: "", durationMinutes: 60, mode: "fixed", startsAt: new Date(Date.now() + 86_400_000) },
      meta,
      "https://portal.example.se",
    );
    if (!update.ok || !meeting.ok) throw new Error("not created");
    expect(await linkDocument(sofia, doc.id, { postId: update.id }, meta)).toBe(false); // cannot see it
    expect(await linkDocument(police, doc.id, { postId: update.id }, meta)).toBe(true);
    expect(await linkDocument(coordinator, doc.id, { meetingId: meeting.meetingId }, meta)).toBe(true);
    // Not into another network's meeting, whose readers have nothing to do with this library.
    const elsewhere = await createMeeting(
      coordinator,
      "ideella-organisationer",
      { title: "Möte i ett annat nätverk", description: "", place: "", onlineLink: "", durationMinutes: 60, mode: "fixed", startsAt: new Date(Date.now() + 86_400_000) },
      meta,
      "https://portal.example.se",
    );
    if (!elsewhere.ok) throw new Error("not created");
    expect(await linkDocument(coordinator, doc.id, { meetingId: elsewhere.meetingId }, meta)).toBe(false);
    expect((await linkableDocuments(police, [SLUG])).find((d) => d.id === doc.id)).toMatchObject({ title: "Bilaga till mötet", networkSlug: SLUG });
    expect((await linkableDocuments(sofia, [SLUG])).map((d) => d.id)).not.toContain(doc.id);
    const page = (await getDocumentPage(police, doc.id))!;
    expect(page.linkedPosts.map((p) => p.title)).toEqual(["Med bilaga"]);
    expect(page.linkedMeetings.map((m) => m.title)).toEqual(["Möte med bilaga"]);
    expect((await linkedDocuments(police, { postId: update.id })).map((d) => d.id)).toEqual([doc.id]);
    expect(await linkedDocuments(sofia, { postId: update.id })).toEqual([]);
    expect(await linkedDocuments(sofia, { meetingId: meeting.meetingId })).toEqual([]);
  });

  it("go to the trash and come back within 30 days, by coordinators only; folders belong to their network", async () => {
    const created = await upload(police, { title: "Till papperskorgen", classification: "internal" }, { name: "p.txt", data: text("papper") });
    if (!created.ok) throw new Error("not created");
    expect(await trashDocument(sofia, created.id, meta)).toBe(false); // another organisation's document
    expect(await trashDocument(police, created.id, meta)).toBe(true);
    expect(await getDocumentPage(police, created.id)).toBeNull();
    expect(await listTrash(police, SLUG)).toBeNull();
    expect((await listTrash(coordinator, SLUG))!.documents.map((d) => d.id)).toContain(created.id);
    expect(await restoreFromTrash(coordinator, SLUG, created.id, meta, new Date(Date.now() + 31 * 86_400_000))).toBe(false);
    expect(await restoreFromTrash(coordinator, SLUG, created.id, meta)).toBe(true);
    expect(await getDocumentPage(police, created.id)).not.toBeNull();

    const folder = await createFolder(police, SLUG, null, "Rapporter", meta);
    expect(folder.ok).toBe(true);
    expect(await createFolder(police, SLUG, null, "rapporter", meta)).toMatchObject({ ok: false, message: "library.errors.folderExists" });
    expect(await createFolder(police, SLUG, null, "../etc", meta)).toMatchObject({ ok: false, message: "library.errors.badName" });
    if (!folder.ok) return;
    // The folder id used with another network is unknown there.
    expect(await getLibraryPage(ngo, "ideella-organisationer", folder.id)).toBeNull();
    expect(await createFolder(ngo, "ideella-organisationer", folder.id, "Inuti", meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await uploadNewDocument(multipart({ title: "x", folder: folder.id }, { name: "x.txt", data: text("x") }), ngo, "ideella-organisationer", meta)).toMatchObject({
      ok: false,
      status: 404,
    });
    expect((await readdir(root, { recursive: true })).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe.skipIf(skipClamd)("virus scanning with clamd", () => {
  let clamd: TestClamd;
  let root: string;
  const infected = Buffer.from(`NP-LIBRARY-EICAR-LIKE-${randomBytes(12).toString("hex")}\n`);
  beforeAll(async () => {
    clamd = await startClamd(infected);
    root = await mkdtemp(path.join(os.tmpdir(), "np-lib-scan-"));
    setStorage(fsStorage(root));
  });
  afterAll(async () => {
    delete process.env.CLAMD_SOCKET;
    setStorage(null);
    await clamd?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it("refuses an infected file, accepts a clean one, and fails closed when the scanner is down", async () => {
    process.env.CLAMD_SOCKET = clamd.socket;
    const before = await rowCount();
    expect(await upload(police, { title: "Smittad" }, { name: "smittad.txt", data: infected })).toMatchObject({ ok: false, status: 422, error: "infected" });
    const clean = await upload(police, { title: "Ren" }, { name: "ren.txt", data: text("helt vanlig text") });
    expect(clean.ok).toBe(true);
    if (clean.ok) expect((await getDocumentPage(police, clean.id))!.versions[0]!.scan).toBe("clean");
    process.env.CLAMD_SOCKET = path.join(root, "no-such.sock");
    expect(await upload(police, { title: "Utan skanner" }, { name: "u.txt", data: text("text") })).toMatchObject({ ok: false, status: 503, error: "scanner_unavailable" });
    expect(await rowCount()).toBe(before + 1);
    const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
    expect(files).toHaveLength(1);
  });
});

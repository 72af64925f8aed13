/**
 * Demo library for Myndighetsnätverket: two folders and a few short documents (invented
 * text) written to the configured storage, so that the library and search have something
 * to show. Runs once: skipped when the network already has documents.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "./client";
import { documentAccess, documents, documentVersions, folders, networks, organisations, users } from "./schema/index";
import type { Storage } from "../app/lib/storage.server";

interface SeedDocument {
  folder: string | null;
  title: string;
  fileName: string;
  owner: string;
  uploader: string;
  classification: "open" | "internal" | "restricted";
  registrationNumber?: string;
  sharedWith?: string[];
  secrecyReference?: string;
  text: string;
}

const library: SeedDocument[] = [
  {
    folder: "Handlingsplaner",
    title: "Nationell handlingsplan – sammanfattning för nätverket",
    fileName: "handlingsplan-sammanfattning.md",
    owner: "Länsstyrelsen Östergötland",
    uploader: "samordnare@example.org",
    classification: "open",
    registrationNumber: "LST-ÖG 2026-001",
    text: "# Handlingsplan mot hedersrelaterat våld och förtryck\n\nSammanfattning av de insatser som myndigheterna i nätverket ansvarar för: förebyggande arbete i skolan, stöd till utsatta, utbildning av yrkesverksamma och uppföljning.\n",
  },
  {
    folder: "Handlingsplaner",
    title: "Polismyndighetens handlingsplan 2026",
    fileName: "polisen-handlingsplan-2026.txt",
    owner: "Polismyndigheten",
    uploader: "polisen@example.org",
    classification: "internal",
    registrationNumber: "A123.456/2026",
    text: "Polismyndighetens handlingsplan för arbetet mot brott med hedersmotiv 2026: utbildning av förundersökningsledare, regionala samordnare och samverkan med socialtjänsten.\n",
  },
  {
    folder: "Mötesunderlag",
    title: "Underlag inför nätverksmötet",
    fileName: "underlag-natverksmote.md",
    owner: "Länsstyrelsen Östergötland",
    uploader: "samordnare@example.org",
    classification: "internal",
    text: "Underlag: lägesrapporter från myndigheterna, erfarenheter från sommarlovet och planering av nästa års gemensamma utbildningsdag.\n",
  },
  {
    folder: null,
    title: "Sammanställning av skyddsärenden (begränsad)",
    fileName: "skyddsarenden.csv",
    owner: "Socialstyrelsen",
    uploader: "karin.wallin@example.org",
    classification: "restricted",
    sharedWith: ["Polismyndigheten"],
    secrecyReference: "OSL 26 kap. 1 §",
    text: "län;antal ärenden;varav barn\nÖstergötland;12;5\nDalarna;7;3\n",
  },
];

export async function seedLibrary(db: Database, storage: Storage): Promise<number> {
  const [network] = await db.select({ id: networks.id }).from(networks).where(eq(networks.slug, "myndighetsnatverket"));
  if (!network) return 0;
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(documents).where(eq(documents.networkId, network.id));
  if ((existing?.n ?? 0) > 0) return 0;
  const orgId = async (name: string) => (await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)))[0]?.id;
  const userId = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
  const folderIds = new Map<string, string>();
  let created = 0;
  for (const d of library) {
    const owner = await orgId(d.owner);
    const uploader = await userId(d.uploader);
    if (!owner || !uploader) continue;
    let folderId: string | null = null;
    if (d.folder) {
      folderId = folderIds.get(d.folder) ?? null;
      if (!folderId) {
        const [f] = await db.insert(folders).values({ networkId: network.id, name: d.folder, createdBy: uploader }).returning({ id: folders.id });
        folderId = f!.id;
        folderIds.set(d.folder, folderId);
      }
    }
    const id = randomUUID();
    const key = `objects/${id.slice(0, 2)}/${id}`;
    const bytes = Buffer.from(d.text, "utf8");
    const stored = await storage.put(key, Readable.from([bytes]), { maxBytes: bytes.length });
    const mime = d.fileName.endsWith(".csv") ? "text/csv; charset=utf-8" : d.fileName.endsWith(".md") ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8";
    await db.transaction(async (tx) => {
      const [doc] = await tx
        .insert(documents)
        .values({
          networkId: network.id,
          folderId,
          title: d.title,
          organisationId: owner,
          registrationNumber: d.registrationNumber ?? "",
          classification: d.classification,
          secrecyReference: d.secrecyReference ?? "",
          contentText: d.text,
          createdBy: uploader,
        })
        .returning({ id: documents.id });
      await tx.insert(documentVersions).values({
        documentId: doc!.id,
        number: 1,
        storageKey: key,
        fileName: d.fileName,
        mimeType: mime,
        size: stored.size,
        sha256: stored.sha256,
        scan: "not_scanned",
        extractedText: d.text,
        uploadedBy: uploader,
      });
      for (const name of d.sharedWith ?? []) {
        const shared = await tx.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.name, name)));
        if (shared[0]) await tx.insert(documentAccess).values({ documentId: doc!.id, organisationId: shared[0].id });
      }
    });
    created++;
  }
  return created;
}

/**
 * Uploads as the pages and the API receive them: permission first (a 404 before a byte
 * is stored), then the streamed upload, then the row. If the row cannot be written the
 * stored file is removed, so a failure leaves neither.
 */
import type { Actor } from "~/auth/policy";
import { discardUpload, receiveUpload, UploadRejected } from "~/lib/upload.server";
import { addVersion, CLASSIFICATIONS, type Classification, createDocument, libraryNetwork, mayChangeDocument } from "./library.server";

type Meta = { ip: string; userAgent: string | null };
export type UploadOutcome = { ok: true; id: string; version: number } | { ok: false; status: number; error: string; field?: string };

const first = (fields: Record<string, string[]>, name: string) => fields[name]?.[0] ?? "";

function titleFromFileName(name: string): string {
  const dot = name.lastIndexOf(".");
  return (dot > 0 ? name.slice(0, dot) : name).replace(/[_]+/g, " ").trim() || name;
}

async function receive(request: Request): Promise<Awaited<ReturnType<typeof receiveUpload>> | UploadOutcome> {
  try {
    const received = await receiveUpload(request);
    // A NUL character cannot be stored in text: refused here rather than by the database with a 500 (found by wapiti).
    if (Object.values(received.fields).some((values) => values.some((v) => v.includes("\0")))) {
      await discardUpload(received.file);
      return { ok: false, status: 400, error: "bad_request" };
    }
    return received;
  } catch (error) {
    if (error instanceof UploadRejected) return { ok: false, status: error.status, error: error.reason };
    throw error;
  }
}

export async function uploadNewDocument(request: Request, actor: Actor, slug: string, meta: Meta): Promise<UploadOutcome> {
  const network = await libraryNetwork(actor, slug);
  if (!network || !network.mayUpload) return { ok: false, status: 404, error: "not_found" };
  const received = await receive(request);
  if ("ok" in received) return received;
  const { fields, file } = received;
  const classification = (first(fields, "classification") || "internal") as Classification;
  const outcome = await createDocument(
    actor,
    slug,
    {
      title: first(fields, "title").trim() || titleFromFileName(file.fileName),
      description: first(fields, "description"),
      registrationNumber: first(fields, "registrationNumber"),
      classification: CLASSIFICATIONS.includes(classification) ? classification : ("invalid" as Classification),
      secrecyReference: first(fields, "secrecyReference"),
      organisations: (fields.organisations ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean),
      folderId: first(fields, "folder") || null,
    },
    file,
    meta,
  );
  if (!outcome.ok) {
    await discardUpload(file);
    if (outcome.reason === "not_found") return { ok: false, status: 404, error: "not_found" };
    return { ok: false, status: 400, error: outcome.message, field: outcome.field };
  }
  return { ok: true, id: outcome.id, version: outcome.version };
}

export async function uploadNewVersion(request: Request, actor: Actor, documentId: string, meta: Meta): Promise<UploadOutcome> {
  if (!(await mayChangeDocument(actor, documentId))) return { ok: false, status: 404, error: "not_found" };
  const received = await receive(request);
  if ("ok" in received) return received;
  const outcome = await addVersion(actor, documentId, received.file, meta);
  if (!outcome.ok) {
    await discardUpload(received.file);
    return { ok: false, status: 404, error: "not_found" };
  }
  return { ok: true, id: outcome.id, version: outcome.version };
}

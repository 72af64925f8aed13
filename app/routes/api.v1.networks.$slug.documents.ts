/**
 * GET  /api/v1/networks/<slug>/documents?q=…&folder=… — the documents the caller may see.
 * POST /api/v1/networks/<slug>/documents — multipart: file, title, classification,
 *      optional folder, registrationNumber, organisations (restricted), description.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiError, requireApiActor } from "~/auth/api.server";
import { requestMeta } from "~/models/audit.server";
import { apiDocument, listDocumentsForApi } from "~/models/library.server";
import { uploadNewDocument } from "~/models/library-upload.server";
import { uploadErrorMessage } from "~/models/api-messages.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireApiActor(request, context);
  const search = new URL(request.url).searchParams;
  const documents = await listDocumentsForApi(actor, params.slug ?? "", { q: search.get("q") ?? undefined, folder: search.get("folder") ?? undefined });
  if (!documents) return apiError(404, "not_found", "No such network among yours, or no such folder in it.");
  return Response.json({ documents }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST to upload a document.");
  const actor = await requireApiActor(request, context);
  const outcome = await uploadNewDocument(request, actor, params.slug ?? "", requestMeta(request, context));
  if (!outcome.ok) return apiError(outcome.status, outcome.error.replace(/^.*\./, ""), uploadErrorMessage(outcome.error), outcome.field ? { field: outcome.field } : {});
  const document = await apiDocument(actor, outcome.id);
  return Response.json(document, { status: 201, headers: { Location: `/documents/${outcome.id}`, "Cache-Control": "no-store" } });
}

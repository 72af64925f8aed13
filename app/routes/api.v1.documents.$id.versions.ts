/** POST /api/v1/documents/<id>/versions — multipart with `file`: a new current version. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, requireApiActor } from "~/auth/api.server";
import { requestMeta } from "~/models/audit.server";
import { apiDocument } from "~/models/library.server";
import { uploadNewVersion } from "~/models/library-upload.server";
import { uploadErrorMessage } from "~/models/api-messages.server";

export function loader() {
  return apiError(405, "method_not_allowed", "Use POST to upload a version.");
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST to upload a version.");
  const actor = await requireApiActor(request, context);
  const outcome = await uploadNewVersion(request, actor, params.id ?? "", requestMeta(request, context));
  if (!outcome.ok) return apiError(outcome.status, outcome.error.replace(/^.*\./, ""), uploadErrorMessage(outcome.error));
  return Response.json(await apiDocument(actor, outcome.id), { status: 201, headers: { "Cache-Control": "no-store" } });
}

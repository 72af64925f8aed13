/** GET /api/v1/documents/<id>/content — the current version's bytes (HTTP ranges work). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiActor } from "~/auth/api.server";
import { requestMeta } from "~/models/audit.server";
import { serveDocument } from "~/models/download.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireApiActor(request, context);
  const response = await serveDocument(request, actor, params.id ?? "", new URL(request.url).searchParams.get("version"), requestMeta(request, context));
  if (response.status === 404) return Response.json({ error: "not_found", message: "No such document." }, { status: 404, headers: { "Cache-Control": "no-store" } });
  return response;
}

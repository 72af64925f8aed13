/** The browser's upload of a new version of a document. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { requestMeta } from "~/models/audit.server";
import { uploadNewVersion } from "~/models/library-upload.server";
import { methodNotAllowed } from "~/lib/method.server";

/** Uploads are POSTs; a GET here (a bookmarked or retyped address) gets 405, not an error. */
export function loader() {
  return methodNotAllowed("POST");
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const id = params.id ?? "";
  const outcome = await uploadNewVersion(request, actorOf(session.user), id, requestMeta(request, context));
  const wantsJson = (request.headers.get("Accept") ?? "").includes("application/json");
  if (outcome.ok) return wantsJson ? Response.json({ id, url: `/documents/${id}` }, { status: 201 }) : redirect(`/documents/${id}`);
  if (outcome.status === 404) throw new Response("Not found", { status: 404 });
  if (wantsJson) return Response.json({ error: outcome.error }, { status: outcome.status });
  return redirect(`/documents/${id}?error=${encodeURIComponent(outcome.error)}`);
}

/** The browser's upload of a new document: JSON for the progress-bar form, redirects without JavaScript. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { requestMeta } from "~/models/audit.server";
import { uploadNewDocument } from "~/models/library-upload.server";
import { methodNotAllowed } from "~/lib/method.server";

/** Uploads are POSTs; a GET here (a bookmarked or retyped address) gets 405, not an error. */
export function loader() {
  return methodNotAllowed("POST");
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const slug = params.slug ?? "";
  const outcome = await uploadNewDocument(request, actorOf(session.user), slug, requestMeta(request, context));
  const wantsJson = (request.headers.get("Accept") ?? "").includes("application/json");
  if (outcome.ok) {
    const url = `/documents/${outcome.id}`;
    return wantsJson ? Response.json({ id: outcome.id, url }, { status: 201 }) : redirect(url);
  }
  if (outcome.status === 404) throw new Response("Not found", { status: 404 });
  const error = outcome.error.startsWith("library.errors.") ? outcome.error.slice("library.errors.".length) : outcome.error.includes(".") ? "bad_request" : outcome.error;
  if (wantsJson) return Response.json({ error }, { status: outcome.status });
  return redirect(`/networks/${slug}/library?error=${encodeURIComponent(error)}`);
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { requestMeta } from "~/models/audit.server";
import { serveDocument } from "~/models/download.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  return serveDocument(request, actorOf(session.user), params.id ?? "", new URL(request.url).searchParams.get("version"), requestMeta(request, context));
}

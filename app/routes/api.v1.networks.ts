/** GET /api/v1/networks — the caller's networks (and groups) with their slugs. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiActor } from "~/auth/api.server";
import { listNetworksForActor } from "~/models/networks.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireApiActor(request, context);
  const top = await listNetworksForActor(actor);
  const flat = top.flatMap((n) => [n, ...n.groups]).map((n) => ({ slug: n.slug, name: n.name, kind: n.kind, parent: n.parentId ? top.find((p) => p.id === n.parentId)?.slug ?? null : null }));
  return Response.json({ networks: flat }, { headers: { "Cache-Control": "no-store" } });
}

import type { AppLoadContext } from "@remix-run/node";
import { requireSession } from "./guard.server";

/** Platform admins only; everyone else signed in gets 404, so nothing reveals the page exists. */
export async function requirePlatformAdmin(request: Request, context: AppLoadContext) {
  const session = await requireSession(request, context);
  if (!session.user.isPlatformAdmin) throw new Response("Not found", { status: 404 });
  return session;
}

/**
 * Who is calling the API: a personal access token (`Authorization: Bearer …`) or, from
 * the portal's own pages, the session cookie (the Origin check in the server guards
 * writes). With an Authorization header the cookie is ignored, so a token request can
 * never ride on someone's browser session.
 */
import type { AppLoadContext } from "@remix-run/node";
import { authenticateApiToken } from "./api-tokens.server";
import { getSession } from "./guard.server";
import { actorOf, type Actor } from "./policy";

export function apiError(status: number, error: string, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, message, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
}

export async function requireApiActor(request: Request, context: AppLoadContext): Promise<Actor> {
  const header = request.headers.get("Authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match ? await authenticateApiToken(match[1]!) : null;
    if (!actor) throw apiError(401, "unauthorized", "The access token is missing, revoked or not valid.");
    return actor;
  }
  const session = await getSession(request, context);
  if (!session || session.mfaPending || (session.user.mfaRequired && !session.user.mfaEnabled)) {
    throw apiError(401, "unauthorized", "Sign in, or send a personal access token as 'Authorization: Bearer <token>'.");
  }
  return actorOf(session.user);
}

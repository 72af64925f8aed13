import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { actorOf } from "~/auth/policy";
import { clearSessionCookie, getSession } from "~/auth/guard.server";
import { invalidateSession } from "~/auth/session.server";
import { requestMeta } from "~/models/audit.server";
import { recordSignOut } from "~/models/users.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await getSession(request, context);
  if (session) {
    await invalidateSession(session.id);
    await recordSignOut(actorOf(session.user), session.id, requestMeta(request, context));
  }
  throw redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getSession, safeRedirect } from "~/auth/guard.server";
import { isLocale } from "~/i18n/config";
import { localeCookie } from "~/i18n/locale.server";
import { setLocale } from "~/models/users.server";

export async function loader() {
  return redirect("/");
}

/** Remembers the language in a cookie and, for a signed-in person, in their profile. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  if (!isLocale(locale)) throw new Response("Unknown language", { status: 400 });
  const session = await getSession(request, context);
  if (session) await setLocale(session.user.id, locale);
  throw redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": localeCookie(locale) } });
}

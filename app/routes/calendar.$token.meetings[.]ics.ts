import type { LoaderFunctionArgs } from "@remix-run/node";
import { appOrigin } from "~/lib/origin.server";
import { feedCalendar } from "~/models/calendar-feed.server";

/** A calendar subscription: the secret in the URL is the only credential. */
export async function loader({ params }: LoaderFunctionArgs) {
  const ics = await feedCalendar(params.token ?? "", appOrigin());
  if (!ics) throw new Response("Not found", { status: 404 });
  return new Response(ics, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" },
  });
}

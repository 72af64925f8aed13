import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { appOrigin } from "~/lib/origin.server";
import { meetingIcs } from "~/models/meetings.server";

/** The meeting as an iCalendar file, for those who may see it. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const ics = await meetingIcs(actorOf(session.user), params.id ?? "", appOrigin());
  if (!ics) throw new Response("Not found", { status: 404 });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mote.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}

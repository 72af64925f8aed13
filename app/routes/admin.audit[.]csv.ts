import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePlatformAdmin } from "~/auth/admin.server";
import { actorOf } from "~/auth/policy";
import { toCsv } from "~/lib/csv.server";
import { audit, requestMeta } from "~/models/audit.server";
import { auditFilterFrom, exportAuditEvents } from "~/models/audit-log.server";

/** The filtered audit log as CSV; the export itself is audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requirePlatformAdmin(request, context);
  const actor = actorOf(session.user);
  const filter = auditFilterFrom(new URL(request.url).searchParams);
  const rows = (await exportAuditEvents(actor, filter)) ?? [];
  await audit({
    action: "audit.exported",
    actor,
    ...requestMeta(request, context),
    details: { rows: rows.length, person: filter.person, organisationId: filter.organisationId, action: filter.action },
  });
  const csv = toCsv(
    ["time", "actor_email", "actor_organisation", "action", "target_type", "target_id", "ip", "user_agent", "details"],
    rows.map((r) => [r.at.toISOString(), r.actorEmail, r.organisationName, r.action, r.targetType, r.targetId, r.ip, r.userAgent, r.details]),
  );
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="granskningslogg-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

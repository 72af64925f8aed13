import { auditEvents } from "../../db/schema/index";
import { type Database, db } from "~/lib/db.server";

export interface AuditEntry {
  action: string;
  actor?: { userId: string; organisationId: string } | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one event; the table refuses updates and deletes (see migrations). Inside a
 * transaction pass it as `executor`, so the event commits (or not) with the change it
 * records — and so that PGlite, which runs one transaction at a time, does not wait on itself.
 */
export async function audit(entry: AuditEntry, executor: Pick<Database, "insert"> = db): Promise<void> {
  await executor.insert(auditEvents).values({
    action: entry.action,
    actorUserId: entry.actor?.userId ?? null,
    actorOrganisationId: entry.actor?.organisationId ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent?.slice(0, 512) ?? null,
    details: entry.details ?? null,
  });
}

/** Who did it and from where, from the request. */
export function requestMeta(request: Request, context: { ip: string }) {
  return { ip: context.ip, userAgent: request.headers.get("User-Agent") };
}

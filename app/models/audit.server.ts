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

// Control characters (CR, LF, …) could forge lines in logs and exports; secrets never belong here.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;
const SECRET_KEY = /pass|token|secret|code|cookie|hash/i;

function clean(value: string | null | undefined, max = 512): string | null {
  return value == null ? null : value.replace(CONTROL, " ").slice(0, max);
}

export function sanitiseDetails(details: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!details) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (SECRET_KEY.test(key)) continue;
    out[clean(key, 100)!] = typeof value === "string" ? clean(value, 1000) : value;
  }
  return out;
}

/**
 * Appends one event; the table refuses updates and deletes (see migrations). Inside a
 * transaction pass it as `executor`, so the event commits (or not) with the change it
 * records — and so that PGlite, which runs one transaction at a time, does not wait on itself.
 */
export async function audit(entry: AuditEntry, executor: Pick<Database, "insert"> = db): Promise<void> {
  await executor.insert(auditEvents).values({
    action: clean(entry.action, 100)!,
    actorUserId: entry.actor?.userId ?? null,
    actorOrganisationId: entry.actor?.organisationId ?? null,
    targetType: clean(entry.targetType),
    targetId: clean(entry.targetId),
    ip: clean(entry.ip, 100),
    userAgent: clean(entry.userAgent),
    details: sanitiseDetails(entry.details),
  });
}

/** Who did it and from where, from the request. */
export function requestMeta(request: Request, context: { ip: string }) {
  return { ip: context.ip, userAgent: request.headers.get("User-Agent") };
}

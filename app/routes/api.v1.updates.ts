/**
 * POST /api/v1/updates — an agency's system posts a mission update for the caller's
 * organisation. JSON in, JSON out; errors are JSON with `error` and a readable `message`.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiError, requireApiActor } from "~/auth/api.server";
import { appOrigin } from "~/lib/origin.server";
import { BODY_MAX_BYTES, TITLE_MAX, UPDATE_KINDS } from "~/lib/post-kinds";
import { readLimitedText } from "~/lib/request-body.server";
import { requestMeta } from "~/models/audit.server";
import { apiUpdate, createUpdate } from "~/models/posts.server";

// Room for a 100 kB body, a title and JSON escaping; anything larger is refused unread.
const REQUEST_LIMIT = BODY_MAX_BYTES * 2 + 16_384;

const Body = z.object({
  network: z.union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).min(1).max(50)]),
  title: z.string(),
  body: z.string().default(""),
  kind: z.enum(UPDATE_KINDS).default("progress"),
  assignment: z.string().max(100).nullish(),
});

const MESSAGES: Record<string, string> = {
  "validation.required": "The title must not be empty.",
  [`validation.tooLong|${TITLE_MAX}`]: `The title is too long (at most ${TITLE_MAX} characters).`,
  "updates.errors.bodyTooLarge": `The body is too large (at most ${BODY_MAX_BYTES} bytes of UTF-8).`,
};

export async function loader() {
  return apiError(405, "method_not_allowed", "Use POST to publish an update.");
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST to publish an update.");
  const actor = await requireApiActor(request, context);
  if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("application/json")) {
    return apiError(415, "unsupported_media_type", "Send the update as JSON with 'Content-Type: application/json'.");
  }
  const read = await readLimitedText(request, REQUEST_LIMIT);
  if (!read.ok) return apiError(413, "too_large", `The request is too large; the body may be at most ${BODY_MAX_BYTES} bytes.`);
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch {
    return apiError(400, "invalid_json", "The request body is not valid JSON.");
  }
  const parsed = Body.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return apiError(400, "invalid", `Field '${issue.path.join(".") || "(body)"}': ${issue.message}`, { field: issue.path[0] ?? null });
  }
  const v = parsed.data;
  if (Buffer.byteLength(v.body, "utf8") > BODY_MAX_BYTES) return apiError(413, "too_large", MESSAGES["updates.errors.bodyTooLarge"]!, { field: "body" });
  const outcome = await createUpdate(
    actor,
    { networks: [v.network].flat(), title: v.title, body: v.body, kind: v.kind, assignmentId: v.assignment ?? null },
    requestMeta(request, context),
  );
  if (!outcome.ok) {
    if (outcome.reason === "not_found") {
      return apiError(404, "not_found", "No such network among your organisation's, or no such assignment of your organisation.");
    }
    return apiError(400, "invalid", MESSAGES[outcome.message] ?? outcome.message, { field: outcome.field });
  }
  const created = await apiUpdate(outcome.id, appOrigin());
  return Response.json(created, { status: 201, headers: { Location: `/updates/${outcome.id}`, "Cache-Control": "no-store" } });
}

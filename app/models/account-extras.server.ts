/** The account page's digest and API-token forms: intents handled beside the profile and password. */
import { eq } from "drizzle-orm";
import { data } from "@remix-run/node";
import { users } from "../../db/schema/index";
import { createApiToken, listApiTokens, revokeApiToken } from "~/auth/api-tokens.server";
import type { Actor } from "~/auth/policy";
import { db } from "~/lib/db.server";
import { requestDigestNow, setDigestFrequency } from "./digest.server";

type Meta = { ip: string; userAgent: string | null };
const FREQUENCIES = ["off", "daily", "weekly"] as const;

export async function accountExtras(actor: Actor) {
  const [[row], tokens] = await Promise.all([
    db.select({ digest: users.digest }).from(users).where(eq(users.id, actor.userId)),
    listApiTokens(actor),
  ]);
  return { digest: row?.digest ?? "weekly", tokens };
}

export type ExtrasResult =
  | { intent: "digest" | "digestNow" | "revokeToken"; ok: boolean; error?: string; token?: undefined }
  | { intent: "createToken"; ok: boolean; error?: string; token?: string };

/** Handles the intent when it is one of these; null otherwise. */
export async function handleAccountExtras(intent: FormDataEntryValue | null, form: FormData, actor: Actor, meta: Meta) {
  switch (intent) {
    case "digest": {
      const value = form.get("digest");
      if (!FREQUENCIES.includes(value as never)) return data<ExtrasResult>({ intent, ok: false, error: "validation.invalidChoice" }, { status: 400 });
      await setDigestFrequency(actor, value as (typeof FREQUENCIES)[number]);
      return data<ExtrasResult>({ intent, ok: true });
    }
    case "digestNow":
      await requestDigestNow(actor);
      return data<ExtrasResult>({ intent, ok: true });
    case "createToken": {
      const name = String(form.get("name") ?? "").trim();
      if (!name) return data<ExtrasResult>({ intent, ok: false, error: "validation.required" }, { status: 400 });
      if (name.length > 100) return data<ExtrasResult>({ intent, ok: false, error: "validation.tooLong|100" }, { status: 400 });
      const created = await createApiToken(actor, name, meta);
      if (!created.ok) return data<ExtrasResult>({ intent, ok: false, error: "tokens.tooMany" }, { status: 400 });
      return data<ExtrasResult>({ intent, ok: true, token: created.token });
    }
    case "revokeToken": {
      const ok = await revokeApiToken(actor, String(form.get("id") ?? ""), meta);
      if (!ok) throw new Response("Not found", { status: 404 });
      return data<ExtrasResult>({ intent, ok: true });
    }
    default:
      return null;
  }
}

/**
 * NIST SP 800-63B passwords: long enough, never truncated, no composition rules, and
 * not a common password or one built from the person's own context.
 */
import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// About 49,000 passwords seen in breaches, shipped with @zxcvbn-ts/language-common.
const COMMON = new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
const PORTAL_WORDS = ["natverksportalen", "natverksportal", "portalen", "hedersfortryck", "lansstyrelsen"];

export type PasswordProblem =
  | "passwordPolicy.tooShort"
  | "passwordPolicy.tooLong"
  | "passwordPolicy.common"
  | "passwordPolicy.context"
  | "passwordPolicy.repetitive";

function fold(value: string): string {
  return value
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]/g, "");
}

/** Counts code points, so that "å" or an emoji is one character, as the person sees it. */
function length(value: string): number {
  return [...value].length;
}

/** Null when the password may be used, else the reason (a message key). */
export function checkNewPassword(password: string, context: { name?: string; email?: string } = {}): PasswordProblem | null {
  const n = length(password);
  if (n < PASSWORD_MIN_LENGTH) return "passwordPolicy.tooShort";
  if (n > PASSWORD_MAX_LENGTH) return "passwordPolicy.tooLong";

  const lower = password.toLowerCase();
  const folded = fold(password);
  // A common password, or one padded with digits and punctuation ("password123!").
  const core = lower.replace(/[^\p{L}]+$/u, "").replace(/^[^\p{L}]+/u, "");
  if (COMMON.has(lower) || COMMON.has(folded) || (core.length >= 4 && COMMON.has(core))) return "passwordPolicy.common";
  if (new Set(folded).size <= 2) return "passwordPolicy.repetitive";

  // Built mostly from the person's own name, address or the portal's name.
  const words = [
    ...(context.name ?? "").split(/\s+/),
    context.name ?? "",
    ...(context.email ?? "").split("@")[0]!.split(/[._+-]/),
    (context.email ?? "").split("@")[0]!,
    context.email ?? "",
    ...PORTAL_WORDS,
  ]
    .map(fold)
    .filter((w) => w.length >= 3);
  let rest = folded;
  for (const word of [...new Set(words)].sort((a, b) => b.length - a.length)) rest = rest.split(word).join("");
  if (rest.length < folded.length && rest.replace(/[0-9]/g, "").length < 6) return "passwordPolicy.context";
  return null;
}

import { createHash, randomBytes } from "node:crypto";

/** A secret for a link (invitation, password reset): 256 bits, URL-safe. */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this is stored: a database leak must not yield working links. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.server";
import { checkNewPassword } from "./password-policy.server";

const person = { name: "Karin Wallin", email: "karin.wallin@example.org" };

describe("checkNewPassword (NIST SP 800-63B)", () => {
  it.each([
    ["short", "elva tecken", "passwordPolicy.tooShort"],
    ["too long", "x".repeat(257), "passwordPolicy.tooLong"],
    ["common", "password1234", "passwordPolicy.common"],
    ["common with padding", "iloveyou2026!", "passwordPolicy.common"],
    ["common, other case", "QWERTYUIOP123", "passwordPolicy.common"],
    ["repetitive", "aaaaaaaaaaaaaa", "passwordPolicy.repetitive"],
    ["the person's name", "KarinWallin2026", "passwordPolicy.context"],
    ["the e-mail address", "karin.wallin@example.org", "passwordPolicy.context"],
    ["the portal's name", "Nätverksportalen!!", "passwordPolicy.context"],
  ])("refuses a %s password", (_label, password, reason) => {
    expect(checkNewPassword(password, person)).toBe(reason);
  });

  it.each([
    "korrekt häst batteri häftklammer",
    "mötet i Linköping blir i höst",
    "tolv tecken!",
    "ÅÄÖåäöÅÄÖåäö1",
  ])("accepts %j without composition rules", (password) => {
    expect(checkNewPassword(password, person)).toBeNull();
  });

  it("counts characters as people see them, not bytes", () => {
    expect(checkNewPassword("åäöåäöåäöåäx", person)).toBeNull(); // 12 characters, 21 bytes
    expect(checkNewPassword("🙂".repeat(11), person)).toBe("passwordPolicy.tooShort");
  });

  it("accepts 256 characters and never truncates: a 100-character password differing at character 80 does not match", async () => {
    const long = "ett långt lösenord för nätverket ".repeat(8).slice(0, 256);
    expect(checkNewPassword(long, person)).toBeNull();
    const a = "a-long-passphrase-".repeat(6).slice(0, 100);
    const b = a.slice(0, 79) + (a[79] === "x" ? "y" : "x") + a.slice(80);
    expect(b).toHaveLength(100);
    expect(b).not.toBe(a);
    const hash = await hashPassword(a);
    expect(await verifyPassword(hash, a)).toBe(true);
    expect(await verifyPassword(hash, b)).toBe(false);
  });
});

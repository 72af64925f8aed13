/** Settings read from the environment once; every one is listed in the README. */
function minutes(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export const config = {
  sessionIdleMs: minutes("SESSION_IDLE_MINUTES", 120) * 60_000,
  sessionAbsoluteMs: minutes("SESSION_ABSOLUTE_HOURS", 12) * 3_600_000,
  /** Failed sign-ins per account within the window before it is throttled. */
  loginMaxFailuresPerAccount: minutes("LOGIN_MAX_FAILURES_PER_ACCOUNT", 5),
  /** Failed sign-ins per client address within the window. */
  loginMaxFailuresPerAddress: minutes("LOGIN_MAX_FAILURES_PER_ADDRESS", 30),
  loginWindowMs: minutes("LOGIN_WINDOW_MINUTES", 15) * 60_000,
  /** The first block; each further failure doubles it, up to the maximum. */
  loginBlockMs: minutes("LOGIN_BLOCK_MINUTES", 15) * 60_000,
  loginBlockMaxMs: minutes("LOGIN_BLOCK_MAX_MINUTES", 60) * 60_000,
} as const;

/**
 * Start-up configuration of the production build: a server in production on PostgreSQL
 * must be told its public origin (APP_ORIGIN), since links in mail are built from it and
 * never from a request's Host header; without it, or with one that is not an origin, it
 * refuses to start and says what to set.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { freePort, type LogLine, ROOT, testServerUrl } from "./harness";

const serverUrl = testServerUrl();

/** Runs `node build/index.js` until it exits (or 20 s pass) and gives its exit code and log lines. */
async function runUntilExit(env: Record<string, string>): Promise<{ code: number | null; lines: LogLine[]; output: string }> {
  const child = spawn(process.execPath, ["build/index.js"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(await freePort()), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (output += c.toString("utf8")));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once("close", (c) => resolve(c)));
  clearTimeout(timer);
  const lines = output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as LogLine);
  return { code, lines, output };
}

describe.skipIf(!serverUrl)("the public origin at start-up (production on PostgreSQL)", () => {
  it("refuses to start without APP_ORIGIN, naming the variable and an example", async () => {
    const { code, lines, output } = await runUntilExit({ DATABASE_URL: serverUrl });
    expect(code, output).toBe(1);
    const refusal = lines.find((l) => l.level === "error");
    expect(refusal?.msg).toMatch(/configuration incomplete/);
    expect(String(refusal?.error)).toMatch(/APP_ORIGIN is not set/);
    expect(String(refusal?.error)).toContain("APP_ORIGIN=https://portal.example.se");
    expect(lines.some((l) => l.msg === "listening")).toBe(false);
  });

  it("refuses an APP_ORIGIN that is not a bare origin", async () => {
    const { code, lines, output } = await runUntilExit({ DATABASE_URL: serverUrl, APP_ORIGIN: "https://portal.example.se/login" });
    expect(code, output).toBe(1);
    expect(String(lines.find((l) => l.level === "error")?.error)).toMatch(/APP_ORIGIN must be the portal's public origin/);
  });
});

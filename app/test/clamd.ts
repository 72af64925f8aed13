/**
 * A private clamd for tests (Debian's clamav-daemon), offline: its only signature is the
 * MD5 of a file the test chooses (`sigtool --md5`), so that file scans as infected.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pingScanner } from "~/lib/clamav.server";

export const CLAMD = "/usr/sbin/clamd";
export const SIGTOOL = "/usr/bin/sigtool";
export const haveClamd = existsSync(CLAMD) && existsSync(SIGTOOL);
export const SKIP_REASON = `${CLAMD} or ${SIGTOOL} not installed (apt-get install clamav-daemon); clamd tests skipped`;
/** In CI a missing clamd is a broken environment, not a reason to skip. */
export const skipClamd = !haveClamd && !process.env.CI;

export interface TestClamd {
  socket: string;
  stop(): Promise<void>;
}

export async function startClamd(infected: Uint8Array, infectedName = "np-clamav-test.txt"): Promise<TestClamd> {
  if (!haveClamd) throw new Error(`CI is set but ${SKIP_REASON}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "np-clamd-"));
  await mkdir(path.join(dir, "db"));
  await writeFile(path.join(dir, infectedName), infected);
  const signature = execFileSync(SIGTOOL, ["--md5", infectedName], { cwd: dir, encoding: "utf8" }).trim();
  await writeFile(path.join(dir, "db", "portal-test.hdb"), `${signature}\n`);
  const conf = path.join(dir, "clamd.conf");
  await writeFile(
    conf,
    [
      `LocalSocket ${dir}/clamd.sock`,
      `DatabaseDirectory ${dir}/db`,
      "Foreground yes",
      `LogFile ${dir}/clamd.log`,
      `PidFile ${dir}/clamd.pid`,
      `TemporaryDirectory ${dir}`,
      "StreamMaxLength 50M",
      "LocalSocketMode 660",
      "",
    ].join("\n"),
  );
  const started = Date.now();
  // stdout repeats the log; only stderr is worth keeping for diagnosis.
  const clamd: ChildProcess = spawn(CLAMD, [`--config-file=${conf}`], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  clamd.stderr?.on("data", (data: Buffer) => (stderr += data.toString()));
  const socket = path.join(dir, "clamd.sock");
  while (!(await pingScanner({ socket, timeoutMs: 1000 }))) {
    if (clamd.exitCode !== null || Date.now() - started > 60_000) {
      const log = await readFile(path.join(dir, "clamd.log"), "utf8").catch(() => "");
      throw new Error(`clamd did not start (exit ${clamd.exitCode}):\n${stderr}\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    socket,
    async stop() {
      if (clamd.exitCode === null && clamd.signalCode === null) {
        const exited = new Promise((resolve) => clamd.once("exit", resolve));
        clamd.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

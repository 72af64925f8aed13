/**
 * The process tests start `node build/index.js`: make sure it is the build of these
 * sources. `npm test` has just built it (test:e2e); run alone, the suite builds when
 * build/index.js is missing or older than a source file.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./harness";

const SOURCES = ["app", "db", "remix.config.js", "package-lock.json"];

function newestSource(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) {
    // Tests are not part of the build.
    if (child === "test" || /\.test\.tsx?$/.test(child)) continue;
    newest = Math.max(newest, newestSource(path.join(entry, child)));
  }
  return newest;
}

export default function setup() {
  const built = path.join(ROOT, "build", "index.js");
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((s) => newestSource(path.join(ROOT, s))));
  if (builtAt >= sourcesAt) return;
  console.log(builtAt ? "process tests: the build is older than the sources, building…" : "process tests: no build yet, building…");
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("remix build failed; the process tests need build/index.js");
}

// `npm start`: builds when the build is missing or older than the sources, then runs
// the compiled server (which migrates the database and listens on PORT).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// file-type and unpdf (document inspection and text extraction) need Node 22: say so
// plainly instead of failing later on an import.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Nätverksportalen needs Node 22.12 or newer; this is Node ${process.versions.node}.`);
  process.exit(1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const serverBuild = path.join(root, "build", "index.js");

function newestMtime(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

const built = fs.statSync(serverBuild, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sources = Math.max(
  ...["app", "db", "remix.config.js", "package-lock.json"].map((p) => newestMtime(path.join(root, p))),
);
if (built < sources) {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "building the portal" }));
  const result = spawnSync(path.join(root, "node_modules", ".bin", "remix"), ["build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
process.env.NODE_ENV ??= "production";
await import(pathToFileURL(serverBuild).href);

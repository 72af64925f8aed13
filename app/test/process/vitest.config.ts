/**
 * The process tests: faults (PostgreSQL restarted, the pool exhausted, SIGTERM, kill -9)
 * and two instances on one database, each against the production build started as
 * `node build/index.js`. They are a suite of their own, not part of `test:unit`, because
 * they need the build and take tens of seconds; `npm test` runs them last, right after
 * `test:e2e` has built, and `npm run test:process` runs them alone (building first when
 * the build is missing or older than the sources; see global-setup.ts). Files run one
 * after the other: each starts servers, and their timings should not fight over the CPU.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["app/test/process/*.test.ts"],
    globalSetup: ["app/test/process/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});

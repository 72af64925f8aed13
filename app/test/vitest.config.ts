import path from "node:path";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "bench/**/*.test.ts"],
    // The process tests need the production build: a suite of their own (test:process).
    exclude: [...configDefaults.exclude, "app/test/process/**"],
    globalSetup: ["app/test/global-setup.ts"],
    setupFiles: ["app/test/setup-database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

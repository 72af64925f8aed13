/**
 * The integration tests with the JavaScript clock moved to FAKE_NOW (see fake-clock.ts):
 *   FAKE_NOW=2031-06-01T10:00:00Z npx vitest run --config app/test/vitest.clock.config.ts <files>
 */
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

export default mergeConfig(base, defineConfig({ test: { setupFiles: ["app/test/fake-clock.ts"] } }));

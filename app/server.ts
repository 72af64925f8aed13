/**
 * The portal's HTTP server, compiled with the app into build/index.js (remix.config.js
 * `server`): prepares the database, starts the Express app (app/lib/http-app.server.ts),
 * the mail sender and the job runner, and shuts them down gracefully.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as build from "@remix-run/dev/server-build";
import { hashPassword } from "~/auth/password.server";
import { connection } from "~/lib/db.server";
import { log } from "~/lib/log.server";
import { startJobRunner } from "~/lib/jobs.server";
import { startMailSender } from "~/lib/mail.server";
import { ensureDigestSchedule } from "~/models/digest.server";
import { createApp } from "~/lib/http-app.server";
import { onUnhandledRejection } from "~/lib/unavailable.server";
import { originConfigProblem } from "~/lib/origin.server";
import { DEMO_PASSWORD, isEmpty, seed } from "../db/seed";
import { seedLibrary } from "../db/seed-library";
import { getStorage } from "~/lib/upload.server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const SHUTDOWN_GRACE_MS = 4000;

async function prepareDatabase() {
  const started = Date.now();
  await connection.migrate();
  // Demo data only ever goes into the embedded database by itself; a PostgreSQL
  // server is seeded only when someone runs `npm run db:seed`.
  if (connection.kind === "pglite" && process.env.SEED_DEMO_DATA !== "false" && (await isEmpty(connection.db))) {
    const counts = await seed(connection.db, await hashPassword(DEMO_PASSWORD));
    const documents = await seedLibrary(connection.db, getStorage());
    log.info("demo data seeded", { ...counts, documents });
  }
  log.info("database ready", { kind: connection.kind, ms: Date.now() - started });
}

async function main() {
  process.on("unhandledRejection", onUnhandledRejection);
  const problem = originConfigProblem(process.env, connection.kind);
  if (problem) {
    log.error("configuration incomplete: the portal does not start", { error: problem });
    process.exit(1);
  }
  await prepareDatabase();
  const server = createApp(build, { publicDir: path.join(ROOT, "public") }).listen(PORT, HOST, () => {
    log.info("listening", { url: `http://localhost:${PORT}`, pid: process.pid });
  });

  const stopMail = startMailSender();
  await ensureDigestSchedule().catch((error: unknown) => log.error("scheduling digests failed", { error: String(error) }));
  const stopJobs = startJobRunner();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    // Finish what is in flight, refuse new connections, then close the pool.
    server.close(async () => {
      await stopJobs().catch((error: unknown) => log.error("stopping jobs failed", { error: String(error) }));
      await stopMail().catch((error: unknown) => log.error("stopping mail failed", { error: String(error) }));
      await connection.close().catch((error: unknown) => log.error("closing database failed", { error: String(error) }));
      log.info("stopped");
      process.exit(0);
    });
    // Keep-alive connections are closed as soon as their last response has gone out, so
    // an idle client cannot hold the exit back until the grace period ends.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 800).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  log.error("start failed", { error: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});

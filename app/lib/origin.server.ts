/**
 * The portal's public origin, for links in mail (password resets, invitations, meetings,
 * announcements, digests) and the calendar feed's address. Never the request's Host
 * header: anybody can send `Host: evil.example` with a matching Origin, and a reset link
 * built from it hands the victim's token to the attacker. So it is APP_ORIGIN, which a
 * production server on PostgreSQL must set (app/server.ts refuses to start without it),
 * or else the embedded default's own address on this machine.
 */

/** APP_ORIGIN as an origin (no path, no trailing slash), or undefined when it is not set. */
export function configuredAppOrigin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.APP_ORIGIN?.trim();
  if (!raw) return undefined;
  const problem = appOriginProblem(raw);
  if (problem) throw new Error(problem);
  return new URL(raw).origin;
}

/** The origin of links in mail and of the calendar feed's address. */
export function appOrigin(env: NodeJS.ProcessEnv = process.env): string {
  return configuredAppOrigin(env) ?? `http://localhost:${env.PORT ?? 3000}`;
}

function appOriginProblem(raw: string): string | null {
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  const bare = url && (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password && url.pathname === "/" && !url.search && !url.hash;
  if (!bare || /[?#]/.test(raw)) {
    return `APP_ORIGIN must be the portal's public origin: http:// or https://, a host and optionally a port, nothing after it (such as https://portal.example.se); it is ${JSON.stringify(raw)}.`;
  }
  return null;
}

/**
 * What keeps the server from starting, or null: a production server on PostgreSQL must
 * be told its public origin, and an APP_ORIGIN that is set must be one. The embedded
 * default (PGlite) and development keep http://localhost:$PORT.
 */
export function originConfigProblem(env: NodeJS.ProcessEnv, databaseKind: "postgres" | "pglite"): string | null {
  const raw = env.APP_ORIGIN?.trim();
  if (raw) return appOriginProblem(raw);
  if (env.NODE_ENV === "production" && databaseKind === "postgres") {
    return (
      "APP_ORIGIN is not set. A production server on PostgreSQL must be told its public origin, " +
      "the address people open (such as APP_ORIGIN=https://portal.example.se): links in mail " +
      "(password resets, invitations, meetings) are built from it and never from a request's Host header."
    );
  }
  return null;
}

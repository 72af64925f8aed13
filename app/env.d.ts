/// <reference types="@remix-run/node" />
import type { ValidSession } from "~/auth/session.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address (X-Forwarded-For only when TRUST_PROXY is set). */
    ip: string;
    requestId: string;
    /** This response's Content-Security-Policy nonce (see securityHeaders). */
    cspNonce: string;
    /** Filled on first use, so the root and route loaders share one lookup. */
    session?: Promise<ValidSession | null>;
  }
}

// Single Fetch's types for useLoaderData/useActionData.
declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}


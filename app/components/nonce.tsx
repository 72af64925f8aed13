import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of this response (made per request in
 * app/lib/middleware.server.ts), for every inline <script> the server renders.
 * In the browser it is the empty string: browsers hide the nonce attribute from the
 * DOM, and the scripts it allowed have already run.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}

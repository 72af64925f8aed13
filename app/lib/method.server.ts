/**
 * The answer for a method a route does not take. Without a loader, Remix answers a GET on
 * an action-only route with 400 and logs it as an error; this is the plain HTTP answer.
 */
export function methodNotAllowed(allow: string): Response {
  return new Response("405 Method Not Allowed / Metoden stöds inte", {
    status: 405,
    headers: { Allow: allow, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

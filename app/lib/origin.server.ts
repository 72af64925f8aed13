/** The portal's public origin for links in mail: APP_ORIGIN, else the request's own. */
export function appOrigin(request: Request): string {
  return process.env.APP_ORIGIN ?? new URL(request.url).origin;
}

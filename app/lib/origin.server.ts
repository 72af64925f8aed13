/** The portal's public origin for links in mail: APP_ORIGIN, else the request's own. */
export function appOrigin(request: Request): string {
  return process.env.APP_ORIGIN ?? new URL(request.url).origin;
}

/** The origin for links in mail sent by background jobs, where there is no request. */
export function configuredOrigin(): string {
  return process.env.APP_ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

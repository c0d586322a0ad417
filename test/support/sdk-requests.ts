import type { HttpRequest } from '@smithy/core/protocols';

/**
 * For comparing a hand-signed request with the one an SDK client sends for the same inputs: the
 * client's requests are caught by a stand-in request handler, and these make the two comparable.
 */

/**
 * The SDK signs its own bookkeeping headers (invocation id, retry count, user agent), which the
 * services do not need; dropping them before signing, as getSignedUrl does, leaves the request both
 * send.
 */
export function dropSdkBookkeepingHeaders(client: { middlewareStack: { addRelativeTo(middleware: never, options: never): void } }): void {
  client.middlewareStack.addRelativeTo(
    ((next: (args: { request: HttpRequest }) => Promise<unknown>) => async (args: { request: HttpRequest }) => {
      for (const name of ['amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-user-agent', 'user-agent']) delete args.request.headers[name];
      return next(args);
    }) as never,
    { relation: 'before', toMiddleware: 'awsAuthMiddleware', name: 'dropSdkBookkeepingHeaders' } as never,
  );
}

/** The date the SDK signed with, from its x-amz-date header. */
export const signingDateOf = (request: HttpRequest): Date =>
  new Date(request.headers['x-amz-date']!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

/** What goes on the wire: method, URL, query, headers (names in lower case) and body as text. */
export const sent = (request: HttpRequest) => ({
  method: request.method,
  url: `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`,
  query: request.query,
  headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])),
  body: request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array),
});

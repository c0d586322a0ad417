import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { isUtf8 } from '../../domain/shared/utf8';
import { errorBody } from '../http/api-handler';
import { unauthenticated, type ErrorDetail } from '../http/http-errors';
import type { FunctionDefinition } from '../manifest';
import { lambdaContext } from './lambda-context';
import { checkLocalToken, claimsAsApiGatewayPassesThem, type LocalTokenCheck } from './local-tokens';
import { compileRoutes, matchRoute, type CompiledRoute } from './route-table';

/**
 * The local API Gateway: turns HTTP requests into HTTP API payload 2.0 events, verifies bearer
 * tokens for `jwt` routes the way the JWT authorizer does (claims land in
 * requestContext.authorizer.jwt.claims), calls the same middy handlers Lambda runs, and writes their
 * responses back. Paths under a mount (the mock providers) are handed to that mount instead.
 */
export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
}

/** Something served beside the API (the mock providers); answers undefined for paths it does not own. */
export type Mount = (request: RawRequest) => Promise<RawResponse | undefined>;

export interface DevServerOptions {
  readonly functions: readonly FunctionDefinition[];
  readonly loadHandler: (fn: FunctionDefinition) => HttpHandler;
  readonly jwtSecret: string;
  readonly mounts?: readonly Mount[];
  /** API Gateway refuses payloads over 10 MB; so does the dev server. */
  readonly maxBodyBytes?: number;
}

const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

export function createDevServer(options: DevServerOptions): Server {
  return createServer(createApiRequestListener(options));
}

export function createApiRequestListener(options: DevServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = compileRoutes(options.functions);
  const maxBodyBytes = options.maxBodyBytes ?? API_GATEWAY_MAX_BODY_BYTES;
  return (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      // The handlers answer their own errors; reaching here is a fault of the dev server itself.
      console.error('dev server error', error);
      if (!res.headersSent) send(res, jsonError(500, 'INTERNAL_ERROR', 'The service could not complete the request.', randomUUID()));
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = flattenHeaders(req);
    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') {
      return send(res, jsonError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBodyBytes} bytes.`, requestId, [{ path: 'body', message: `at most ${maxBodyBytes} bytes` }]));
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const raw: RawRequest = { method, path: url.pathname, query: url.searchParams, headers, body };
    for (const mount of options.mounts ?? []) {
      const answer = await mount(raw);
      if (answer) return send(res, answer);
    }

    const match = matchRoute(routes, method, url.pathname);
    if (match.kind === 'not-found') return send(res, jsonError(404, 'NOT_FOUND', `No route for ${method} ${url.pathname}.`, requestId));
    if (match.kind === 'wrong-method') {
      const error = jsonError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}.`, requestId);
      return send(res, { ...error, headers: { ...error.headers, allow: match.allowed.join(', ') } });
    }

    let claims: Record<string, string> | undefined;
    if (match.compiled.route.auth === 'jwt') {
      const authorization = headers.authorization?.trim();
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      const check: LocalTokenCheck = bearer
        ? await checkLocalToken(options.jwtSecret, bearer)
        : { ok: false, reason: authorization ? 'TOKEN_MALFORMED' : 'TOKEN_MISSING' };
      if (!check.ok) {
        const refusal = unauthenticated(check.reason, check.detail);
        const answer = jsonError(refusal.statusCode, refusal.code, refusal.message, requestId, [...refusal.details]);
        return send(res, { ...answer, headers: { ...answer.headers, ...refusal.headers } });
      }
      claims = claimsAsApiGatewayPassesThem(check.payload);
    }

    const event = toApiGatewayEvent(raw, url, match.compiled, match.pathParameters, requestId, claims, req.socket.remoteAddress);
    const result = await options.loadHandler(match.compiled.fn)(event, lambdaContext(match.compiled.fn.name, (match.compiled.fn.timeoutSeconds ?? 29) * 1000));
    send(res, fromApiGatewayResult(result));
  }
}

export function toApiGatewayEvent(
  raw: RawRequest,
  url: URL,
  compiled: CompiledRoute,
  pathParameters: Record<string, string>,
  requestId: string,
  claims: Record<string, string> | undefined,
  sourceIp = '127.0.0.1',
): APIGatewayProxyEventV2 {
  const now = new Date();
  const queryStringParameters: Record<string, string> = {};
  for (const name of new Set(raw.query.keys())) queryStringParameters[name] = raw.query.getAll(name).join(',');
  const { cookie, ...headers } = raw.headers;
  // A string cannot carry bytes that are not UTF-8: such a body goes base64-encoded, so the handler
  // sees the bytes that were sent and refuses them, rather than a string with U+FFFD in their place.
  const isText = raw.body.length === 0 || (isTextual(raw.headers['content-type']) && isUtf8(raw.body));
  return {
    version: '2.0',
    routeKey: compiled.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookie ? { cookies: cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: raw.headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: { method: raw.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp, userAgent: raw.headers['user-agent'] ?? '' },
      requestId,
      routeKey: compiled.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(raw.body.length > 0 ? { body: isText ? raw.body.toString('utf8') : raw.body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
}

/** Payload 2.0 lets a handler return a bare value: API Gateway then answers 200 with it as JSON. */
export function fromApiGatewayResult(result: APIGatewayProxyResultV2): RawResponse {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  const response: RawResponse = { status: result.statusCode ?? 200, headers, body };
  return result.cookies?.length ? { ...response, headers: { ...headers, 'set-cookie': result.cookies.join(', ') } } : response;
}

function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  return /^(text\/|application\/(json|x-www-form-urlencoded|xml|csv))|\+json|charset=/i.test(contentType);
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    return 'too-large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      req.resume();
      return 'too-large';
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function jsonHeaders(requestId: string): Record<string, string> {
  return { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId };
}

function jsonError(status: number, code: string, message: string, requestId: string, details: ErrorDetail[] = []): RawResponse {
  return { status, headers: jsonHeaders(requestId), body: JSON.stringify(errorBody(code, message, details, requestId)) };
}

function send(res: ServerResponse, response: RawResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

export function listeningUrl(server: Server): string {
  const address = server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

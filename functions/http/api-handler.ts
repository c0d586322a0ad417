import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { decodeUtf8, jsonPathOfInvalidUtf8 } from '../../domain/shared/utf8';
import { validateInput } from '../../domain/shared/validation';
import { getDependencies, type DependenciesOf, type Dependency, type DependencyName } from '../composition';
import { logger } from '../observability/logger';
import { flushMetricsAfter } from '../observability/metrics';
import {
  HttpError,
  forbidden,
  invalidUtf8,
  payloadTooLarge,
  unauthenticated,
  unsupportedMediaType,
  validationFailed,
  type ErrorDetail,
} from './http-errors';
import { hasAnyRole, principalFromClaims, type Principal, type Role } from './principal';
import { json, type ApiResponse } from './responses';

/**
 * The one shape every HTTP handler has: a route spec (who may call, what the input looks like) and a
 * function from a validated request to a response. Everything else — request ids, body limits, JSON
 * parsing, zod validation, role checks, the error body of CONTRACT.md, logging — happens here once.
 */
export type Authorization = 'public' | 'signed' | readonly Role[];

export interface RouteSpec<P, Q, B, A extends Authorization, U extends Dependency<DependencyName>> {
  /** `public`: no token. `signed`: no token, the handler verifies a provider signature. Roles: a JWT with one of them. */
  readonly auth: A;
  readonly params?: z.core.$ZodType<P>;
  readonly query?: z.core.$ZodType<Q>;
  /** A JSON body validated by this schema. Routes that take CSV or forms read `rawBody` instead. */
  readonly body?: z.core.$ZodType<B>;
  readonly maxBodyBytes?: number;
  /** What the function uses from the composition root (`[payments, clock]`): only these are built and bundled. */
  readonly uses?: readonly U[];
}

export interface ApiRequest<P, Q, B, A extends Authorization> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly rawBody: Buffer;
  /** Lower-case header names; repeated headers are joined with commas as API Gateway does. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly principal: A extends readonly Role[] ? Principal : Principal | undefined;
  readonly requestId: string;
  readonly event: APIGatewayProxyEventV2;
}

export type ApiFunction<P, Q, B, A extends Authorization, U extends Dependency<DependencyName> = never> = (
  request: ApiRequest<P, Q, B, A>,
  dependencies: DependenciesOf<U>,
) => Promise<ApiResponse>;

/** 64 KiB covers every JSON request of the API; uploads set their own limit. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

export function apiHandler<P = undefined, Q = undefined, B = undefined, A extends Authorization = Authorization, U extends Dependency<DependencyName> = never>(
  spec: RouteSpec<P, Q, B, A, U>,
  fn: ApiFunction<P, Q, B, A, U>,
) {
  return middy<APIGatewayProxyEventV2, ApiResponse, Error, Context>()
    .use(requestEnvelope())
    .use(flushMetricsAfter())
    .handler(async (event) => {
      const requestId = requestIdOf(event);
      const headers = lowerCaseHeaders(event.headers);
      const principal = authorize(spec.auth, event);
      const rawBody = readBody(event, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const params = validate(spec.params, event.pathParameters ?? {}, '');
      const query = validate(spec.query, event.queryStringParameters ?? {}, '');
      const body = spec.body ? validate(spec.body, parseJsonBody(rawBody, headers['content-type']), '') : (undefined as B);
      const request = { params, query, body, rawBody, headers, principal, requestId, event } as ApiRequest<P, Q, B, A>;
      return fn(request, await getDependencies(spec.uses ?? []));
    });
}

/** Request id, access log and the single place where errors become responses. */
function requestEnvelope(): middy.MiddlewareObj<APIGatewayProxyEventV2, ApiResponse, Error, Context> {
  return {
    before: (request) => {
      logger.appendKeys({ requestId: requestIdOf(request.event), route: request.event.routeKey });
    },
    after: (request) => {
      const response = request.response;
      if (!response) return;
      response.headers = { ...response.headers, 'x-request-id': requestIdOf(request.event) };
      logger.info('request handled', { status: response.statusCode, method: request.event.requestContext?.http?.method });
      logger.removeKeys(['requestId', 'route']);
    },
    onError: (request) => {
      const requestId = requestIdOf(request.event);
      const error = request.error;
      if (error instanceof HttpError) {
        logger.info('request refused', { status: error.statusCode, code: error.code });
        request.response = json(error.statusCode, errorBody(error.code, error.message, error.details, requestId), {
          ...error.headers,
          'x-request-id': requestId,
        });
        logger.removeKeys(['requestId', 'route']);
        return;
      }
      // An unexpected fault: log it with its stack, answer without any internals.
      logger.error('request failed', error as Error);
      request.response = json(500, errorBody('INTERNAL_ERROR', 'The service could not complete the request.', [], requestId), {
        'x-request-id': requestId,
      });
      logger.removeKeys(['requestId', 'route']);
    },
  };
}

export function errorBody(code: string, message: string, details: readonly ErrorDetail[], requestId: string) {
  return { error: { code, message, details, requestId } };
}

export function requestIdOf(event: APIGatewayProxyEventV2): string {
  const incoming = event.headers?.['x-request-id'] ?? event.headers?.['X-Request-Id'];
  if (incoming && REQUEST_ID.test(incoming)) return incoming;
  const fromGateway = event.requestContext?.requestId;
  if (fromGateway) return fromGateway;
  // Only reached for hand-built events; remember the id so every use in one request agrees.
  const holder = event as APIGatewayProxyEventV2 & { __requestId?: string };
  holder.__requestId ??= randomUUID();
  return holder.__requestId;
}

function authorize(auth: Authorization, event: APIGatewayProxyEventV2): Principal | undefined {
  const principal = principalOf(event);
  if (auth === 'public' || auth === 'signed') return principal;
  // Behind API Gateway's authorizer a request without claims never gets here; one whose claims lack `sub` does.
  if (!principal) throw unauthenticated(hasAuthorizerContext(event) ? 'TOKEN_CLAIMS_MISSING' : 'TOKEN_MISSING');
  if (!hasAnyRole(principal, auth)) throw forbidden(`This route needs the role ${auth.join(' or ')}.`);
  return principal;
}

/**
 * The caller as API Gateway's JWT authorizer vouched for them. Only API Gateway writes
 * `requestContext.authorizer`; a client cannot.
 */
function principalOf(event: APIGatewayProxyEventV2): Principal | undefined {
  const authorizer = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer;
  return authorizer?.jwt ? principalFromClaims(authorizer.jwt.claims) : undefined;
}

function hasAuthorizerContext(event: APIGatewayProxyEventV2): boolean {
  return (event.requestContext as { authorizer?: unknown }).authorizer !== undefined;
}

function readBody(event: APIGatewayProxyEventV2, maxBytes: number): Buffer {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (body.length > maxBytes) throw payloadTooLarge(maxBytes);
  return body;
}

function parseJsonBody(rawBody: Buffer, contentType: string | undefined): unknown {
  if (rawBody.length === 0) throw validationFailed([{ path: 'body', message: 'a JSON body is required' }]);
  if (contentType && !/\bjson\b/i.test(contentType)) throw unsupportedMediaType('application/json');
  const text = decodeUtf8(rawBody);
  if (text === undefined) throw invalidUtf8(jsonPathOfInvalidUtf8(rawBody));
  try {
    return JSON.parse(text);
  } catch {
    throw validationFailed([{ path: 'body', message: 'not valid JSON' }], 'The request body is not valid JSON.');
  }
}

function validate<T>(schema: z.core.$ZodType<T> | undefined, input: unknown, prefix: string): T {
  if (!schema) return undefined as T;
  const result = validateInput(schema, input);
  if (result.success) return result.data;
  throw validationFailed(zodDetails(result.error, prefix));
}

/** Zod's issues as CONTRACT.md's error details: the field's path (`inputs.pages`, or `body` for the whole) and what is wrong with it. */
export function zodDetails(error: z.core.$ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return { path: path || 'body', message: issue.message };
  });
}

function lowerCaseHeaders(headers: Record<string, string | undefined> | undefined): Record<string, string | undefined> {
  const lower: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) lower[name.toLowerCase()] = value;
  return lower;
}

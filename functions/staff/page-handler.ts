import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { parseUtf8Form } from '../../domain/shared/utf8';
import { validateInput } from '../../domain/shared/validation';
import { getDependencies, type DependenciesOf, type Dependency, type DependencyName } from '../composition';
import { requestIdOf } from '../http/api-handler';
import { HttpError } from '../http/http-errors';
import type { ApiResponse } from '../http/responses';
import { logger } from '../observability/logger';
import { flushMetricsAfter } from '../observability/metrics';
import { parseMultipartForm, type UploadedFile } from './multipart-form';
import { STAFF_PAGE_HEADERS } from './page-security';
import { StaffPageError, staffErrorPage } from './staff-page-error';

/**
 * The envelope of every page handler, signed in or not (the sign-in pages use it directly,
 * staffHandler adds the session): request ids and logs; GET and POST only; on POST, a refusal of
 * cross-site requests and a strict UTF-8 reading of the form (urlencoded, or multipart for an upload);
 * the security headers on every answer; and every thrown error turned into a Vietnamese page, never
 * JSON, a stack or an English message.
 */
export interface PageSpec<P, Q, U extends Dependency<DependencyName>> {
  readonly params?: z.core.$ZodType<P>;
  readonly query?: z.core.$ZodType<Q>;
  /** 64 KiB by default: a form of a few fields; an upload page sets its own. */
  readonly maxBodyBytes?: number;
  readonly uses?: readonly U[];
}

export interface PageRequest<P, Q> {
  readonly params: P;
  readonly query: Q;
  /** The posted fields (empty on GET); for multipart, the text fields. */
  readonly form: URLSearchParams;
  /** The uploaded files of a multipart form (empty otherwise). */
  readonly files: readonly UploadedFile[];
  readonly rawBody: Buffer;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly cookies: readonly string[];
  readonly method: 'GET' | 'POST';
  /** The path with its query, e.g. "/staff/cases?status=OPEN": where to come back to after sign-in. */
  readonly path: string;
  readonly requestId: string;
  readonly event: APIGatewayProxyEventV2;
}

export const DEFAULT_PAGE_BODY_BYTES = 64 * 1024;

export function pageHandler<P = undefined, Q = undefined, U extends Dependency<DependencyName> = never>(
  spec: PageSpec<P, Q, U>,
  fn: (request: PageRequest<P, Q>, deps: DependenciesOf<U>) => Promise<ApiResponse>,
) {
  return middy<APIGatewayProxyEventV2, ApiResponse, Error, Context>()
    .use(pageEnvelope())
    .use(flushMetricsAfter())
    .handler(async (event) => {
      const request = await readPageRequest(event, spec);
      return fn(request, await getDependencies(spec.uses ?? []));
    });
}

async function readPageRequest<P, Q>(event: APIGatewayProxyEventV2, spec: PageSpec<P, Q, never> | PageSpec<P, Q, Dependency<DependencyName>>): Promise<PageRequest<P, Q>> {
  const method = event.requestContext.http.method.toUpperCase();
  if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') throw new StaffPageError(405);
  const headers = lowerCaseHeaders(event.headers);
  const cookies = event.cookies ?? (headers.cookie ? [headers.cookie] : []);
  const params = validated(spec.params, event.pathParameters ?? {}, 404);
  const query = validated(spec.query, event.queryStringParameters ?? {}, 400);
  const rawBody = readBody(event, spec.maxBodyBytes ?? DEFAULT_PAGE_BODY_BYTES);
  const base = { params, query, rawBody, headers, cookies, path: pathOf(event), requestId: requestIdOf(event), event };
  if (method !== 'POST') return { ...base, method: 'GET', form: new URLSearchParams(), files: [] };
  refuseCrossSite(headers, event);
  const { form, files } = await readForm(rawBody, headers['content-type']);
  return { ...base, method: 'POST', form, files };
}

/**
 * A form posted from another site must not act in a signed-in person's name. Browsers that send
 * Sec-Fetch-Site are judged by it; an Origin, when sent, must be this host. (staffHandler also checks
 * the session's CSRF token, which covers browsers that send neither header.)
 */
export function refuseCrossSite(headers: Readonly<Record<string, string | undefined>>, event: APIGatewayProxyEventV2): void {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') throw crossSite();
  const origin = headers.origin;
  if (origin === undefined) return;
  const host = headers.host ?? event.requestContext.domainName;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw crossSite();
  }
  if (originHost !== host) throw crossSite();
}

function crossSite(): StaffPageError {
  return new StaffPageError(403, 'Yêu cầu này không được gửi từ trang của hệ thống nên đã bị từ chối; không có gì thay đổi. Hãy mở lại trang và gửi lại biểu mẫu trên đó.');
}

async function readForm(rawBody: Buffer, contentType: string | undefined): Promise<{ form: URLSearchParams; files: readonly UploadedFile[] }> {
  if (rawBody.length === 0) return { form: new URLSearchParams(), files: [] };
  if (/^multipart\/form-data\b/i.test(contentType ?? '')) return parseMultipartForm(rawBody, contentType!);
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) throw new StaffPageError(415);
  const parsed = parseUtf8Form(rawBody);
  if (!parsed.ok) throw new StaffPageError(400, `Trường “${parsed.field}” có ký tự không đọc được (không phải UTF-8); chưa có gì được lưu. Hãy nhập lại trên trang.`);
  return { form: new URLSearchParams(parsed.entries.map(([name, value]): [string, string] => [name, value])), files: [] };
}

function pageEnvelope(): middy.MiddlewareObj<APIGatewayProxyEventV2, ApiResponse, Error, Context> {
  return {
    before: (request) => {
      logger.appendKeys({ requestId: requestIdOf(request.event), route: request.event.routeKey });
    },
    after: (request) => {
      const response = request.response;
      if (!response) return;
      response.headers = { ...STAFF_PAGE_HEADERS, ...response.headers, 'x-request-id': requestIdOf(request.event) };
      logger.info('page answered', { status: response.statusCode, method: request.event.requestContext?.http?.method });
      logger.removeKeys(['requestId', 'route']);
    },
    onError: (request) => {
      const requestId = requestIdOf(request.event);
      const error = request.error;
      const statusCode = error instanceof StaffPageError || error instanceof HttpError ? error.statusCode : 500;
      if (statusCode >= 500) logger.error('page failed', error as Error);
      else logger.info('page refused', { status: statusCode });
      const page = staffErrorPage(statusCode, requestId, error instanceof StaffPageError && error.advice ? { advice: error.advice } : {});
      request.response = { ...page, headers: { ...page.headers, 'x-request-id': requestId } };
      logger.removeKeys(['requestId', 'route']);
    },
  };
}

function validated<T>(schema: z.core.$ZodType<T> | undefined, input: unknown, statusCode: number): T {
  if (!schema) return undefined as T;
  const result = validateInput(schema, input);
  if (!result.success) throw new StaffPageError(statusCode);
  return result.data;
}

function readBody(event: APIGatewayProxyEventV2, maxBytes: number): Buffer {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (body.length > maxBytes) throw new StaffPageError(413);
  return body;
}

function pathOf(event: APIGatewayProxyEventV2): string {
  return event.rawQueryString ? `${event.rawPath}?${event.rawQueryString}` : event.rawPath;
}

function lowerCaseHeaders(headers: Record<string, string | undefined> | undefined): Record<string, string | undefined> {
  const lower: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) lower[name.toLowerCase()] = value;
  return lower;
}

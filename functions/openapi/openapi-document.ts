import * as z from 'zod/mini';
import type { HttpMethod } from '../manifest';
import { apiSchemas } from './response-schemas';
import { isZodSchema, jsonSchemaOf, type ErrorList, type JsonSchema, type ResponseDoc, type RouteDoc } from './route-doc';
import { callbackRoutes } from './routes/callback-routes';
import { catalogRoutes } from './routes/catalog-routes';
import { exampleError } from './routes/examples';
import { paymentRoutes } from './routes/payment-routes';
import { refundRoutes } from './routes/refund-routes';
import { receiptRoutes } from './routes/receipt-routes';
import { reconciliationRoutes } from './routes/reconciliation-routes';
import { reportRoutes } from './routes/report-routes';
import { reviewRoutes } from './routes/review-routes';
import { serviceRoutes } from './routes/service-routes';
import { serviceWebhooks } from './webhooks';

/**
 * The OpenAPI 3.1 document of the service (CONTRACT.md, "The API document"): every route of
 * functions/manifest.ts, described by the route modules below. A test fails when a manifest route is
 * missing here or a path here is not served (test/unit/openapi/openapi-coverage.test.ts); the e2e
 * suite validates every request and response it makes against the document.
 *
 * Adding a route's documentation: add a RouteDoc to the module of its area (or a new module, listed
 * in ROUTE_MODULES), reusing the handler's request schemas; then `npm run openapi`.
 */
export const ROUTE_MODULES: readonly (readonly RouteDoc[])[] = [
  serviceRoutes,
  catalogRoutes,
  paymentRoutes,
  refundRoutes,
  receiptRoutes,
  callbackRoutes,
  reviewRoutes,
  reconciliationRoutes,
  reportRoutes,
];

export const API_DOCUMENT_VERSION = '1.0.0';

const TAGS = [
  { name: 'Catalog and fees', description: 'The public catalog of procedures (thủ tục hành chính) and what a dossier owes. No token.' },
  { name: 'Payments', description: 'Online payments for the portal (role `portal`) and fees collected at the counter (role `finance`). Money is integer VND.' },
  { name: 'E-receipts', description: 'E-receipts (biên lai thu phí, lệ phí điện tử) of paid payments: JSON, a printable page or a PDF; the citizen opens them by link, without a token.' },
  { name: 'Provider callbacks', description: 'Signed reports from the two payment providers; no token, a signature instead.' },
  { name: 'Cases', description: 'One case per problem with money (a lost callback, an amount that differs, a second payment, a late success, a reversal…), however it was found: one status, one decision, one trail. docs/CASES.md states each decision\'s effect.' },
  { name: 'Review items', description: 'The cases provider reports found, in their CONTRACT words: late successes, second payments of a dossier, amount mismatches, unknown payments.' },
  { name: 'Settlement files', description: "Providers' daily settlement files (UTF-8 CSV)." },
  { name: 'Reconciliation', description: 'Runs that compare a settlement file with the day\'s payments, and their discrepancies.' },
  { name: 'Reports', description: 'Online-payment rates per agency, procedure or month against a target set, as JSON, CSV or a page.' },
  { name: 'Service', description: 'Liveness and this document.' },
];

const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: [
      'A JWT with the claims `sub`, `roles` (array of `portal`, `finance`, `province`) and `agencies` (agency codes, `["*"]` for all).',
      'Deployed, the API\'s JWT authorizer verifies Cognito tokens; locally the dev server verifies HS256 tokens signed with AUTH_JWT_SECRET (`npm run token -- --role finance --agency STP`).',
      '`portal`: create, read and cancel payments. `finance`: counter payments, settlement files, reconciliation, review items, reports — for its agencies. `province`: reports and reconciliations of all agencies.',
      'Each operation lists the roles it accepts; a missing or invalid token is 401, a wrong role or agency 403, and data of other agencies is never returned.',
    ].join(' '),
  },
  mockBankSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-MockBank-Signature',
    description: [
      '`t=<unix seconds>,v1=<hex>` where `v1 = hex(HMAC-SHA256(MOCK_BANK_SECRET, "<t>.<raw body>"))`, over the body bytes exactly as sent.',
      'Several `v1=` may appear (secret rotation); one matching is enough. `t` more than 300 s from the service\'s clock is refused like a bad signature (401 INVALID_SIGNATURE), and nothing is stored.',
    ].join(' '),
  },
  mockPortalSecureHash: {
    type: 'apiKey',
    in: 'query',
    name: 'pg_SecureHash',
    description: [
      '`pg_SecureHash = hex(HMAC-SHA512(MOCK_PORTAL_SECRET, q))` where `q` is every `pg_*` field except pg_SecureHash, sorted by name, written `name=urlencoded(value)` (encodeURIComponent, spaces as `+`) and joined by `&`.',
      'Sent in the query string (GET) or the form (POST). A bad hash is answered `{"RspCode":"97"}`, and nothing is stored.',
    ].join(' '),
  },
  serviceSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Service-Signature',
    description: 'How the service signs its own webhooks to the portal: `t=<unix seconds>,v1=<hex>`, `v1 = hex(HMAC-SHA256(PORTAL_WEBHOOK_SECRET, "<t>.<raw body>"))` — the scheme of X-MockBank-Signature under the service\'s header name. See the webhooks.',
  },
};

const COMMON_CODES: Readonly<Record<number, ErrorList>> = {
  400: { codes: ['VALIDATION_FAILED'], description: 'A parameter or body field is missing or malformed, or the body is not valid UTF-8; `details` names each one.' },
  401: {
    codes: ['UNAUTHENTICATED'],
    description:
      'No valid bearer token. The detail on `Authorization` says why in `reason` (TOKEN_MISSING, TOKEN_MALFORMED, TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, TOKEN_SIGNATURE_INVALID, TOKEN_NOT_FOR_THIS_SERVICE, TOKEN_CLAIMS_MISSING), and `WWW-Authenticate` carries the RFC 6750 challenge.',
  },
  403: { codes: ['FORBIDDEN'], description: 'The token has none of the roles this operation accepts, or is not for this agency.' },
  413: { codes: ['PAYLOAD_TOO_LARGE'], description: 'The body is larger than this operation takes.' },
  415: { codes: ['UNSUPPORTED_MEDIA_TYPE'], description: 'The body is not of the media type this operation takes.' },
  500: { codes: ['INTERNAL_ERROR'], description: 'An unexpected fault; nothing internal is exposed. Retry later, with the same Idempotency-Key where there is one.' },
};

const WWW_AUTHENTICATE = {
  description: 'The RFC 6750 challenge: `Bearer` when no token was sent, else `Bearer error="invalid_token", error_description="…"`.',
  schema: { type: 'string' },
};

const ERROR_REF = { $ref: '#/components/schemas/Error' };

export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

export function buildOpenApiDocument(): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTE_MODULES.flat()) {
    const item = (paths[route.path] ??= {});
    const method = route.method.toLowerCase();
    if (item[method]) throw new Error(`${route.method} ${route.path} is documented twice`);
    item[method] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Thanh toán phí, lệ phí trực tuyến — Online fee payments API',
      version: API_DOCUMENT_VERSION,
      summary: 'Online payment of Vietnamese public-service fees (phí, lệ phí), reconciliation with the providers, and online-payment rate reports.',
      description: [
        'Conventions: JSON in UTF-8; money is integer VND (`"amount": 52000`), never a float; times are ISO 8601 with offset (the service writes `+07:00`);',
        'business dates are `YYYY-MM-DD` in Asia/Ho_Chi_Minh; percentages are strings with two decimals, null when the denominator is empty.',
        'Every response carries `X-Request-Id`. Every refusal has the Error body (see the schema for its codes); bad input is a 4xx naming the field and writes nothing.',
      ].join(' '),
    },
    servers: [{ url: '/', description: 'The service that serves this document' }],
    tags: TAGS,
    paths,
    webhooks: serviceWebhooks(),
    components: { schemas: componentSchemas(), securitySchemes: SECURITY_SCHEMES },
  };
}

/** The named response schemas, with `$ref`s between them. */
function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(apiSchemas, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, JsonSchema>;
  };
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema;
      return [id, rest];
    }),
  );
}

function operationOf(route: RouteDoc): Record<string, unknown> {
  const parameters = [
    ...parametersOf(route.params, 'path'),
    ...parametersOf(route.query, 'query'),
    ...(route.headers ?? []).map((header) => ({ in: 'header', ...header })),
  ];
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    description: [route.description, accessLine(route)].filter(Boolean).join('\n\n'),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: requestBodyOf(route.body) } : {}),
    responses: responsesOf(route),
    security: securityOf(route),
  };
}

function accessLine(route: RouteDoc): string {
  if (route.auth === 'public') return '**Access:** public, no token.';
  if (route.auth === 'signed') return "**Access:** no token; the provider's signature is verified instead.";
  return `**Access:** bearer JWT with the role ${route.auth.map((role) => `\`${role}\``).join(' or ')}.`;
}

function securityOf(route: RouteDoc): ReadonlyArray<Record<string, readonly string[]>> {
  if (route.security) return route.security;
  if (route.auth === 'public' || route.auth === 'signed') return [];
  // OpenAPI 3.1 lets a non-OAuth requirement list the roles the operation needs.
  return [{ bearerAuth: route.auth }];
}

function parametersOf(schema: RouteDoc['params'], where: 'path' | 'query'): Array<Record<string, unknown>> {
  if (!schema) return [];
  const input = jsonSchemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  const output = jsonSchemaOf(schema, 'output') as { properties?: Record<string, JsonSchema> };
  return Object.entries(input.properties ?? {}).map(([name, property]) => {
    // A query value that is first normalised (blank = absent) has no input schema of its own; its output schema says what it must be.
    const described = Object.keys(property).some((key) => key !== 'default') ? property : { ...output.properties?.[name], ...property };
    return {
      name,
      in: where,
      required: where === 'path' || (input.required ?? []).includes(name),
      schema: described,
      ...(where === 'query' && described.type === 'array' ? { style: 'form', explode: false } : {}),
    };
  });
}

function requestBodyOf(body: NonNullable<RouteDoc['body']>): Record<string, unknown> {
  const schema = isZodSchema(body.schema) ? jsonSchemaOf(body.schema, 'input') : body.schema;
  return {
    required: true,
    ...(body.description ? { description: body.description } : {}),
    content: { [body.contentType]: { schema, ...(body.example !== undefined ? { example: body.example } : {}) } },
  };
}

function responsesOf(route: RouteDoc): Record<string, unknown> {
  const statuses = new Map<number, { description: string; content: Record<string, unknown>; headers?: Record<string, unknown> }>();
  for (const [status, response] of Object.entries(route.responses)) statuses.set(Number(status), responseOf(response));

  const errors = new Map<number, ErrorList>();
  const add = (status: number, list: ErrorList) => {
    const seen = errors.get(status);
    errors.set(
      status,
      seen ? { codes: [...new Set([...seen.codes, ...list.codes])], description: seen.description ?? list.description, headers: { ...list.headers, ...seen.headers } } : list,
    );
  };
  for (const [status, list] of Object.entries(route.errors ?? {})) add(Number(status), list);
  if (route.commonErrors !== false) {
    const roles = Array.isArray(route.auth);
    if (route.params || route.query || (route.body && isZodSchema(route.body.schema))) add(400, COMMON_CODES[400]!);
    if (roles) add(401, { ...COMMON_CODES[401]!, headers: { 'WWW-Authenticate': WWW_AUTHENTICATE } });
    if (roles) add(403, COMMON_CODES[403]!);
    if (route.body) add(413, COMMON_CODES[413]!);
    if (route.body?.contentType === 'application/json') add(415, COMMON_CODES[415]!);
  }
  add(500, COMMON_CODES[500]!);

  for (const [status, list] of errors) {
    const codes = list.codes.map((code) => `\`${code}\``).join(', ');
    const description = `${list.description ?? COMMON_CODES[status]?.description ?? 'Refused.'} Codes: ${codes}.`;
    const schema = status === 401 ? { anyOf: [ERROR_REF, { $ref: '#/components/schemas/GatewayUnauthorized' }] } : ERROR_REF;
    const media = { schema, example: exampleError(list.codes[0]!, exampleMessage(status)) };
    const headers = list.headers as Record<string, unknown> | undefined;
    const existing = statuses.get(status);
    if (existing) {
      existing.content['application/json'] = media;
      existing.description = `${existing.description} ${description}`;
      if (headers) existing.headers = { ...existing.headers, ...headers };
    } else {
      statuses.set(status, { description, content: { 'application/json': media }, ...(headers ? { headers } : {}) });
    }
  }
  return Object.fromEntries(
    [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, response]) => [String(status), { ...response, headers: { 'X-Request-Id': { description: 'The id of this request, for support.', schema: { type: 'string' } }, ...response.headers } }]),
  );
}

function responseOf(response: ResponseDoc) {
  const content: Record<string, unknown> = {};
  if (response.json !== undefined) {
    const schema = typeof response.json === 'string' ? { $ref: `#/components/schemas/${response.json}` } : jsonSchemaOf(response.json, 'output');
    content['application/json'] = { schema, ...(response.example !== undefined ? { example: response.example } : {}) };
  }
  for (const [mediaType, schema] of Object.entries(response.content ?? {})) content[mediaType] = { schema };
  return {
    description: response.description,
    content,
    ...(response.headers ? { headers: response.headers as Record<string, unknown> } : {}),
  };
}

function exampleMessage(status: number): string {
  switch (status) {
    case 400:
      return 'The request is not valid.';
    case 401:
      return 'A valid bearer token is required.';
    case 403:
      return 'This token may not do that.';
    case 404:
      return 'Payment pay_01JGZ8Q4W6R9T2Y5U8I1O3P7AB was not found.';
    case 500:
      return 'The service could not complete the request.';
    default:
      return 'The request was refused.';
  }
}

/** Every (method, path) the document describes, `GET /v1/payments/{paymentId}` style. */
export function documentedRouteKeys(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key): key is Lowercase<HttpMethod> => ['get', 'post', 'put', 'delete'].includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

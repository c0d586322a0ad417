import * as z from 'zod/mini';
import type { HttpMethod } from '../manifest';
import type { Role } from '../http/principal';

/**
 * How one route is described in the API document. Each area of the API has one module under
 * functions/openapi/routes/ exporting its RouteDocs; documenting a new route is adding one entry
 * there (openapi-document.ts lists the modules). Request schemas are the very zod schemas the handler
 * validates with; responses are zod schemas of what the handler sends (response-schemas.ts).
 *
 * The JSON Schemas come from zod 4's own `z.toJSONSchema`, not from @asteasolutions/zod-to-openapi:
 * every schema of the service is written with `zod/mini`, which has no `.openapi()` methods for that
 * generator to hook into, while zod's converter reads any zod 4 schema, mini included, and emits
 * JSON Schema 2020-12 — the dialect OpenAPI 3.1 uses — with no extra package in the Lambda bundle.
 */
export type JsonSchema = Record<string, unknown>;
export type ZodSchema = z.core.$ZodType;

export interface ErrorList {
  /** The error codes this status carries on this route, beyond those every route of its kind has. */
  readonly codes: readonly string[];
  readonly description?: string;
  /** Response headers of this status (Retry-After…). */
  readonly headers?: ResponseDoc['headers'];
}

export interface ResponseDoc {
  readonly description: string;
  /** A JSON body: a component name (`Payment`) or a zod schema. */
  readonly json?: string | ZodSchema;
  /** Other bodies, by media type (text/csv, text/html…): a JSON Schema of the body as text or bytes. */
  readonly content?: Readonly<Record<string, JsonSchema>>;
  readonly example?: unknown;
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly schema?: JsonSchema }>>;
}

export interface RouteDoc {
  readonly method: HttpMethod;
  /** As in functions/manifest.ts. */
  readonly path: string;
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** `public`, `signed` (a provider's HMAC), or the roles of a bearer JWT. */
  readonly auth: 'public' | 'signed' | readonly Role[];
  readonly params?: ZodSchema;
  readonly query?: ZodSchema;
  /** Extra request headers (Idempotency-Key, Accept…). */
  readonly headers?: ReadonlyArray<{ readonly name: string; readonly required: boolean; readonly description: string; readonly schema: JsonSchema }>;
  readonly body?: {
    readonly contentType: string;
    /** A zod schema the handler validates with, or a JSON Schema when the handler parses the body itself. */
    readonly schema: ZodSchema | JsonSchema;
    readonly description?: string;
    readonly example?: unknown;
  };
  /** Successful and route-specific answers, by status. */
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  /** Error answers in the error shape, by status; the document adds those every route of the kind gives. */
  readonly errors?: Readonly<Record<number, ErrorList>>;
  /** This route's refusals are not in the error shape (pages, IPN answers): leave out the common error statuses it does not give. */
  readonly commonErrors?: boolean;
  /** Operation-level security override (callbacks document their signature here). */
  readonly security?: ReadonlyArray<Record<string, readonly string[]>>;
}

export function isZodSchema(schema: unknown): schema is ZodSchema {
  return typeof schema === 'object' && schema !== null && '_zod' in schema;
}

/** A zod schema as JSON Schema 2020-12 without the `$schema` keyword (the document sets the dialect once). */
export function jsonSchemaOf(schema: ZodSchema, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete converted.$schema;
  return converted;
}

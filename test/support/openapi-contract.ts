import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from '../../functions/openapi/openapi-document';

/**
 * Checks HTTP exchanges against the API document: the operation of (method, path), the response
 * status, its media type and, for JSON, its body against the document's schema (strict: the
 * response schemas forbid fields they do not name); and, for an exchange that succeeded, the JSON or
 * form request body and the query parameter names against the operation. Paths the document does not
 * describe (the mock providers, deliberately unknown routes) are not the document's business and pass.
 */
export interface Exchange {
  readonly method: string;
  readonly url: URL;
  readonly requestContentType: string | undefined;
  readonly requestBody: string | undefined;
  readonly status: number;
  readonly responseHeaders: Headers;
  readonly responseBody: Buffer;
}

interface Operation {
  readonly parameters?: ReadonlyArray<{ name: string; in: string }>;
  readonly requestBody?: { content: Record<string, { schema: object }> };
  readonly responses: Record<string, { content?: Record<string, { schema: object }> }>;
}

const BASE = 'https://contract.test/openapi.json';

export class OpenApiContract {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private readonly compiled = new Map<object, ValidateFunction>();
  private readonly routes: ReadonlyArray<{ pattern: RegExp; path: string }>;

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    const schemas = (document.components as { schemas: Record<string, object> }).schemas;
    this.ajv.addSchema(rebase({ $id: BASE, $defs: schemas }));
    // Literal paths first, as the router matches them (/docs before /docs/assets/{file}).
    this.routes = Object.keys(document.paths)
      .map((path) => ({ path, pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`), params: (path.match(/\{/g) ?? []).length }))
      .sort((a, b) => a.params - b.params);
  }

  /** What is wrong with this exchange, in words; empty when the document describes it. */
  check(exchange: Exchange): string[] {
    const route = this.routes.find((candidate) => candidate.pattern.test(exchange.url.pathname));
    if (!route) return [];
    const operation = this.document.paths[route.path]![exchange.method.toLowerCase()] as Operation | undefined;
    if (!operation) return [];
    const where = `${exchange.method} ${route.path} → ${exchange.status}`;
    const problems: string[] = [];

    const response = operation.responses[String(exchange.status)];
    if (!response) return [`${where}: the document gives no ${exchange.status} for this operation (documented: ${Object.keys(operation.responses).join(', ')})`];
    if (!exchange.responseHeaders.get('x-request-id')) problems.push(`${where}: no X-Request-Id header`);

    if (exchange.responseBody.length > 0) {
      const mediaType = (exchange.responseHeaders.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const media = response.content?.[mediaType];
      if (!media) {
        problems.push(`${where}: content type ${mediaType || '(none)'} is not documented (documented: ${Object.keys(response.content ?? {}).join(', ') || 'none'})`);
      } else if (mediaType === 'application/json') {
        problems.push(...this.validate(media.schema, parseJson(exchange.responseBody.toString('utf8')), `${where}: response body`));
      }
    }

    if (exchange.status >= 200 && exchange.status < 300) problems.push(...this.checkRequest(operation, exchange, where));
    return problems;
  }

  private checkRequest(operation: Operation, exchange: Exchange, where: string): string[] {
    const problems: string[] = [];
    const documented = new Set((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(exchange.url.searchParams.keys())) {
      if (!documented.has(name)) problems.push(`${where}: query parameter ${name} is not documented`);
    }
    if (exchange.requestBody === undefined || exchange.requestBody === '') return problems;
    const mediaType = (exchange.requestContentType ?? '').split(';')[0]!.trim().toLowerCase();
    const media = operation.requestBody?.content[mediaType];
    if (!media) return [...problems, `${where}: request content type ${mediaType || '(none)'} is not documented`];
    if (mediaType === 'application/json') problems.push(...this.validate(media.schema, parseJson(exchange.requestBody), `${where}: request body`));
    if (mediaType === 'application/x-www-form-urlencoded') {
      problems.push(...this.validate(media.schema, Object.fromEntries(new URLSearchParams(exchange.requestBody)), `${where}: request form`));
    }
    return problems;
  }

  private validate(schema: object, value: unknown, what: string): string[] {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema));
      this.compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${what}: ${error.instancePath || '(root)'} ${error.message}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`);
  }
}

/** The document's `#/components/schemas/X` references, pointed at the schemas added under BASE. */
function rebase<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${BASE}#/$defs/`)) as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for('not JSON');
  }
}

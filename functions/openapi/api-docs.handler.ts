import { validateInput } from '../../domain/shared/validation';
import { apiHandler } from '../http/api-handler';
import { notFound } from '../http/http-errors';
import { binary, json, text } from '../http/responses';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document';
import { REFERENCE_ASSETS, REFERENCE_PAGE_CSP, readReferenceAsset, referenceAssetParams, referencePage } from './reference-assets';

/**
 * GET /openapi.json, GET /docs and GET /docs/assets/{file} — the API document and its readable
 * reference (Swagger UI), public. The document is built once per container from the same schemas
 * the handlers of this deployment validate with, so what is served is what runs.
 */
let document: OpenApiDocument | undefined;

export const handler = apiHandler({ auth: 'public' }, async ({ event }) => {
  switch (event.routeKey) {
    case 'GET /openapi.json':
      document ??= buildOpenApiDocument();
      return json(200, document, { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' });
    case 'GET /docs/assets/{file}': {
      // An unknown file is a 404 (not a 400): the path names a resource that does not exist.
      const parsed = validateInput(referenceAssetParams, event.pathParameters ?? {});
      if (!parsed.success) throw notFound(`Asset ${event.pathParameters?.file ?? ''}`);
      const { file } = parsed.data;
      const contentType = REFERENCE_ASSETS[file];
      const headers = { 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' };
      return contentType.startsWith('text/') ? text(200, readReferenceAsset(file).toString('utf8'), contentType, headers) : binary(200, readReferenceAsset(file), contentType, headers);
    }
    default:
      return text(200, referencePage(), 'text/html; charset=utf-8', {
        'content-security-policy': REFERENCE_PAGE_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
        'cache-control': 'public, max-age=300',
      });
  }
});

import { referenceAssetParams } from '../reference-assets';
import type { RouteDoc } from '../route-doc';

/** Liveness and the API document itself. */
export const serviceRoutes: readonly RouteDoc[] = [
  {
    method: 'GET',
    path: '/health',
    operationId: 'getHealth',
    tag: 'Service',
    summary: 'Liveness',
    auth: 'public',
    responses: { 200: { description: 'The service answers.', json: 'Health', example: { status: 'ok' } } },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'Service',
    summary: 'This document',
    description: 'The OpenAPI 3.1 document of the API, generated from the zod schemas the handlers validate with.',
    auth: 'public',
    responses: { 200: { description: 'The document.', content: { 'application/json': { type: 'object', required: ['openapi', 'info', 'paths'] } } } },
  },
  {
    method: 'GET',
    path: '/docs',
    operationId: 'getApiReference',
    tag: 'Service',
    summary: 'This document as a readable reference',
    description: 'Swagger UI, served with its assets by the service itself (no CDN), reading /openapi.json.',
    auth: 'public',
    responses: { 200: { description: 'The reference page.', content: { 'text/html': { type: 'string' } } } },
  },
  {
    method: 'GET',
    path: '/docs/assets/{file}',
    operationId: 'getApiReferenceAsset',
    tag: 'Service',
    summary: "The reference page's script and style sheet",
    auth: 'public',
    params: referenceAssetParams,
    responses: {
      200: { description: 'The asset.', content: { 'text/javascript': { type: 'string' }, 'text/css': { type: 'string' }, 'image/png': { type: 'string', contentMediaType: 'image/png' } } },
    },
    errors: { 404: { codes: ['NOT_FOUND'], description: 'No such asset.' } },
  },
];

// Proves the API document covers exactly the routes the manifest serves, each with its errors and access, is valid OpenAPI 3.1, and that docs/openapi.json is what the code generates.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { functions } from '../../../functions/manifest';
import { buildOpenApiDocument, documentedRouteKeys } from '../../../functions/openapi/openapi-document';
import { SWAGGER_UI_FILES } from '../../../functions/openapi/reference-assets';
import { DOCUMENT_FILE, renderOpenApiFile } from '../../../functions/openapi/write-openapi';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');

type Operation = { security: Array<Record<string, string[]>>; responses: Record<string, { content?: Record<string, { schema: unknown }> }>; parameters?: Array<{ name: string; in: string }> };

describe('the API document', () => {
  const document = buildOpenApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation: operation as Operation })));
  // Staff pages (`page` in the manifest) are HTML for people, not API operations.
  const routes = functions.flatMap((fn) => (fn.routes ?? []).filter((route) => !route.page).map((route) => ({ key: `${route.method} ${route.path}`, route })));

  it('describes every route the manifest serves, and no route it does not', () => {
    const documented = documentedRouteKeys(document).sort();
    const served = routes.map((route) => route.key).sort();

    expect({ missing: served.filter((key) => !documented.includes(key)), notServed: documented.filter((key) => !served.includes(key)) }).toEqual({ missing: [], notServed: [] });
  });

  it('validates as OpenAPI 3.1 with a kept validator', async () => {
    // The validator ships as an ES module only, so it runs in its own node process.
    const script = `import { Validator } from '@seriousme/openapi-schema-validator';
      const validator = new Validator();
      const result = await validator.validate(JSON.parse(await new Promise((resolve) => { let text = ''; process.stdin.on('data', (c) => (text += c)).on('end', () => resolve(text)); })));
      process.stdout.write(JSON.stringify({ version: validator.version, ...result }));`;
    const child = run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    child.child.stdin!.end(JSON.stringify(document));
    const { stdout } = await child;

    expect(JSON.parse(stdout)).toEqual({ version: '3.1', valid: true });
  });

  it('is committed as docs/openapi.json exactly as generated (run `npm run openapi` after changing a route or schema)', () => {
    expect(readFileSync(DOCUMENT_FILE, 'utf8')).toBe(renderOpenApiFile());
  });

  it('gives every operation a 500, every operation behind a token its roles, 401 and 403, and every path parameter a schema', () => {
    for (const { key, route } of routes) {
      const { operation } = operations.find((candidate) => candidate.key === key)!;
      expect([key, Object.keys(operation.responses).includes('500')]).toEqual([key, true]);
      if (route.auth === 'jwt') {
        expect([key, operation.security[0]!.bearerAuth!.length > 0, '401' in operation.responses, '403' in operation.responses]).toEqual([key, true, true, true]);
      } else {
        expect([key, operation.security]).toEqual([key, expect.not.arrayContaining([expect.objectContaining({ bearerAuth: expect.anything() })])]);
      }
      const pathParams = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      expect([key, (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)]).toEqual([key, pathParams]);
    }
  });

  it('answers every error in the shared error shape, whose code stays an open string', () => {
    const errorSchema = (document.components as { schemas: Record<string, { properties: { error: { properties: { code: Record<string, unknown> } } } }> }).schemas.Error!;
    expect(errorSchema.properties.error.properties.code).not.toHaveProperty('enum');
    for (const { key, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const json = response.content?.['application/json'];
        if (Number(status) >= 400 && json) expect([key, status, JSON.stringify(json.schema)]).toEqual([key, status, expect.stringContaining('#/components/schemas/Error')]);
      }
    }
  });

  it('describes the outgoing PaymentSucceeded webhook with its signature', () => {
    const webhook = (document.webhooks as Record<string, { post: { parameters: Array<{ name: string }>; description: string } }>).PaymentSucceeded!.post;
    expect(webhook.parameters.map((p) => p.name)).toEqual(['X-Service-Signature']);
    expect(webhook.description).toContain('HMAC-SHA256(PORTAL_WEBHOOK_SECRET');
  });

  it('copies into the ApiDocs bundle exactly the Swagger UI files its handler reads', () => {
    const apiDocs = functions.find((fn) => fn.name === 'ApiDocs')!;
    expect(apiDocs.bundleFiles).toEqual(SWAGGER_UI_FILES.map((file) => `node_modules/swagger-ui-dist/${file}`));
  });
});

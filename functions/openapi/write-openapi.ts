import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from './openapi-document';

/**
 * `npm run openapi`: writes docs/openapi.json, the document GET /openapi.json serves, for client
 * generators and reviewers. test/unit/openapi/openapi-document.test.ts fails while the committed file
 * differs from what the code generates.
 */
export const DOCUMENT_FILE = join(__dirname, '..', '..', 'docs', 'openapi.json');

export function renderOpenApiFile(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(DOCUMENT_FILE, renderOpenApiFile());
  console.log(`wrote ${DOCUMENT_FILE}`);
}

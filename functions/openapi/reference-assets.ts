import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod/mini';

/**
 * The files /docs loads, served by the service itself at /docs/assets/{file} (no CDN, so the
 * reference works on a network that reaches only the service). Swagger UI's script and style sheet
 * come from swagger-ui-dist: in a Lambda bundle they sit next to the handler (the manifest's
 * `bundleFiles` copies them there); locally they are read from the installed package. The page's own
 * start-up script is here, so the page needs no inline script and its CSP can forbid them.
 */
export const SWAGGER_UI_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png'] as const;

export const REFERENCE_ASSETS = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'reference.js': 'text/javascript; charset=utf-8',
} as const;

export type ReferenceAsset = keyof typeof REFERENCE_ASSETS;

export const referenceAssetParams = z.object({
  file: z.enum(Object.keys(REFERENCE_ASSETS) as [ReferenceAsset, ...ReferenceAsset[]], { error: 'is not an asset of the reference page' }),
});

// Relative to /docs, so the page also works when the API is served under a path prefix. No validator
// URL: Swagger UI would otherwise send the document to validator.swagger.io.
const START_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: new URL('openapi.json', document.baseURI).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
  });
});
`;

const cache = new Map<ReferenceAsset, Buffer>();

export function readReferenceAsset(file: ReferenceAsset): Buffer {
  const cached = cache.get(file);
  if (cached) return cached;
  const bytes = file === 'reference.js' ? Buffer.from(START_SCRIPT, 'utf8') : readFileSync(join(swaggerUiDirectory(), file));
  cache.set(file, bytes);
  return bytes;
}

// Resolved at run time, not by the bundler: in a bundle the files are next to it, and only a local run reads the package.
const SWAGGER_UI_PACKAGE = 'swagger-ui-dist/package.json';

function swaggerUiDirectory(): string {
  if (existsSync(join(__dirname, SWAGGER_UI_FILES[0]))) return __dirname;
  return dirname(require.resolve(SWAGGER_UI_PACKAGE));
}

/** The reference page: Swagger UI reading /openapi.json, everything from this service. */
export function referencePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Online fee payments API — reference</title>
<link rel="stylesheet" href="docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="docs/assets/favicon-32x32.png">
</head>
<body>
<noscript>This reference needs JavaScript; the document itself is at <a href="openapi.json">/openapi.json</a>.</noscript>
<div id="swagger-ui"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script src="docs/assets/reference.js"></script>
</body>
</html>
`;
}

/** Swagger UI sets inline styles and shows data: images; it loads nothing from elsewhere. */
export const REFERENCE_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

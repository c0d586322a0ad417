import * as z from 'zod/mini';

/**
 * The files of swagger-ui-dist that /docs loads, served by the service at /docs/assets/{file}. In a
 * Lambda bundle they sit next to the handler (copied by the manifest's `bundleFiles`); locally they
 * are read from the installed package.
 */
export const REFERENCE_ASSETS = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
} as const;

export type ReferenceAsset = keyof typeof REFERENCE_ASSETS;

export const referenceAssetParams = z.object({
  file: z.enum(Object.keys(REFERENCE_ASSETS) as [ReferenceAsset, ...ReferenceAsset[]], { error: 'is not an asset of the reference page' }),
});

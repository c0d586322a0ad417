/**
 * Stands in for `brotli/decompress.js` in Lambda bundles (see infra/bundling.ts). fontkit, which
 * pdfkit uses to embed the receipt's TrueType font, imports the brotli decoder (~480 KB with its
 * dictionary) only to open WOFF2 fonts; the service embeds .ttf files alone. Opening a WOFF2 font
 * in a bundle throws BrotliNotBundledError. Local runs and tests keep the real module.
 */
export class BrotliNotBundledError extends Error {
  constructor() {
    super('brotli is not bundled into this Lambda (infra/lambda-shims/no-brotli.ts): embed a .ttf font, not WOFF2');
    this.name = 'BrotliNotBundledError';
  }
}

export default function decompress(): never {
  throw new BrotliNotBundledError();
}

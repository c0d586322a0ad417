import * as z from 'zod/mini';

/**
 * The body of POST /v1/settlements/{provider}/{businessDate}/upload-url: the handler validates with it
 * and the API document shows it. The path parameters are settlementParams (settlement-params.ts).
 */
export const uploadUrlBody = z.strictObject({
  sizeBytes: z.number().check(z.int('must be a whole number of bytes'), z.minimum(1, 'must be at least 1'), z.maximum(5 * 1024 ** 3, 'must be at most 5 GiB')),
});

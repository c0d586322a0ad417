import * as z from 'zod/mini';

/** Request schemas of the catalog routes: the handlers validate with them and the API document shows them. */
export const procedureParams = z.object({ code: z.string().check(z.regex(/^[A-Z0-9-]{1,64}$/, 'must be a procedure code such as CT-BANSAO')) });

export const listProceduresQuery = z.object({ agency: z.optional(z.string().check(z.regex(/^[A-Z0-9_-]{1,32}$/, 'must be an agency code such as STP'))) });

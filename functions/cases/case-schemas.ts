import * as z from 'zod/mini';
import { CASE_ID_PATTERN, CASE_TYPES } from '../../domain/cases/case';
import { CASE_STATUSES } from '../../domain/cases/case-state-machine';
import { RUN_ID_PATTERN } from '../../domain/reconciliation-runs/reconciliation-ids';

/** Path parameters and queries of the case routes: the handlers validate with them and the API document shows them. */
export const caseParams = z.object({ caseId: z.string().check(z.regex(CASE_ID_PATTERN, 'must be a case id such as cas_…')) });

export const listCasesQuery = z.object({
  status: z.optional(z.enum(CASE_STATUSES, { error: `must be one of ${CASE_STATUSES.join(', ')}` })),
  type: z.optional(z.enum(CASE_TYPES, { error: `must be one of ${CASE_TYPES.join(', ')}` })),
  agency: z.optional(z.string().check(z.regex(/^[A-Z0-9_-]{1,40}$/, 'must be an agency code'))),
  runId: z.optional(z.string().check(z.regex(RUN_ID_PATTERN, 'must be a run id such as rec_01JD…'))),
  limit: z._default(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1, 'must be from 1 to 100'), z.maximum(100, 'must be from 1 to 100')), 50),
  cursor: z.optional(z.string().check(z.maxLength(4096, 'is too long'), z.regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor this listing returned'))),
});

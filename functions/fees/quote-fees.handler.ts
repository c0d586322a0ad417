import * as z from 'zod/mini';
import { feeInputsSchema } from '../../domain/fees/fee-inputs';
import { SUBMISSION_CHANNELS } from '../../domain/fees/online-reduction';
import { catalog, clock } from '../composition';
import { apiHandler } from '../http/api-handler';
import { unprocessable, validationFailed } from '../http/http-errors';
import { json } from '../http/responses';
import { quoteProcedureFees } from './quote-fees';

const body = z.object({
  procedureCode: z.string().check(z.regex(/^[A-Z0-9-]{1,64}$/, 'must be a procedure code such as CT-BANSAO')),
  inputs: z._default(feeInputsSchema, {}),
  submittedAt: z.optional(z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with an offset, e.g. 2025-01-01T00:00:00+07:00' })),
  // Not in CONTRACT.md's body: the portal asks for online dossiers, so ONLINE is the default (docs/CATALOG.md).
  channel: z._default(z.enum(SUBMISSION_CHANNELS, { error: `must be one of ${SUBMISSION_CHANNELS.join(', ')}` }), 'ONLINE'),
});

/**
 * POST /v1/fees/quote — what a dossier would owe, line by line, with an explanation per line, for
 * an online dossier (the default, with any online reduction) or one handed in at the counter. An
 * unknown procedure is 422 UNKNOWN_PROCEDURE naming `procedureCode` (the body, not the URL, names it).
 */
export const handler = apiHandler({ auth: 'public', body, uses: [catalog, clock] }, async ({ body }, deps) => {
  const result = await quoteProcedureFees(body, deps);
  switch (result.kind) {
    case 'QUOTED':
      return json(200, result.quote);
    case 'UNKNOWN_PROCEDURE':
      throw unprocessable('UNKNOWN_PROCEDURE', `Procedure ${body.procedureCode} is not in the catalog.`, [{ path: 'procedureCode', message: 'unknown procedure' }]);
    case 'INVALID_INPUTS':
      throw validationFailed(result.issues, 'The inputs do not allow the fees of this procedure to be computed.');
  }
});

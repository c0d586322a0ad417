import { catalog, clock } from '../composition';
import { apiHandler } from '../http/api-handler';
import { unprocessable, validationFailed } from '../http/http-errors';
import { json } from '../http/responses';
import { quoteProcedureFees } from './quote-fees';
import { quoteFeesBody as body } from './quote-fees-schemas';

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

import { MOCK_BANK_MAX_BODY_BYTES, parseMockBankCallback, verifyMockBankSignature } from '../../domain/providers/mock-bank-protocol';
import { clock, config, dynamoDb, payments, tableName } from '../composition';
import { apiHandler } from '../http/api-handler';
import { HttpError, validationFailed } from '../http/http-errors';
import { json } from '../http/responses';
import { applyProviderReport } from './apply-provider-report';
import { countCallback, countSignatureRefused } from './callback-metrics';
import { reportDependencies } from './report-dependencies';

/**
 * POST /v1/callbacks/mock-bank — the bank gateway's signed JSON webhook (CONTRACT.md).
 * The signature over the raw body is checked before anything is parsed or stored, so a forged or
 * replayed-too-late callback leaves no trace and can never block the real one. A 5xx (from the one
 * error handler) means the outcome could not be stored, and the bank retries.
 */
export const handler = apiHandler({ auth: 'signed', maxBodyBytes: MOCK_BANK_MAX_BODY_BYTES, uses: [config, clock, payments, dynamoDb, tableName] }, async ({ rawBody, headers }, deps) => {
  const signature = verifyMockBankSignature({
    header: headers['x-mockbank-signature'],
    rawBody,
    secrets: deps.config.secretLists.mockBank,
    now: deps.clock.now(),
  });
  if (!signature.valid) {
    countSignatureRefused();
    throw new HttpError(401, 'INVALID_SIGNATURE', 'The callback signature is missing, wrong or outside the allowed time window.', [
      { path: 'X-MockBank-Signature', message: signature.reason },
    ]);
  }
  const parsed = parseMockBankCallback(rawBody);
  if (!parsed.ok) throw validationFailed(parsed.issues.map((issue) => ({ path: issue.path || 'body', message: issue.message })));
  const result = await applyProviderReport(parsed.report, reportDependencies(deps));
  countCallback(result);
  return json(200, { received: true, outcome: result.outcome });
});

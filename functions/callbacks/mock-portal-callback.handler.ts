import { parseMockPortalIpn } from '../../domain/providers/mock-portal-ipn';
import {
  MOCK_PORTAL_MAX_BODY_BYTES,
  PORTAL_RSP,
  portalFieldsFromForm,
  portalFieldsFromQuery,
  verifyPortalFields,
  type PortalRsp,
} from '../../domain/providers/mock-portal-protocol';
import { clock, config, dynamoDb, payments, tableName } from '../composition';
import { apiHandler } from '../http/api-handler';
import { invalidUtf8 } from '../http/http-errors';
import { json } from '../http/responses';
import { logger } from '../observability/logger';
import { applyProviderReport, type ReportOutcome } from './apply-provider-report';
import { countCallback, countSignatureRefused } from './callback-metrics';
import { reportDependencies } from './report-dependencies';

/**
 * GET or POST (form) /v1/callbacks/mock-portal — the national portal payment platform's IPN, VNPAY
 * style (CONTRACT.md). The platform reads only the RspCode of a 200 answer and retries on anything
 * but 00 and 02, so every answer, a fault included, is a 200 with an RspCode: 97 for a bad hash
 * (nothing stored), 99 when the outcome could not be stored (the platform retries). The one
 * exception is bytes that are not UTF-8: a 400 naming the field, as for any other body.
 */
const RSP_BY_OUTCOME: Record<ReportOutcome, PortalRsp> = {
  APPLIED: PORTAL_RSP.CONFIRMED,
  LATE_SUCCESS: PORTAL_RSP.CONFIRMED,
  DUPLICATE: PORTAL_RSP.ALREADY_CONFIRMED,
  IGNORED: PORTAL_RSP.ALREADY_CONFIRMED,
  AMOUNT_MISMATCH: PORTAL_RSP.INVALID_AMOUNT,
  UNKNOWN_PAYMENT: PORTAL_RSP.ORDER_NOT_FOUND,
};

export const handler = apiHandler({ auth: 'signed', maxBodyBytes: MOCK_PORTAL_MAX_BODY_BYTES, uses: [config, clock, payments, dynamoDb, tableName] }, async ({ rawBody, event }, deps) => {
  const fields = event.requestContext.http.method === 'GET' ? portalFieldsFromQuery(event.rawQueryString) : portalFieldsFromForm(rawBody);
  // Bytes that are not UTF-8 are bad input like any other body's (CONTRACT.md): a 400, nothing read or stored.
  if (!fields.ok && fields.reason === 'INVALID_ENCODING') throw invalidUtf8(fields.field ?? 'body', 'The IPN is not valid UTF-8; nothing was stored.');
  try {
    if (!fields.ok) return json(200, PORTAL_RSP.UNKNOWN_ERROR);
    const signature = verifyPortalFields(fields.fields, deps.config.secretLists.mockPortal);
    if (!signature.valid) {
      countSignatureRefused();
      return json(200, PORTAL_RSP.INVALID_SIGNATURE);
    }
    const parsed = parseMockPortalIpn(fields.fields);
    if (!parsed.ok) return json(200, parsed.rsp);
    // An IPN for another merchant terminal is not about any order of this service.
    if (parsed.ipn.tmnCode !== deps.config.MOCK_PORTAL_TMN_CODE) return json(200, PORTAL_RSP.ORDER_NOT_FOUND);
    const result = await applyProviderReport(parsed.report, reportDependencies(deps));
    countCallback(result);
    return json(200, RSP_BY_OUTCOME[result.outcome]);
  } catch (error) {
    logger.error('mock-portal IPN could not be applied', error as Error);
    return json(200, PORTAL_RSP.UNKNOWN_ERROR);
  }
});

import { parseMockPortalIpn } from './mock-portal-ipn';
import { encodePortalFields, formatPortalDate, type PortalFields, verifyPortalFields, withPortalSecureHash } from './mock-portal-protocol';
import type { FieldIssue, ProviderPaymentReport } from './provider-payment-report';

/**
 * mock-portal's transaction query, like VNPAY's querydr: the service's mop-up job posts
 * `POST /mock-portal/querydr` (form: pg_TmnCode, pg_TxnRef, pg_RequestId, pg_CreateDate, pg_SecureHash)
 * and gets JSON pg_* fields back, signed with the same sorted-field HMAC-SHA512.
 * pg_ResponseCode answers the query (00 found, 91 not found, 97 invalid signature, 99 invalid request);
 * pg_TransactionStatus is the transaction's (00 success, 02 failed or cancelled).
 */
export const MOCK_PORTAL_QUERYDR_PATH = '/mock-portal/querydr';

export const PORTAL_QUERY_CODE = { FOUND: '00', NOT_FOUND: '91', INVALID_SIGNATURE: '97', INVALID_REQUEST: '99' } as const;

/** The form body of a querydr request. */
export function buildMockPortalQueryRequest(input: {
  paymentId: string;
  tmnCode: string;
  /** Unique per request, as VNPAY asks, so the platform can tell retries from new queries. */
  requestId: string;
  at: Date;
  secret: string;
}): string {
  return encodePortalFields(
    withPortalSecureHash(
      {
        pg_TmnCode: input.tmnCode,
        pg_TxnRef: input.paymentId,
        pg_RequestId: input.requestId,
        pg_CreateDate: formatPortalDate(input.at),
      },
      input.secret,
    ),
  );
}

export type MockPortalQueryResult =
  | { ok: true; found: false; paymentId: string | undefined }
  | { ok: true; found: true; report: ProviderPaymentReport }
  | { ok: false; reason: 'INVALID_SIGNATURE' | 'QUERY_REFUSED' | 'INVALID_FIELDS'; issues: FieldIssue[] };

/** Verifies and reads a querydr answer (the parsed JSON object). */
export function parseMockPortalQueryResponse(json: unknown, secrets: string | readonly string[]): MockPortalQueryResult {
  const fields = stringFields(json);
  if (fields === undefined) return { ok: false, reason: 'INVALID_FIELDS', issues: [{ path: '', message: 'expected an object of pg_* strings' }] };
  const signature = verifyPortalFields(fields, secrets);
  if (!signature.valid) return { ok: false, reason: 'INVALID_SIGNATURE', issues: [{ path: 'pg_SecureHash', message: signature.reason }] };

  const code = fields.pg_ResponseCode;
  if (code === PORTAL_QUERY_CODE.NOT_FOUND) return { ok: true, found: false, paymentId: fields.pg_TxnRef };
  if (code !== PORTAL_QUERY_CODE.FOUND) {
    return { ok: false, reason: 'QUERY_REFUSED', issues: [{ path: 'pg_ResponseCode', message: `the platform answered ${code ?? 'nothing'}` }] };
  }
  // A found transaction carries the IPN's fields; its pg_ResponseCode (00) then reads as the IPN's.
  const parsed = parseMockPortalIpn(fields);
  if (!parsed.ok) return { ok: false, reason: 'INVALID_FIELDS', issues: parsed.issues };
  return { ok: true, found: true, report: parsed.report };
}

function stringFields(json: unknown): PortalFields | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const fields: PortalFields = {};
  for (const [name, value] of Object.entries(json)) {
    if (!name.startsWith('pg_')) continue; // unsigned extras carry no weight
    if (typeof value !== 'string') return undefined;
    fields[name] = value;
  }
  return fields;
}

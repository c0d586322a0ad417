import * as z from 'zod/mini';
import { mockBankCallbackSchema } from '../../../domain/providers/mock-bank-protocol';
import { ipnSchema } from '../../../domain/providers/mock-portal-ipn';
import type { RouteDoc } from '../route-doc';
import { EXAMPLE } from './examples';

/** The IPN's fields as the handler reads them, plus the hash it verifies first. */
const portalIpnFields = z.extend(ipnSchema, {
  pg_SecureHash: z.string().check(z.regex(/^[0-9a-fA-F]{128}$/)),
});

const portalExample = {
  pg_TmnCode: 'DVCDONGNAI',
  pg_Amount: '1400000',
  pg_TxnRef: EXAMPLE.paymentId,
  pg_TransactionNo: '14233567',
  pg_ResponseCode: '00',
  pg_TransactionStatus: '00',
  pg_PayDate: '20260110090512',
  pg_BankCode: 'VCB',
  pg_SecureHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a089f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
};

const portalDescription =
  'The national portal payment platform\'s IPN (VNPAY style), by GET (query string) or POST (form). Every answer is a 200 with an RspCode, a fault included, because the platform reads only that: 97 for a bad `pg_SecureHash` (nothing stored), 99 when the outcome could not be stored (the platform retries), 04 for an amount other than the payment\'s, or one that is not a positive whole number of đồng (a review item for finance records it, with the provider\'s own amount text in `providerAmount`). The one answer that is not a 200: bytes that are not UTF-8 in a `pg_*` field are a 400 VALIDATION_FAILED naming the field, and nothing is read or stored. `pg_Amount` is VND × 100; `pg_PayDate` is yyyyMMddHHmmss in UTC+7.';

const invalidEncoding = { codes: ['VALIDATION_FAILED'], description: 'A `pg_*` field (or the body) is not valid UTF-8: `details` names the field; nothing is stored.' };

/** The providers' signed callbacks (CONTRACT.md, Provider callbacks). */
export const callbackRoutes: readonly RouteDoc[] = [
  {
    method: 'POST',
    path: '/v1/callbacks/mock-bank',
    operationId: 'mockBankCallback',
    tag: 'Provider callbacks',
    summary: "mock-bank's signed payment webhook",
    description:
      'The signature over the raw body is checked before anything is parsed or stored, so a forged or late callback leaves no trace. A 5xx means the outcome could not be stored, and the bank retries.',
    auth: 'signed',
    security: [{ mockBankSignature: [] }],
    body: {
      contentType: 'application/json',
      schema: mockBankCallbackSchema,
      example: {
        eventId: 'evt_7d1f0c2a',
        providerTxnId: 'MB20260110000123',
        paymentId: EXAMPLE.paymentId,
        amount: 14000,
        currency: 'VND',
        status: 'SUCCEEDED',
        occurredAt: '2026-01-10T09:05:12+07:00',
        bankCode: 'VCB',
      },
    },
    responses: { 200: { description: 'Received; `outcome` says what the service did with it.', json: 'MockBankCallbackAnswer', example: { received: true, outcome: 'APPLIED' } } },
    errors: {
      400: { codes: ['VALIDATION_FAILED'], description: 'Correctly signed but not a callback body.' },
      401: { codes: ['INVALID_SIGNATURE'], description: 'The X-MockBank-Signature is missing, wrong, or its `t` is more than 300 s from now; nothing is stored.' },
    },
  },
  {
    method: 'GET',
    path: '/v1/callbacks/mock-portal',
    operationId: 'mockPortalIpnByQuery',
    tag: 'Provider callbacks',
    summary: "mock-portal's IPN, as a query string",
    description: portalDescription,
    auth: 'signed',
    security: [{ mockPortalSecureHash: [] }],
    query: portalIpnFields,
    // Malformed or unsigned IPNs are answered with an RspCode, never with a 400.
    commonErrors: false,
    responses: { 200: { description: 'The IPN answer.', json: 'MockPortalIpnAnswer', example: { RspCode: '00', Message: 'Confirm Success' } } },
    errors: { 400: invalidEncoding },
  },
  {
    method: 'POST',
    path: '/v1/callbacks/mock-portal',
    operationId: 'mockPortalIpnByForm',
    tag: 'Provider callbacks',
    summary: "mock-portal's IPN, as a form",
    description: portalDescription,
    auth: 'signed',
    security: [{ mockPortalSecureHash: [] }],
    body: { contentType: 'application/x-www-form-urlencoded', schema: portalIpnFields, example: portalExample },
    commonErrors: false,
    responses: { 200: { description: 'The IPN answer.', json: 'MockPortalIpnAnswer', example: { RspCode: '00', Message: 'Confirm Success' } } },
    errors: { 400: invalidEncoding, 413: { codes: ['PAYLOAD_TOO_LARGE'], description: 'A body over 16 KiB, refused before it is read.' } },
  },
];

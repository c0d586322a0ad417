import { counterPaymentBody } from '../../counter-payments/counter-payment-schemas';
import { createPaymentRequestSchema } from '../../payments/create-payment-request';
import { paymentParams } from '../../payments/payment-schemas';
import type { RouteDoc } from '../route-doc';
import { EXAMPLE, examplePayment } from './examples';

const idempotencyKey = {
  name: 'Idempotency-Key',
  required: true,
  description:
    'One key per payment request of the caller (1–255 characters of A-Z, a-z, 0-9, `_`, `-`). The same key with the same body answers the same payment again (`Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED; while the first request is still in flight, 409 IDEMPOTENCY_KEY_IN_USE.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,255}$' },
};

const location = { description: 'The payment: /v1/payments/{paymentId}.', schema: { type: 'string' } };

/** Online payments and counter payments. */
export const paymentRoutes: readonly RouteDoc[] = [
  {
    method: 'POST',
    path: '/v1/payments',
    operationId: 'createPayment',
    tag: 'Payments',
    summary: 'Create a payment for a dossier',
    description:
      'Prices the dossier from the catalog (the caller never sends an amount) and answers with the provider\'s payment page (`paymentUrl`) and a VietQR payload. The payment expires at `expiresAt` unless paid.',
    auth: ['portal'],
    headers: [idempotencyKey],
    body: {
      contentType: 'application/json',
      schema: createPaymentRequestSchema,
      example: {
        dossierId: EXAMPLE.dossierId,
        procedureCode: EXAMPLE.procedureCode,
        agencyCode: EXAMPLE.agencyCode,
        provider: 'mock-bank',
        inputs: { pages: 5, copies: 2 },
        payer: { name: 'Nguyễn Văn A', idNumber: '079203001234' },
        returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
      },
    },
    responses: {
      201: { description: 'A new payment, PENDING.', json: 'Payment', example: examplePayment, headers: { Location: location } },
      200: {
        description: 'A replay of an earlier request with the same key and body: the payment as it is now.',
        json: 'Payment',
        headers: { Location: location, 'Idempotent-Replayed': { description: 'Always `true` on a replay.', schema: { type: 'string', const: 'true' } } },
      },
    },
    errors: {
      400: { codes: ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_MISSING'], description: 'A field is malformed or the inputs do not price the dossier; or the Idempotency-Key header is missing or malformed.' },
      403: { codes: ['FORBIDDEN'], description: 'Not a `portal` token, or not for this agency.' },
      409: { codes: ['IDEMPOTENCY_KEY_IN_USE', 'DOSSIER_ALREADY_PAID'], description: 'The first request with this key is still in flight (retry after `Retry-After`), or the dossier has a SUCCEEDED payment.' },
      422: {
        codes: ['IDEMPOTENCY_KEY_REUSED', 'UNKNOWN_PROCEDURE', 'AGENCY_MISMATCH', 'NO_PAYMENT_REQUIRED', 'DOSSIER_PROCEDURE_MISMATCH'],
        description: 'The key was used with another body; the procedure is unknown, of another agency, or owes nothing; or the dossier belongs to another procedure.',
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/payments/{paymentId}',
    operationId: 'getPayment',
    tag: 'Payments',
    summary: 'A payment with its history',
    auth: ['portal', 'finance'],
    params: paymentParams,
    responses: {
      200: {
        description: 'The payment and its events, oldest first.',
        json: 'Payment',
        example: { ...examplePayment, events: [{ type: 'PaymentCreated', at: '2026-01-10T09:00:00+07:00' }] },
      },
    },
    errors: { 403: { codes: ['FORBIDDEN'], description: 'A payment of an agency this token may not act for.' }, 404: { codes: ['NOT_FOUND'] } },
  },
  {
    method: 'POST',
    path: '/v1/payments/{paymentId}/cancel',
    operationId: 'cancelPayment',
    tag: 'Payments',
    summary: 'Cancel a PENDING payment',
    description: 'A success the provider reports after this still sets SUCCEEDED with `lateSuccess: true` and a review item for finance.',
    auth: ['portal'],
    params: paymentParams,
    responses: { 200: { description: 'The payment, CANCELLED, with its events.', json: 'Payment' } },
    errors: {
      403: { codes: ['FORBIDDEN'], description: 'A payment of an agency this token may not act for.' },
      404: { codes: ['NOT_FOUND'] },
      409: { codes: ['INVALID_STATE'], description: 'The payment is finished (SUCCEEDED, FAILED, EXPIRED or CANCELLED).' },
    },
  },
  {
    method: 'POST',
    path: '/v1/offline-payments',
    operationId: 'recordCounterPayment',
    tag: 'Payments',
    summary: 'Record a fee collected at the counter',
    auth: ['finance'],
    body: {
      contentType: 'application/json',
      schema: counterPaymentBody,
      example: { dossierId: 'HS-TANPHONG-2026-000124', procedureCode: 'CT-CHUKY', agencyCode: 'TANPHONG', amount: 10000, method: 'CASH', paidAt: '2026-01-10T10:30:00+07:00', receiptNo: '0000125' },
    },
    responses: { 201: { description: 'The counter payment, recorded.', json: 'CounterPayment' } },
    errors: {
      403: { codes: ['FORBIDDEN'], description: 'Not a `finance` token, or not for this agency.' },
      409: { codes: ['DUPLICATE_RECEIPT', 'DOSSIER_ALREADY_PAID'], description: 'The receipt number of the agency is recorded already, or the dossier is paid.' },
      422: {
        codes: ['UNKNOWN_PROCEDURE', 'AGENCY_MISMATCH', 'NO_PAYMENT_REQUIRED', 'PAID_IN_FUTURE', 'DOSSIER_PROCEDURE_MISMATCH'],
        description: 'The procedure is unknown, of another agency or without a fee; `paidAt` is in the future; or the dossier belongs to another procedure.',
      },
    },
  },
];

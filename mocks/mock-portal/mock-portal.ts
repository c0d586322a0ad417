import * as z from 'zod/mini';
import { mockPortalEventId } from '../../domain/providers/mock-portal-ipn';
import { verifyMockPortalPaymentRequest } from '../../domain/providers/mock-portal-payment-url';
import {
  encodePortalFields,
  formatPortalDate,
  isPortalRspFinal,
  PORTAL_RESPONSE_CODE,
  PORTAL_TRANSACTION_STATUS,
  type PortalFields,
  portalFieldsFrom,
  verifyPortalFields,
  vndToPortalAmount,
  withPortalSecureHash,
} from '../../domain/providers/mock-portal-protocol';
import { PORTAL_QUERY_CODE } from '../../domain/providers/mock-portal-querydr';
import { PROVIDER_REFERENCE_PATTERN } from '../../domain/providers/provider-payment-report';
import type { AmountVnd } from '../../domain/shared/money';
import type { CallbackVerdict } from '../shared/callback-sender';
import { faultRequestSchema } from '../shared/faults';
import { json, methodNotAllowed, type MockRequest, type MockResponse, readForm, tooLarge } from '../shared/http';
import type { LedgerEntry, LedgerStatus } from '../shared/ledger';
import { type GatewayOptions, type GatewayProtocol, MockGateway, type MockProvider, mockProvider, randomDigits } from '../shared/mock-gateway';
import { NotificationReceiver, type ReceivedNotification } from './notification-receiver';
import { dossierReturnPage } from './return-page';

/**
 * mock-portal: the national portal's payment platform, VNPAY style. Its IPN is a form POST of pg_*
 * fields with pg_SecureHash; it retries until the service answers RspCode 00 or 02. Besides the shared
 * gateway routes it answers `POST /mock-portal/querydr`, receives the service's notifications at
 * `/mock-portal/notifications`, and shows the portal's dossier page payers return to at
 * `/mock-portal/dossiers/{dossierId}`.
 *
 * Fee: a fixed 1,650 VND per settled payment (never more than the payment), as platforms charge per
 * transaction rather than by percentage.
 */
export const MOCK_PORTAL_FIXED_FEE: AmountVnd = 1650;
export const MOCK_PORTAL_DEFAULT_TMN_CODE = 'MOCKPORTAL';
export const MOCK_PORTAL_BANK_CODE = 'NCB';
const MAX_FORM_BYTES = 16 * 1024;

export function mockPortalFee(amount: AmountVnd): AmountVnd {
  return Math.min(MOCK_PORTAL_FIXED_FEE, amount);
}

export interface MockPortal extends MockProvider {
  notifications(): readonly ReceivedNotification[];
}

export interface MockPortalOptions extends Omit<GatewayOptions, 'extraFaults'> {
  serviceBaseUrl: string;
  secret: string;
  tmnCode: string;
  /** Verifies the service's X-Service-Signature on notifications. */
  notificationSecret: string;
}

/** The platform stops retrying only on HTTP 200 with RspCode 00 or 02. */
export function judgeMockPortalAnswer(status: number, text: string): CallbackVerdict {
  if (status !== 200) return 'RETRY';
  try {
    const answer = JSON.parse(text) as { RspCode?: unknown };
    return typeof answer.RspCode === 'string' && isPortalRspFinal(answer.RspCode) ? 'DELIVERED' : 'RETRY';
  } catch {
    return 'RETRY';
  }
}

const CODES: Record<LedgerStatus, { response: string; transaction: string }> = {
  SUCCEEDED: { response: PORTAL_RESPONSE_CODE.SUCCESS, transaction: PORTAL_TRANSACTION_STATUS.SUCCESS },
  FAILED: { response: PORTAL_RESPONSE_CODE.INSUFFICIENT_FUNDS, transaction: PORTAL_TRANSACTION_STATUS.FAILED },
  CANCELLED: { response: PORTAL_RESPONSE_CODE.CANCELLED_BY_PAYER, transaction: PORTAL_TRANSACTION_STATUS.FAILED },
};

export function createMockPortal(options: MockPortalOptions): MockPortal {
  const callbackUrl = `${options.serviceBaseUrl.replace(/\/+$/, '')}/v1/callbacks/mock-portal`;
  const receiver = new NotificationReceiver({ secret: options.notificationSecret, now: options.now, log: options.log });

  function ipnFields(entry: LedgerEntry, status: LedgerStatus, occurredAt: string): PortalFields {
    return {
      pg_TmnCode: options.tmnCode,
      pg_Amount: vndToPortalAmount(entry.amount),
      pg_TxnRef: entry.paymentId,
      pg_TransactionNo: entry.providerTxnId,
      pg_ResponseCode: CODES[status].response,
      pg_TransactionStatus: CODES[status].transaction,
      pg_PayDate: formatPortalDate(new Date(occurredAt)),
      pg_BankCode: entry.bankCode,
    };
  }

  const protocol: GatewayProtocol = {
    provider: 'mock-portal',
    displayName: 'Nền tảng thanh toán Cổng Dịch vụ công (mock-portal)',
    defaultBankCode: MOCK_PORTAL_BANK_CODE,
    secret: options.secret,
    verifyPaymentRequest: (paymentId, params, now) => {
      const verified = verifyMockPortalPaymentRequest({ paymentId, params, secrets: options.secret, now });
      if (verified.ok && verified.request.tmnCode !== options.tmnCode) {
        return { ok: false, reason: 'MALFORMED', detail: `pg_TmnCode ${verified.request.tmnCode ?? ''} is not this terminal` };
      }
      return verified;
    },
    newProviderTxnId: () => randomDigits(8),
    eventIdFor: (providerTxnId, status) => mockPortalEventId(providerTxnId, status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED'),
    callbackRequest: (event, secret) => ({
      url: callbackUrl,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: encodePortalFields(withPortalSecureHash(ipnFields(event.entry, event.status, event.occurredAt), secret)),
    }),
    judge: judgeMockPortalAnswer,
    // As VNPAY does, the payer comes back with the same signed fields the IPN carries.
    returnParams: (entry) => withPortalSecureHash(ipnFields(entry, entry.status, entry.occurredAt), options.secret),
    feeOf: mockPortalFee,
  };

  const extraFaultSchema = z.extend(faultRequestSchema, { failNotifications: z.optional(z.int().check(z.minimum(0), z.maximum(100))) }).check(
    z.refine((request) => request.failNotifications === undefined || request.paymentId === undefined, {
      error: 'failNotifications is global: leave paymentId out',
      path: ['failNotifications'],
    }),
  );
  const gateway = new MockGateway(protocol, {
    ...options,
    extraFaults: {
      schema: extraFaultSchema,
      apply: (request) => {
        if (typeof request.failNotifications === 'number') receiver.failNext(request.failNotifications);
      },
      describe: () => receiver.describe(),
      clear: () => receiver.failNext(0),
    },
  });

  function ownRoutes(req: MockRequest, rest: string): MockResponse | undefined {
    if (rest === '/querydr') return req.method === 'POST' ? queryTransaction(req) : methodNotAllowed(['POST']);
    if (rest === '/notifications') return receiver.handle(req);
    const dossier = /^\/dossiers\/([^/]+)$/.exec(rest);
    if (dossier) return req.method === 'GET' ? dossierReturnPage(req, dossier[1]!, receiver.list()) : methodNotAllowed(['GET']);
    return undefined;
  }

  /** querydr: what the service's mop-up job asks about a payment whose IPN has not arrived. */
  function queryTransaction(req: MockRequest): MockResponse {
    const form = readForm(req, MAX_FORM_BYTES);
    if (form === undefined) return tooLarge(MAX_FORM_BYTES);
    const answer = (fields: PortalFields) => json(200, withPortalSecureHash(fields, options.secret));
    const read = portalFieldsFrom(form);
    if (!read.ok) return answer({ pg_ResponseCode: PORTAL_QUERY_CODE.INVALID_REQUEST, pg_Message: `Invalid request: ${read.reason}` });
    const fields = read.fields;
    if (!verifyPortalFields(fields, options.secret).valid) {
      return answer({ pg_ResponseCode: PORTAL_QUERY_CODE.INVALID_SIGNATURE, pg_Message: 'Invalid signature' });
    }
    const paymentId = fields.pg_TxnRef;
    if (paymentId === undefined || !PROVIDER_REFERENCE_PATTERN.test(paymentId) || fields.pg_TmnCode !== options.tmnCode || !fields.pg_RequestId) {
      return answer({ pg_ResponseCode: PORTAL_QUERY_CODE.INVALID_REQUEST, pg_Message: 'Invalid request' });
    }
    const entry = gateway.ledger.latestFor(paymentId);
    if (entry === undefined) {
      return answer({ pg_ResponseCode: PORTAL_QUERY_CODE.NOT_FOUND, pg_Message: 'Transaction not found', pg_TxnRef: paymentId });
    }
    return answer({
      ...ipnFields(entry, entry.status, entry.occurredAt),
      // The query's own answer code; the transaction's outcome is pg_TransactionStatus.
      pg_ResponseCode: PORTAL_QUERY_CODE.FOUND,
      pg_Message: 'Found',
    });
  }

  return { ...mockProvider(gateway, ownRoutes), notifications: () => receiver.list() };
}

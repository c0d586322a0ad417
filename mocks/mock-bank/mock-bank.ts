import { randomBytes } from 'node:crypto';
import Decimal from 'decimal.js';
import { verifyMockBankPaymentRequest } from '../../domain/providers/mock-bank-payment-url';
import {
  type MockBankCallback,
  MOCK_BANK_SIGNATURE_HEADER,
  signMockBankBody,
  verifyMockBankSignature,
} from '../../domain/providers/mock-bank-protocol';
import { type MockBankStatusBody, mockBankStatusQueryText } from '../../domain/providers/mock-bank-status-query';
import { PROVIDER_REFERENCE_PATTERN } from '../../domain/providers/provider-payment-report';
import { roundVndHalfUp } from '../../domain/fees/rounding';
import type { AmountVnd } from '../../domain/shared/money';
import type { CallbackVerdict } from '../shared/callback-sender';
import { headerOf, json, jsonText, methodNotAllowed, type MockRequest, type MockResponse } from '../shared/http';
import { type GatewayOptions, type GatewayProtocol, MockGateway, type MockProvider, mockProvider, randomDigits } from '../shared/mock-gateway';

/**
 * mock-bank: a bank's card/account gateway with a Stripe-like signed JSON webhook. Besides the shared
 * gateway routes it answers the status query `GET /mock-bank/payments/{paymentId}`.
 *
 * Fee: 0.8% of the amount, rounded half up to whole đồng (a typical domestic card rate).
 */
export const MOCK_BANK_FEE_RATE = '0.008';
export const MOCK_BANK_CODE = 'MOCKBANK';

export function mockBankFee(amount: AmountVnd): AmountVnd {
  return roundVndHalfUp(new Decimal(amount).mul(MOCK_BANK_FEE_RATE));
}

export interface MockBankOptions extends Omit<GatewayOptions, 'extraFaults'> {
  serviceBaseUrl: string;
  secret: string;
}

/** A bank answers 2xx as "got it"; it tries again after a timeout, 429 or a 5xx, and never after other 4xx. */
export function judgeMockBankAnswer(status: number): CallbackVerdict {
  if (status >= 200 && status < 300) return 'DELIVERED';
  if (status === 408 || status === 429 || status >= 500) return 'RETRY';
  return 'GIVE_UP';
}

export function createMockBank(options: MockBankOptions): MockProvider {
  const callbackUrl = `${options.serviceBaseUrl.replace(/\/+$/, '')}/v1/callbacks/mock-bank`;
  const protocol: GatewayProtocol = {
    provider: 'mock-bank',
    displayName: 'Ngân hàng Mô phỏng (mock-bank)',
    defaultBankCode: MOCK_BANK_CODE,
    secret: options.secret,
    verifyPaymentRequest: (paymentId, params, now) => verifyMockBankPaymentRequest({ paymentId, params, secrets: options.secret, now }),
    newProviderTxnId: () => `MB${randomDigits(12)}`,
    eventIdFor: () => `evt_${randomBytes(12).toString('hex')}`,
    callbackRequest: (event, secret, at) => {
      const callback: MockBankCallback = {
        eventId: event.eventId,
        providerTxnId: event.entry.providerTxnId,
        paymentId: event.entry.paymentId,
        amount: event.entry.amount,
        currency: 'VND',
        status: event.status,
        occurredAt: event.occurredAt,
        bankCode: event.entry.bankCode,
      };
      const body = JSON.stringify(callback);
      return {
        url: callbackUrl,
        headers: { 'Content-Type': 'application/json', [MOCK_BANK_SIGNATURE_HEADER]: signMockBankBody(body, secret, at) },
        body,
      };
    },
    judge: (status) => judgeMockBankAnswer(status),
    returnParams: (entry) => ({ paymentId: entry.paymentId, status: entry.status, providerTxnId: entry.providerTxnId }),
    feeOf: mockBankFee,
  };
  const gateway = new MockGateway(protocol, options);

  function ownRoutes(req: MockRequest, rest: string): MockResponse | undefined {
    const status = /^\/payments\/([^/]+)$/.exec(rest);
    if (status) return req.method === 'GET' ? statusQuery(req, status[1]!) : methodNotAllowed(['GET']);
    return undefined;
  }

  /** The status query a mop-up job asks; the query and the answer are both signed. */
  function statusQuery(req: MockRequest, segment: string): MockResponse {
    let paymentId: string;
    try {
      paymentId = decodeURIComponent(segment);
    } catch {
      return json(400, { error: { code: 'VALIDATION_FAILED', message: 'not a payment id' } });
    }
    if (!PROVIDER_REFERENCE_PATTERN.test(paymentId)) return json(400, { error: { code: 'VALIDATION_FAILED', message: 'not a payment id' } });
    const now = options.now();
    const verified = verifyMockBankSignature({
      header: headerOf(req, MOCK_BANK_SIGNATURE_HEADER),
      rawBody: mockBankStatusQueryText(paymentId),
      secrets: options.secret,
      now,
    });
    if (!verified.valid) return json(401, { error: { code: 'INVALID_SIGNATURE', message: verified.reason } });

    const entry = gateway.ledger.latestFor(paymentId);
    const body: MockBankStatusBody =
      entry === undefined
        ? { found: false, paymentId }
        : {
            found: true,
            eventId: entry.eventId,
            providerTxnId: entry.providerTxnId,
            paymentId: entry.paymentId,
            amount: entry.amount,
            currency: 'VND',
            status: entry.status,
            occurredAt: entry.occurredAt,
            bankCode: entry.bankCode,
          };
    const text = JSON.stringify(body);
    return jsonText(entry === undefined ? 404 : 200, text, { [MOCK_BANK_SIGNATURE_HEADER]: signMockBankBody(text, options.secret, now) });
  }

  return mockProvider(gateway, ownRoutes);
}

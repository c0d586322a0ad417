import * as z from 'zod/mini';
import { toVietnamIso } from '../shared/business-date';
import type { AmountVnd } from '../shared/money';
import { validateInput } from '../shared/validation';
import {
  MOCK_PORTAL_PROVIDER,
  parsePortalDate,
  PORTAL_RESPONSE_CODE,
  PORTAL_RSP,
  PORTAL_TRANSACTION_STATUS,
  portalAmountToVnd,
  type PortalFields,
  type PortalRsp,
} from './mock-portal-protocol';
import { type FieldIssue, PROVIDER_REFERENCE_PATTERN, type ProviderPaymentReport } from './provider-payment-report';

/**
 * mock-portal's IPN (CONTRACT.md, "Provider callbacks"): the pg_* fields of a payment's outcome,
 * once verifyPortalFields (mock-portal-protocol.ts) has checked their signature, read into the
 * service's report. Apart from the protocol because its schema is built when the module loads:
 * CreatePayment, which only signs payment-page links with the protocol, does not carry it.
 */
const reference = z.string().check(z.regex(PROVIDER_REFERENCE_PATTERN, 'expected 1–128 characters of [A-Za-z0-9_.:-]'));
const twoDigits = z.string().check(z.regex(/^\d{2}$/, 'expected two digits'));

export const ipnSchema = z.object({
  pg_TmnCode: z.string().check(z.regex(/^[A-Za-z0-9]{1,32}$/, 'expected 1–32 letters or digits')),
  pg_Amount: z.string(),
  pg_TxnRef: reference,
  pg_TransactionNo: reference,
  pg_ResponseCode: twoDigits,
  pg_TransactionStatus: twoDigits,
  pg_PayDate: z.string(),
  pg_BankCode: z.string().check(z.minLength(1), z.maxLength(20)),
});

export interface MockPortalIpn {
  tmnCode: string;
  /** Whole đồng; 0 when pg_Amount was not a positive multiple of 100 (then providerAmount holds it). */
  amount: AmountVnd;
  /** pg_Amount as sent (VND × 100), kept when it is not a positive whole number of đồng. */
  providerAmount?: string;
  /** pg_TxnRef: the service's payment id. */
  paymentId: string;
  transactionNo: string;
  responseCode: string;
  transactionStatus: string;
  /** pg_PayDate as an instant written with +07:00. */
  paidAt: string;
  bankCode: string;
  succeeded: boolean;
}

export type MockPortalParseResult =
  | { ok: true; ipn: MockPortalIpn; report: ProviderPaymentReport }
  | { ok: false; reason: 'INVALID_AMOUNT' | 'INVALID_FIELDS'; rsp: PortalRsp; issues: FieldIssue[] };

const WHOLE_NUMBER = /^-?\d{1,20}$/;

function isSuccess(fields: { pg_ResponseCode: string; pg_TransactionStatus: string }): boolean {
  return fields.pg_ResponseCode === PORTAL_RESPONSE_CODE.SUCCESS && fields.pg_TransactionStatus === PORTAL_TRANSACTION_STATUS.SUCCESS;
}

/** The dedupe key of an IPN: one transaction reported SUCCEEDED and later FAILED are two events. */
export function mockPortalEventId(transactionNo: string, status: 'SUCCEEDED' | 'FAILED'): string {
  return `${transactionNo}:${status}`;
}

/** Parses IPN fields that have already passed verifyPortalFields. */
export function parseMockPortalIpn(fields: PortalFields): MockPortalParseResult {
  const issues: FieldIssue[] = [];
  const parsed = validateInput(ipnSchema, fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push({ path: issue.path.join('.'), message: issue.message });
  }
  const amount = fields.pg_Amount === undefined ? undefined : portalAmountToVnd(fields.pg_Amount);
  const amountInvalid = fields.pg_Amount !== undefined && (amount === undefined || amount === 0);
  if (amountInvalid) issues.push({ path: 'pg_Amount', message: 'expected a positive multiple of 100 (VND × 100)' });
  const paidAt = fields.pg_PayDate === undefined ? undefined : parsePortalDate(fields.pg_PayDate);
  if (fields.pg_PayDate !== undefined && paidAt === undefined) {
    issues.push({ path: 'pg_PayDate', message: 'expected yyyyMMddHHmmss, a real time in UTC+7' });
  }

  // A success whose amount is a whole number but not of đồng (5200050), zero or negative: the money
  // may have moved, so it is reported (amount 0, the text kept) and becomes an amount mismatch to review.
  const oddAmountOfSuccess = amountInvalid && parsed.success && isSuccess(parsed.data) && WHOLE_NUMBER.test(fields.pg_Amount!);
  const reportedAmount = oddAmountOfSuccess ? 0 : amountInvalid ? undefined : amount;
  if (!parsed.success || reportedAmount === undefined || paidAt === undefined) {
    // 04 only when the amount is there and is the one thing wrong; anything else is VNPAY's 99.
    const onlyAmount = amountInvalid && issues.every((issue) => issue.path === 'pg_Amount');
    return onlyAmount
      ? { ok: false, reason: 'INVALID_AMOUNT', rsp: PORTAL_RSP.INVALID_AMOUNT, issues }
      : { ok: false, reason: 'INVALID_FIELDS', rsp: PORTAL_RSP.UNKNOWN_ERROR, issues };
  }

  const data = parsed.data;
  const succeeded = isSuccess(data);
  const ipn: MockPortalIpn = {
    tmnCode: data.pg_TmnCode,
    amount: reportedAmount,
    ...(oddAmountOfSuccess ? { providerAmount: data.pg_Amount } : {}),
    paymentId: data.pg_TxnRef,
    transactionNo: data.pg_TransactionNo,
    responseCode: data.pg_ResponseCode,
    transactionStatus: data.pg_TransactionStatus,
    paidAt: toVietnamIso(paidAt),
    bankCode: data.pg_BankCode,
    succeeded,
  };
  const status = succeeded ? 'SUCCEEDED' : 'FAILED';
  return {
    ok: true,
    ipn,
    report: {
      provider: MOCK_PORTAL_PROVIDER,
      eventId: mockPortalEventId(ipn.transactionNo, status),
      providerTxnId: ipn.transactionNo,
      paymentId: ipn.paymentId,
      amount: ipn.amount,
      ...(ipn.providerAmount !== undefined ? { providerAmount: ipn.providerAmount } : {}),
      status,
      occurredAt: ipn.paidAt,
    },
  };
}

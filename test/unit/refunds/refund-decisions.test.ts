// Proves the pure refund decisions: the summary and amount available, every answer to a refund request, and the effects of a provider's answer (refund, payment totals, counters, receipt, case, outbox), all in whole VND.
import { decideRefundAnswer, type RefundAnswerInput } from '../../../domain/refunds/refund-answer';
import { decideRefundRequest } from '../../../domain/refunds/refund-request';
import { refundSummary } from '../../../domain/refunds/refund-summary';
import { aReceipt, aSubmittedRefund, aSucceededPayment, anAnswer } from './refund-builders';

const NOW = new Date('2026-06-03T03:00:10Z');
const context = { refundId: 'rfd_01KBWQ3F5S0000000000001', at: '2026-06-03T10:00:00+07:00', createdBy: 'finance-1' };

describe('refundSummary', () => {
  it('says AVAILABLE with the whole collected amount before any refund', () => {
    expect(refundSummary(aSucceededPayment())).toEqual({ status: 'AVAILABLE', amountAvailable: 52_000, amountRefunded: 0, amountSubmitted: 0 });
  });

  it('counts submitted refunds as taken from what is available, and confirmed ones as refunded', () => {
    expect(refundSummary(aSucceededPayment({ refundsReserved: 30_000, refundedAmount: 10_000 }))).toEqual({ status: 'AVAILABLE', amountAvailable: 22_000, amountRefunded: 10_000, amountSubmitted: 20_000 });
    expect(refundSummary(aSucceededPayment({ refundsReserved: 52_000, refundedAmount: 52_000 }))).toEqual({ status: 'FULL', amountAvailable: 0, amountRefunded: 52_000, amountSubmitted: 0 });
  });

  it('uses the provider amount when it differs from the asked amount', () => {
    expect(refundSummary(aSucceededPayment({ paidAmount: 60_000 })).amountAvailable).toBe(60_000);
  });

  it('is PENDING for a payment not paid yet and UNAVAILABLE for one that ended without money or was reversed', () => {
    expect(refundSummary(aSucceededPayment({ status: 'PENDING' })).status).toBe('PENDING');
    for (const status of ['FAILED', 'EXPIRED', 'CANCELLED'] as const) expect(refundSummary(aSucceededPayment({ status }))).toMatchObject({ status: 'UNAVAILABLE', amountAvailable: 0 });
    const reversal = { provider: 'mock-bank' as const, providerTxnId: 'BANK-TXN-1', settlementBusinessDate: '2026-06-02', runId: 'run', at: 'x' };
    expect(refundSummary(aSucceededPayment({ reversal }))).toMatchObject({ status: 'UNAVAILABLE', amountAvailable: 0 });
  });
});

describe('decideRefundRequest', () => {
  it('accepts a full and a partial refund and reserves the amount', () => {
    const full = decideRefundRequest(aSucceededPayment(), { amount: 52_000, reason: 'Nộp trùng', refundAmountAvailable: 52_000 }, context);
    expect(full).toMatchObject({ kind: 'ACCEPTED', reservedBefore: 0, reservedAfter: 52_000, refund: { status: 'SUBMITTED', amount: 52_000, provider: 'mock-bank', createdBy: 'finance-1' } });
    const partial = decideRefundRequest(aSucceededPayment({ refundsReserved: 2_000 }), { amount: 10_000, reason: 'Thu thừa', refundAmountAvailable: 50_000 }, { ...context, caseId: 'cas_x' });
    expect(partial).toMatchObject({ kind: 'ACCEPTED', reservedBefore: 2_000, reservedAfter: 12_000, refund: { caseId: 'cas_x' } });
  });

  it('refuses a payment that is not SUCCEEDED or was reversed (REFUND_NOT_AVAILABLE)', () => {
    for (const status of ['PENDING', 'FAILED', 'EXPIRED', 'CANCELLED'] as const) {
      expect(decideRefundRequest(aSucceededPayment({ status }), { amount: 1, reason: 'r', refundAmountAvailable: 0 }, context).kind).toBe('REFUND_NOT_AVAILABLE');
    }
    const reversal = { provider: 'mock-bank' as const, providerTxnId: 'T', settlementBusinessDate: '2026-06-02', runId: 'run', at: 'x' };
    expect(decideRefundRequest(aSucceededPayment({ reversal }), { amount: 1, reason: 'r', refundAmountAvailable: 52_000 }, context).kind).toBe('REFUND_NOT_AVAILABLE');
  });

  it('answers a stale refundAmountAvailable with the amount available now (409 mismatch)', () => {
    expect(decideRefundRequest(aSucceededPayment({ refundsReserved: 52_000 }), { amount: 52_000, reason: 'r', refundAmountAvailable: 52_000 }, context)).toEqual({
      kind: 'REFUND_AMOUNT_AVAILABLE_MISMATCH',
      amountAvailable: 0,
    });
  });

  it('refuses a fully refunded payment even with the right refundAmountAvailable', () => {
    expect(decideRefundRequest(aSucceededPayment({ refundsReserved: 52_000 }), { amount: 1, reason: 'r', refundAmountAvailable: 0 }, context).kind).toBe('REFUND_NOT_AVAILABLE');
  });

  it('refuses amounts below 1, above the amount available, or not whole (REFUND_AMOUNT_INVALID)', () => {
    for (const amount of [0, -1, 52_001, 1.5, Number.NaN]) {
      expect([amount, decideRefundRequest(aSucceededPayment(), { amount, reason: 'r', refundAmountAvailable: 52_000 }, context)]).toEqual([amount, { kind: 'REFUND_AMOUNT_INVALID', amountAvailable: 52_000 }]);
    }
  });
});

describe('decideRefundAnswer', () => {
  const base = (overrides: Partial<RefundAnswerInput> = {}): RefundAnswerInput => ({
    payment: aSucceededPayment({ refundsReserved: 52_000 }),
    refund: aSubmittedRefund(),
    answer: anAnswer(),
    receipt: aReceipt(),
    refundCase: undefined,
    now: NOW,
    ...overrides,
  });

  it('a full refund: refund SUCCEEDED, payment fully refunded, the payment leaves its day’s counts, receipt cancelled, PaymentRefunded announced', () => {
    const decision = decideRefundAnswer(base());
    if (decision.kind !== 'APPLY') throw new Error(decision.kind);
    const { effects } = decision;
    expect(effects.outcome).toBe('SUCCEEDED');
    expect(effects.fullRefund).toBe(true);
    expect(effects.refund).toMatchObject({ from: 'SUBMITTED', to: 'SUCCEEDED', set: { providerRefundId: 'BANK-RF-1', businessDate: '2026-06-03', refundedAt: '2026-06-03T10:00:05+07:00' } });
    expect(effects.payment).toMatchObject({ reservedBefore: 52_000, reservedAfter: 52_000, refundedBefore: 0, refundedAfter: 52_000 });
    expect(effects.counterDeltas).toEqual([
      { agencyCode: 'TRANBIEN', procedureCode: 'CT-BANSAO', businessDate: '2026-06-02', channel: 'ONLINE', paymentTransactions: -1, amount: -52_000, dossiersPaid: -1 },
    ]);
    expect(effects.receipt?.after).toMatchObject({ status: 'CANCELLED', adjustment: { refundedAmount: 52_000, adjustedAmount: 0 } });
    expect(effects.outbox).toMatchObject({ type: 'PaymentRefunded', eventId: 'PaymentRefunded:rfd_01KBWQ3F5S0000000000000', amount: 52_000, amountRefunded: 52_000, fullRefund: true });
    expect(effects.caseResolved).toBeNull();
  });

  it('a partial refund keeps the payment counted with its net amount and adjusts the receipt', () => {
    const decision = decideRefundAnswer(base({ payment: aSucceededPayment({ refundsReserved: 12_000 }), refund: aSubmittedRefund({ amount: 12_000 }), answer: anAnswer({ amount: 12_000 }) }));
    if (decision.kind !== 'APPLY') throw new Error(decision.kind);
    expect(decision.effects.fullRefund).toBe(false);
    expect(decision.effects.counterDeltas).toEqual([
      { agencyCode: 'TRANBIEN', procedureCode: 'CT-BANSAO', businessDate: '2026-06-02', channel: 'ONLINE', paymentTransactions: 0, amount: -12_000, dossiersPaid: 0 },
    ]);
    expect(decision.effects.receipt?.after).toMatchObject({ status: 'ADJUSTED', adjustment: { refundedAmount: 12_000, adjustedAmount: 40_000 } });
  });

  it('the refund that completes earlier partial ones takes out only what is still counted', () => {
    const decision = decideRefundAnswer(base({ payment: aSucceededPayment({ refundsReserved: 52_000, refundedAmount: 12_000 }), refund: aSubmittedRefund({ amount: 40_000 }), answer: anAnswer({ amount: 40_000 }) }));
    if (decision.kind !== 'APPLY') throw new Error(decision.kind);
    expect(decision.effects.fullRefund).toBe(true);
    expect(decision.effects.counterDeltas).toEqual([expect.objectContaining({ paymentTransactions: -1, amount: -40_000, dossiersPaid: -1 })]);
  });

  it('a refund of a payment kept as a dossier’s duplicate moves no counter (it was never counted)', () => {
    const decision = decideRefundAnswer(base({ payment: aSucceededPayment({ refundsReserved: 52_000, duplicateOfPaymentId: 'pay_other' }), receipt: undefined }));
    if (decision.kind !== 'APPLY') throw new Error(decision.kind);
    expect(decision.effects.counterDeltas).toEqual([]);
    expect(decision.effects.receipt).toBeNull();
  });

  it('resolves the REFUND_DUE case the refund came from, and only such a case', () => {
    const due = decideRefundAnswer(base({ refund: aSubmittedRefund({ caseId: 'cas_1' }), refundCase: { caseId: 'cas_1', status: 'REFUND_DUE', entries: 2 } }));
    expect(due.kind === 'APPLY' && due.effects.caseResolved).toEqual({ caseId: 'cas_1', status: 'REFUND_DUE', entries: 2 });
    const open = decideRefundAnswer(base({ refund: aSubmittedRefund({ caseId: 'cas_1' }), refundCase: { caseId: 'cas_1', status: 'RESOLVED', entries: 3 } }));
    expect(open.kind === 'APPLY' && open.effects.caseResolved).toBeNull();
  });

  it('a failure gives the reserved amount back and moves nothing else', () => {
    const decision = decideRefundAnswer(base({ answer: anAnswer({ status: 'FAILED', reason: 'tài khoản đóng' }) }));
    if (decision.kind !== 'APPLY') throw new Error(decision.kind);
    expect(decision.effects).toMatchObject({ outcome: 'FAILED', counterDeltas: [], receipt: null, outbox: null, caseResolved: null, fullRefund: false });
    expect(decision.effects.payment).toMatchObject({ reservedBefore: 52_000, reservedAfter: 0, refundedAfter: 0 });
    expect(decision.effects.refund).toMatchObject({ to: 'FAILED', set: { failureReason: 'tài khoản đóng' } });
  });

  it('the same answer again is a DUPLICATE; a contradicting answer on a finished refund is IGNORED', () => {
    expect(decideRefundAnswer(base({ refund: aSubmittedRefund({ status: 'SUCCEEDED' }) })).kind).toBe('DUPLICATE');
    expect(decideRefundAnswer(base({ refund: aSubmittedRefund({ status: 'SUCCEEDED' }), answer: anAnswer({ status: 'FAILED' }) })).kind).toBe('IGNORED');
    expect(decideRefundAnswer(base({ refund: aSubmittedRefund({ status: 'FAILED' }), answer: anAnswer({ status: 'SUCCEEDED' }) })).kind).toBe('IGNORED');
  });

  it('refuses an unknown refund, another provider’s answer, or an answer about another payment', () => {
    expect(decideRefundAnswer(base({ refund: undefined })).kind).toBe('UNKNOWN_REFUND');
    expect(decideRefundAnswer(base({ payment: undefined })).kind).toBe('UNKNOWN_REFUND');
    expect(decideRefundAnswer(base({ answer: anAnswer({ provider: 'mock-portal' }) })).kind).toBe('UNKNOWN_REFUND');
    expect(decideRefundAnswer(base({ answer: anAnswer({ paymentId: 'pay_other' }) })).kind).toBe('UNKNOWN_REFUND');
  });

  it('moves nothing on another amount than the refund’s', () => {
    expect(decideRefundAnswer(base({ answer: anAnswer({ amount: 50_000 }) }))).toEqual({ kind: 'AMOUNT_MISMATCH', expected: 52_000, reported: 50_000 });
  });
});

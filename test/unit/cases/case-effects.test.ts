// Proves the pure decision function: for each case type and decision, the effect on the payment (collect the provider's amount once, or nothing), the case's next status, and the refusals (decided twice, a decision that does not fit the type or the payment).
import type { Case, CaseType } from '../../../domain/cases/case';
import { ACTIONS_BY_TYPE, caseEffects, type PaymentFacts } from '../../../domain/cases/case-effects';
import { STAFF_ACTIONS } from '../../../domain/cases/case-state-machine';

const aCase = (overrides: Partial<Case> = {}): Pick<Case, 'caseId' | 'type' | 'status' | 'paymentId' | 'providerTxnId' | 'providerAmount' | 'providerPaidAt'> => ({
  caseId: 'cas_AAAAAAAAAAAAAAAAAAAA',
  type: 'AMOUNT_MISMATCH',
  status: 'OPEN',
  paymentId: 'pay_1',
  providerTxnId: 'MB1',
  providerAmount: 15_000,
  providerPaidAt: '2026-03-10T12:01:00+07:00',
  ...overrides,
});
const pending: PaymentFacts = { status: 'PENDING', amount: 14_000 };
const collect = { kind: 'COLLECT', paymentId: 'pay_1', providerTxnId: 'MB1', amount: 15_000, occurredAt: '2026-03-10T12:01:00+07:00' };

describe('caseEffects', () => {
  it.each<CaseType>(['AMOUNT_MISMATCH', 'LOST_CALLBACK', 'LATE_SUCCESS'])('ACCEPT_PROVIDER on %s collects the provider’s amount and resolves', (type) => {
    expect(caseEffects(aCase({ type }), 'ACCEPT_PROVIDER', pending)).toEqual({ kind: 'DECIDED', status: 'RESOLVED', effect: 'PAYMENT_COLLECTED', collect });
    expect(caseEffects(aCase({ type }), 'ACCEPT_PROVIDER', { status: 'EXPIRED', amount: 14_000 })).toMatchObject({ effect: 'PAYMENT_COLLECTED', collect });
  });

  it('ACCEPT_PROVIDER on a payment already collected under this transaction moves nothing', () => {
    expect(caseEffects(aCase({ type: 'LATE_SUCCESS' }), 'ACCEPT_PROVIDER', { status: 'SUCCEEDED', amount: 14_000, providerTxnId: 'MB1' })).toEqual({
      kind: 'DECIDED',
      status: 'RESOLVED',
      effect: 'ALREADY_COLLECTED',
      collect: null,
    });
  });

  it('refuses ACCEPT_PROVIDER when another transaction paid the payment, or the provider gave no whole amount', () => {
    expect(caseEffects(aCase(), 'ACCEPT_PROVIDER', { status: 'SUCCEEDED', amount: 14_000, providerTxnId: 'MB2' })).toMatchObject({ kind: 'REFUSED', reason: 'NOT_ALLOWED_FOR_TYPE' });
    expect(caseEffects(aCase({ providerAmount: null }), 'ACCEPT_PROVIDER', pending)).toMatchObject({ kind: 'REFUSED', reason: 'NOT_ALLOWED_FOR_TYPE' });
    expect(caseEffects(aCase(), 'ACCEPT_PROVIDER', null)).toMatchObject({ kind: 'REFUSED', reason: 'NOT_ALLOWED_FOR_TYPE' });
  });

  it('REFUND takes the money as collected where it was not yet and leaves the case REFUND_DUE', () => {
    expect(caseEffects(aCase(), 'REFUND', pending)).toEqual({ kind: 'DECIDED', status: 'REFUND_DUE', effect: 'REFUND_DUE', collect });
    expect(caseEffects(aCase(), 'REFUND', { status: 'SUCCEEDED', amount: 14_000, providerTxnId: 'MB1' })).toEqual({ kind: 'DECIDED', status: 'REFUND_DUE', effect: 'REFUND_DUE', collect: null });
    // A second payment of a paid dossier is collected already (kept as a duplicate): nothing to collect.
    expect(caseEffects(aCase({ type: 'SECOND_PAYMENT' }), 'REFUND', { status: 'SUCCEEDED', amount: 14_000, providerTxnId: 'MB1' })).toMatchObject({ status: 'REFUND_DUE', collect: null });
    expect(caseEffects(aCase({ type: 'UNKNOWN_PAYMENT', paymentId: 'pay_never' }), 'REFUND', null)).toMatchObject({ status: 'REFUND_DUE', collect: null });
  });

  it('confirms a reversal without moving money, and writes off with no effect', () => {
    expect(caseEffects(aCase({ type: 'REVERSAL' }), 'ACCEPT_PROVIDER', { status: 'SUCCEEDED', amount: 14_000, providerTxnId: 'MB1' })).toEqual({ kind: 'DECIDED', status: 'RESOLVED', effect: 'REVERSAL_CONFIRMED', collect: null });
    expect(caseEffects(aCase(), 'WRITE_OFF', pending)).toEqual({ kind: 'DECIDED', status: 'RESOLVED', effect: 'WRITTEN_OFF', collect: null });
  });

  it('adds notes at any time without changing the status', () => {
    for (const status of ['OPEN', 'REFUND_DUE', 'RESOLVED'] as const) {
      expect(caseEffects(aCase({ status }), 'NOTE', pending)).toEqual({ kind: 'DECIDED', status, effect: 'NOTED', collect: null });
    }
  });

  it('refuses a second decision', () => {
    for (const action of ['ACCEPT_PROVIDER', 'REFUND', 'WRITE_OFF'] as const) {
      expect(caseEffects(aCase({ status: 'RESOLVED' }), action, pending)).toMatchObject({ kind: 'REFUSED', reason: 'ALREADY_DECIDED' });
      expect(caseEffects(aCase({ status: 'REFUND_DUE' }), action, pending)).toMatchObject({ kind: 'REFUSED', reason: 'ALREADY_DECIDED' });
    }
  });

  it('refuses every decision the type does not allow, and allows notes on every type', () => {
    for (const [type, allowed] of Object.entries(ACTIONS_BY_TYPE) as [CaseType, readonly string[]][]) {
      expect(allowed).toContain('NOTE');
      for (const action of STAFF_ACTIONS.filter((candidate) => !allowed.includes(candidate))) {
        expect(caseEffects(aCase({ type }), action, pending)).toMatchObject({ kind: 'REFUSED', reason: 'NOT_ALLOWED_FOR_TYPE' });
      }
    }
    expect(ACTIONS_BY_TYPE.SECOND_PAYMENT).not.toContain('ACCEPT_PROVIDER');
    expect(ACTIONS_BY_TYPE.REVERSAL).not.toContain('REFUND');
  });

  it('records what the service does by itself', () => {
    expect(caseEffects(aCase({ type: 'LOST_CALLBACK' }), 'AUTO_APPLIED', pending)).toMatchObject({ status: 'RESOLVED', effect: 'AUTO_APPLIED', collect: null });
    expect(caseEffects(aCase({ status: 'REFUND_DUE' }), 'REFUNDED', pending)).toMatchObject({ status: 'RESOLVED', effect: 'REFUNDED' });
  });
});

// Proves the payment state machine allows exactly its table of edges: every other pair of states is refused, SUCCEEDED never moves, and nothing returns to PENDING.
import {
  PAYMENT_EDGES,
  PAYMENT_STATUSES,
  isFinished,
  statusesThatMayBecome,
  transition,
  type PaymentStatus,
} from '../../../domain/payments/payment-state-machine';

const LEGAL: ReadonlyArray<[PaymentStatus, PaymentStatus, string, boolean]> = [
  ['PENDING', 'SUCCEEDED', 'PaymentSucceeded', false],
  ['PENDING', 'FAILED', 'PaymentFailed', false],
  ['PENDING', 'EXPIRED', 'PaymentExpired', false],
  ['PENDING', 'CANCELLED', 'PaymentCancelled', false],
  ['FAILED', 'SUCCEEDED', 'LateSuccessRecorded', true],
  ['EXPIRED', 'SUCCEEDED', 'LateSuccessRecorded', true],
  ['CANCELLED', 'SUCCEEDED', 'LateSuccessRecorded', true],
];
const allPairs = PAYMENT_STATUSES.flatMap((from) => PAYMENT_STATUSES.map((to) => [from, to] as const));

describe('payment state machine', () => {
  it('walks all 25 pairs of states: the legal edges name their past-tense event, every other pair is refused', () => {
    expect(allPairs).toHaveLength(25);
    for (const [from, to] of allPairs) {
      const legal = LEGAL.find(([f, t]) => f === from && t === to);
      const result = transition(from, to);
      if (legal) {
        expect(result).toEqual({ ok: true, edge: { from, to, event: legal[2], lateSuccess: legal[3] } });
        expect(legal[2]).toMatch(/(ed|Recorded)$/);
      } else {
        expect(result).toEqual({ ok: false, reason: `a payment cannot go from ${from} to ${to}` });
      }
    }
    expect(PAYMENT_EDGES).toHaveLength(LEGAL.length);
  });

  it('never moves a SUCCEEDED payment, and never moves anything back to PENDING', () => {
    for (const to of PAYMENT_STATUSES) expect(transition('SUCCEEDED', to).ok).toBe(false);
    for (const from of PAYMENT_STATUSES) expect(transition(from, 'PENDING').ok).toBe(false);
  });

  it('lets a finished payment move only to SUCCEEDED, as a late success', () => {
    for (const from of PAYMENT_STATUSES.filter((status) => isFinished(status) && status !== 'SUCCEEDED')) {
      const moves = PAYMENT_STATUSES.filter((to) => transition(from, to).ok);
      expect(moves).toEqual(['SUCCEEDED']);
    }
  });

  it('gives repositories the statuses each move is legal from', () => {
    expect(statusesThatMayBecome('SUCCEEDED').sort()).toEqual(['CANCELLED', 'EXPIRED', 'FAILED', 'PENDING']);
    expect(statusesThatMayBecome('CANCELLED')).toEqual(['PENDING']);
    expect(statusesThatMayBecome('EXPIRED')).toEqual(['PENDING']);
    expect(statusesThatMayBecome('FAILED')).toEqual(['PENDING']);
    expect(statusesThatMayBecome('PENDING')).toEqual([]);
  });

  it('calls only PENDING unfinished', () => {
    expect(PAYMENT_STATUSES.filter((status) => !isFinished(status))).toEqual(['PENDING']);
  });
});

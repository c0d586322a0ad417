// Proves the refund state machine allows exactly SUBMITTED → SUCCEEDED | FAILED: every other pair of statuses is refused and a finished refund never moves.
import { REFUND_EDGES, REFUND_STATUSES, isRefundFinished, refundTransition, type RefundStatus } from '../../../domain/refunds/refund-state-machine';

const LEGAL: ReadonlyArray<[RefundStatus, RefundStatus, string]> = [
  ['SUBMITTED', 'SUCCEEDED', 'RefundSucceeded'],
  ['SUBMITTED', 'FAILED', 'RefundFailed'],
];

describe('refund state machine', () => {
  it('walks all 9 pairs of statuses: the legal edges name their past-tense event, every other pair is refused', () => {
    const pairs = REFUND_STATUSES.flatMap((from) => REFUND_STATUSES.map((to) => [from, to] as const));
    expect(pairs).toHaveLength(9);
    for (const [from, to] of pairs) {
      const legal = LEGAL.find(([f, t]) => f === from && t === to);
      expect([from, to, refundTransition(from, to)]).toEqual([
        from,
        to,
        legal ? { ok: true, edge: { from, to, event: legal[2] } } : { ok: false, reason: `a refund cannot go from ${from} to ${to}` },
      ]);
    }
    expect(REFUND_EDGES).toHaveLength(LEGAL.length);
  });

  it('never moves a finished refund, and nothing goes back to SUBMITTED', () => {
    for (const from of REFUND_STATUSES.filter(isRefundFinished)) for (const to of REFUND_STATUSES) expect(refundTransition(from, to).ok).toBe(false);
    for (const from of REFUND_STATUSES) expect(refundTransition(from, 'SUBMITTED').ok).toBe(false);
    expect(REFUND_STATUSES.filter(isRefundFinished)).toEqual(['SUCCEEDED', 'FAILED']);
  });
});

// Proves the case state machine is exactly its table: every (status, action) pair is tried, the legal ones reach the status the table says, every other one is refused, and a case is decided once.
import { CASE_ACTIONS, CASE_EDGES, CASE_STATUSES, caseTransition, isDecision, isOnQueue, STAFF_ACTIONS, type CaseAction, type CaseStatus } from '../../../domain/cases/case-state-machine';
import { RESOLUTION_ACTIONS } from '../../../domain/reconciliation-runs/discrepancy-resolution';

const LEGAL: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  OPEN: { ACCEPT_PROVIDER: 'RESOLVED', WRITE_OFF: 'RESOLVED', AUTO_APPLIED: 'RESOLVED', REFUND: 'REFUND_DUE', NOTE: 'OPEN' },
  REFUND_DUE: { REFUNDED: 'RESOLVED', NOTE: 'REFUND_DUE' },
  RESOLVED: { NOTE: 'RESOLVED' },
};

describe('case state machine', () => {
  const pairs = CASE_STATUSES.flatMap((from) => CASE_ACTIONS.map((action) => [from, action] as const));

  it.each(pairs)('from %s, %s goes where the table says or is refused', (from, action) => {
    const expected = LEGAL[from][action];
    expect(caseTransition(from, action)).toEqual(expected ? { ok: true, to: expected } : { ok: false });
  });

  it('has no edge besides the expected ones', () => {
    const expectedCount = Object.values(LEGAL).reduce((sum, edges) => sum + Object.keys(edges).length, 0);
    expect(CASE_EDGES).toHaveLength(expectedCount);
  });

  it('decides once: no decision leaves REFUND_DUE or RESOLVED except the refund being made', () => {
    for (const action of CASE_ACTIONS.filter(isDecision)) {
      expect(caseTransition('RESOLVED', action).ok).toBe(false);
      if (action !== 'REFUNDED') expect(caseTransition('REFUND_DUE', action).ok).toBe(false);
    }
  });

  it('lets staff take exactly CONTRACT’s resolution actions', () => {
    expect([...STAFF_ACTIONS]).toEqual([...RESOLUTION_ACTIONS]);
  });

  it('keeps open and refund-due cases on the queue', () => {
    expect(CASE_STATUSES.filter(isOnQueue)).toEqual(['OPEN', 'REFUND_DUE']);
    expect(isDecision('NOTE')).toBe(false);
  });
});

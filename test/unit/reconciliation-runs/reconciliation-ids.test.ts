// Proves run and upload ids are well-formed and time-ordered, and a discrepancy's id depends on exactly what was found, so every run of a day gives a finding the same id.
import {
  DISCREPANCY_ID_PATTERN,
  discrepancyIdOf,
  newReconciliationRunId,
  newSettlementUploadId,
  RUN_ID_PATTERN,
  UPLOAD_ID_PATTERN,
  type DiscrepancyIdentity,
} from '../../../domain/reconciliation-runs/reconciliation-ids';

const aFinding = (overrides: Partial<DiscrepancyIdentity> = {}): DiscrepancyIdentity => ({
  provider: 'mock-bank',
  businessDate: '2026-03-10',
  type: 'AMOUNT_MISMATCH',
  reason: 'AMOUNT_DIFFERS',
  providerTxnId: 'MB000000000001',
  paymentId: 'pay_0000000000AAAAAAAAAAA',
  occurrence: 0,
  ...overrides,
});

describe('reconciliation identifiers', () => {
  it('makes run and upload ids that sort by creation time', () => {
    const earlier = newReconciliationRunId(new Date('2026-03-10T09:00:00Z'));
    const later = newReconciliationRunId(new Date('2026-03-10T09:00:00.001Z'));
    expect(earlier).toMatch(RUN_ID_PATTERN);
    expect(earlier < later).toBe(true);
    expect(newSettlementUploadId(new Date())).toMatch(UPLOAD_ID_PATTERN);
    expect(newReconciliationRunId(new Date())).not.toMatch(UPLOAD_ID_PATTERN);
  });

  it('gives the same finding the same id in every run', () => {
    expect(discrepancyIdOf(aFinding())).toBe(discrepancyIdOf(aFinding()));
    expect(discrepancyIdOf(aFinding())).toMatch(DISCREPANCY_ID_PATTERN);
  });

  it.each<[string, Partial<DiscrepancyIdentity>]>([
    ['provider', { provider: 'mock-portal' }],
    ['business date', { businessDate: '2026-03-11' }],
    ['type', { type: 'DUPLICATE' }],
    ['reason', { reason: 'PAYMENT_SETTLED_TWICE' }],
    ['provider transaction', { providerTxnId: 'MB000000000002' }],
    ['payment', { paymentId: 'pay_0000000000BBBBBBBBBBB' }],
    ['occurrence', { occurrence: 1 }],
    ['a missing reference', { providerTxnId: null }],
  ])('gives another id when the %s differs', (_field, change) => {
    expect(discrepancyIdOf(aFinding(change))).not.toBe(discrepancyIdOf(aFinding()));
  });

  it('cannot be fooled by moving text between fields', () => {
    expect(discrepancyIdOf(aFinding({ providerTxnId: 'AB', paymentId: 'C' }))).not.toBe(discrepancyIdOf(aFinding({ providerTxnId: 'A', paymentId: 'BC' })));
  });
});

import type { StoredDiscrepancy } from '../../../domain/reconciliation-runs/reconciliation-run';

/** A stored discrepancy with valid defaults (an amount mismatch of a TANPHONG payment); override what the test is about. */
export function aStoredDiscrepancy(overrides: Partial<StoredDiscrepancy> = {}): StoredDiscrepancy {
  return {
    discrepancyId: 'dsc_AAAAAAAAAAAAAAAAAAAA',
    runId: 'rec_0000000000AAAAAAAAAAA',
    provider: 'mock-bank',
    businessDate: '2026-03-10',
    type: 'AMOUNT_MISMATCH',
    reason: 'AMOUNT_DIFFERS',
    line: 5,
    providerTxnId: 'MB000000000001',
    paymentId: 'pay_0000000000AAAAAAAAAAA',
    dossierId: 'HS-1',
    agencyCode: 'TANPHONG',
    internalAmount: 14_000,
    providerAmount: 15_000,
    internalStatus: 'PENDING',
    providerStatus: 'SUCCEEDED',
    internalPaidAt: null,
    providerPaidAt: '2026-03-10T12:01:00+07:00',
    autoApply: false,
    status: 'OPEN',
    order: 0,
    resolution: null,
    autoApplied: false,
    reversalRecorded: false,
    caseId: null,
    ...overrides,
  };
}

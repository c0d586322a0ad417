// Proves a provider reversal takes back exactly what the success added to the report counters, on the success's own day, and nothing for a duplicate that was never counted.
import type { Payment } from '../../../domain/payments/payment';
import { reversalDeltas } from '../../../functions/reconciliation/discrepancy-actions';

const aSucceededPayment = (overrides: Partial<Payment> = {}) =>
  ({ paymentId: 'pay_1', agencyCode: 'TANPHONG', procedureCode: 'CT-BANSAO', businessDate: '2026-03-10', amount: 14_000, paidAmount: 14_000, status: 'SUCCEEDED', ...overrides }) as Payment;

describe('reversalDeltas', () => {
  it('subtracts the transaction, its amount and its dossier on the success’s key', () => {
    expect(reversalDeltas(aSucceededPayment())).toEqual([
      { agencyCode: 'TANPHONG', procedureCode: 'CT-BANSAO', businessDate: '2026-03-10', channel: 'ONLINE', paymentTransactions: -1, amount: -14_000, dossiersPaid: -1 },
    ]);
  });

  it('takes nothing back for a duplicate of a paid dossier', () => {
    expect(reversalDeltas(aSucceededPayment({ duplicateOfPaymentId: 'pay_0' }))).toEqual([]);
  });
});

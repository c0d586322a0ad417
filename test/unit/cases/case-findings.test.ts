// Proves that the same problem found by a provider report and by a run gets the same case id, and that different problems about one transaction or payment get different ones.
import { caseIdOf, CASE_ID_PATTERN } from '../../../domain/cases/case';
import { discrepancyCase, reportCase } from '../../../domain/cases/case-findings';

const row = (type: string, reason: string, providerTxnId: string | null = 'MB1', paymentId: string | null = 'pay_1') => ({ type, reason, providerTxnId, paymentId }) as Parameters<typeof discrepancyCase>[0];
const idOf = (found: { subject: Parameters<typeof caseIdOf>[0] } | null) => (found ? caseIdOf(found.subject) : null);

describe('case findings', () => {
  it('gives a callback’s amount mismatch and the run’s the same case', () => {
    const byCallback = reportCase('AMOUNT_MISMATCH', 'mock-bank', 'MB1');
    const byRun = discrepancyCase(row('AMOUNT_MISMATCH', 'AMOUNT_DIFFERS'), 'mock-bank', null);
    expect(byRun?.type).toBe('AMOUNT_MISMATCH');
    expect(idOf(byRun)).toBe(idOf(byCallback));
    expect(idOf(byRun)).toMatch(CASE_ID_PATTERN);
  });

  it('joins a late success found by a run and by the callback, and a second payment of a dossier by its payment’s transaction', () => {
    expect(idOf(discrepancyCase(row('MISSING_INTERNAL', 'SUCCESS_AFTER_FAILURE'), 'mock-bank', null))).toBe(idOf(reportCase('LATE_SUCCESS', 'mock-bank', 'MB1')));
    const second = discrepancyCase(row('DUPLICATE', 'DOSSIER_PAID_TWICE', null), 'mock-bank', 'MB9');
    expect(second?.type).toBe('SECOND_PAYMENT');
    expect(idOf(second)).toBe(idOf(reportCase('DUPLICATE_PAYMENT_FOR_DOSSIER', 'mock-bank', 'MB9')));
  });

  it('keeps a reversal, a repeated row and a missing payment apart from the collection of the same transaction', () => {
    const collection = idOf(discrepancyCase(row('MISSING_INTERNAL', 'LOST_CALLBACK'), 'mock-bank', null));
    const reversal = idOf(discrepancyCase(row('STATUS_MISMATCH', 'REVERSED_SUCCESS'), 'mock-bank', null));
    const repeat0 = idOf(discrepancyCase(row('DUPLICATE', 'PROVIDER_TXN_REPEATED'), 'mock-bank', null, 0));
    const repeat1 = idOf(discrepancyCase(row('DUPLICATE', 'PROVIDER_TXN_REPEATED'), 'mock-bank', null, 1));
    const missing = idOf(discrepancyCase(row('MISSING_AT_PROVIDER', 'NOT_IN_FILE', null), 'mock-bank', 'MB1'));
    expect(new Set([collection, reversal, repeat0, repeat1, missing]).size).toBe(5);
    // Expected next day, then missing from it: one problem of the payment.
    expect(idOf(discrepancyCase(row('PENDING_NEXT_DAY', 'PAID_BEFORE_MIDNIGHT', null), 'mock-bank', null))).toBe(idOf(discrepancyCase(row('MISSING_AT_PROVIDER', 'CARRIED_OVER_NOT_IN_FILE', null), 'mock-bank', null)));
  });

  it('keeps the providers apart', () => {
    expect(idOf(reportCase('AMOUNT_MISMATCH', 'mock-bank', 'T1'))).not.toBe(idOf(reportCase('AMOUNT_MISMATCH', 'mock-portal', 'T1')));
  });
});

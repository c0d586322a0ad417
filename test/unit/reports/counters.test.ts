// Proves each payment fact moves exactly the counters the storage contract says, and a reversal undoes its success.
import { applyCounterDeltas, counterDeltasFor, type CountedPayment, type ReportFact } from '../../../domain/reports/counters';

const payment: CountedPayment = { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-10', amount: 200_000 };

describe('counterDeltasFor', () => {
  it('counts an online success as one online payment transaction, its amount and, if first, its dossier', () => {
    expect(counterDeltasFor({ type: 'ONLINE_PAYMENT_SUCCEEDED', payment, firstSuccessOfDossier: true })).toEqual([
      { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-10', channel: 'ONLINE', paymentTransactions: 1, amount: 200_000, dossiersPaid: 1 },
    ]);
  });

  it('counts a counter payment on the OFFLINE counter', () => {
    const [delta] = counterDeltasFor({ type: 'COUNTER_PAYMENT_RECORDED', payment, firstSuccessOfDossier: true });
    expect(delta).toMatchObject({ channel: 'OFFLINE', paymentTransactions: 1, amount: 200_000, dossiersPaid: 1 });
  });

  it('counts a dossier once however many payments it has', () => {
    const [second] = counterDeltasFor({ type: 'ONLINE_PAYMENT_SUCCEEDED', payment: { ...payment, amount: 5_000 }, firstSuccessOfDossier: false });
    expect(second).toMatchObject({ paymentTransactions: 1, amount: 5_000, dossiersPaid: 0 });
  });

  it('subtracts a reversed payment on its own business date and channel', () => {
    const deltas = counterDeltasFor({ type: 'PAYMENT_REVERSED', channel: 'OFFLINE', payment, carriedDossierCount: true, dossierCountHeir: null });
    expect(deltas).toEqual([
      { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-10', channel: 'OFFLINE', paymentTransactions: -1, amount: -200_000, dossiersPaid: -1 },
    ]);
  });

  it('leaves the dossier count alone when the reversed payment did not carry it', () => {
    const [delta] = counterDeltasFor({ type: 'PAYMENT_REVERSED', channel: 'ONLINE', payment, carriedDossierCount: false, dossierCountHeir: null });
    expect(delta).toMatchObject({ paymentTransactions: -1, amount: -200_000, dossiersPaid: 0 });
  });

  it('passes the dossier count to the earliest remaining success of the dossier', () => {
    const heir = { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-12', channel: 'OFFLINE' as const };
    const deltas = counterDeltasFor({ type: 'PAYMENT_REVERSED', channel: 'ONLINE', payment, carriedDossierCount: true, dossierCountHeir: heir });
    expect(deltas).toEqual([
      expect.objectContaining({ businessDate: '2026-03-10', channel: 'ONLINE', paymentTransactions: -1, dossiersPaid: -1 }),
      { ...heir, paymentTransactions: 0, amount: 0, dossiersPaid: 1 },
    ]);
  });

  it('nets the heir into one delta when it shares the reversed payment key', () => {
    const heir = { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-10', channel: 'ONLINE' as const };
    const deltas = counterDeltasFor({ type: 'PAYMENT_REVERSED', channel: 'ONLINE', payment, carriedDossierCount: true, dossierCountHeir: heir });
    expect(deltas).toEqual([expect.objectContaining({ paymentTransactions: -1, amount: -200_000, dossiersPaid: 0 })]);
  });

  it.each([0, -1, 1.5])('refuses a counted payment of %p VND (zero-fee dossiers never pay)', (amount) => {
    expect(() => counterDeltasFor({ type: 'ONLINE_PAYMENT_SUCCEEDED', payment: { ...payment, amount }, firstSuccessOfDossier: true })).toThrow(RangeError);
  });

  it('refuses a malformed business date', () => {
    expect(() =>
      counterDeltasFor({ type: 'COUNTER_PAYMENT_RECORDED', payment: { ...payment, businessDate: '2026-02-30' }, firstSuccessOfDossier: true }),
    ).toThrow(RangeError);
  });
});

describe('applyCounterDeltas', () => {
  it('brings counters back to zero after a success and its reversal, and sums shards of one key', () => {
    const facts: ReportFact[] = [
      { type: 'ONLINE_PAYMENT_SUCCEEDED', payment, firstSuccessOfDossier: true },
      { type: 'ONLINE_PAYMENT_SUCCEEDED', payment: { ...payment, amount: 50_000 }, firstSuccessOfDossier: true },
      { type: 'PAYMENT_REVERSED', channel: 'ONLINE', payment, carriedDossierCount: true, dossierCountHeir: null },
    ];
    const counters = facts.reduce((acc, fact) => applyCounterDeltas(acc, counterDeltasFor(fact)), applyCounterDeltas([], []));
    expect(counters).toEqual([expect.objectContaining({ channel: 'ONLINE', paymentTransactions: 1, amount: 50_000, dossiersPaid: 1 })]);
  });
});

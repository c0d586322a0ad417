// Proves the matching engine gives every settlement row and every internal success the outcome RULES.md defines, with exact totals.
import { reconcile, type KnownPayment, type ReconciliationInput } from '../../../domain/reconciliation/matching-engine';
import type { CarriedOverPayment, Discrepancy, ReconciliationSummary } from '../../../domain/reconciliation/discrepancy';
import type { InternalTransaction } from '../../../domain/reconciliation/internal-transaction';
import { InternalTransactionError, SettlementFileError } from '../../../domain/reconciliation/reconciliation-error';
import { BUSINESS_DATE, aCarriedOverPayment, aRow, aSettlementFile, aTransaction, bytes, type RowFields } from './builders';

interface Run {
  summary: ReconciliationSummary;
  discrepancies: Discrepancy[];
  carryOver: readonly CarriedOverPayment[];
}

async function run(
  transactions: readonly InternalTransaction[],
  rows: readonly (RowFields | string)[],
  extra: Partial<ReconciliationInput> = {},
): Promise<Run> {
  const discrepancies: Discrepancy[] = [];
  const result = await reconcile({
    businessDate: BUSINESS_DATE,
    internalTransactions: transactions,
    settlementFile: [bytes(aSettlementFile(rows))],
    onDiscrepancies: (batch) => {
      discrepancies.push(...batch);
    },
    ...extra,
  });
  return { summary: result.summary, discrepancies, carryOver: result.carryOver };
}

const kinds = (discrepancies: readonly Discrepancy[]) => discrepancies.map((d) => `${d.type}/${d.reason}`);

describe('reconcile', () => {
  it('matches a settled success and counts it on both sides', async () => {
    const { summary, discrepancies } = await run([aTransaction()], [aRow()]);
    expect(discrepancies).toEqual([]);
    expect(summary).toMatchObject({
      internal: { count: 1, amount: 52_000 },
      provider: { count: 1, amount: 52_000, fee: 1_100 },
      matched: { count: 1, amount: 52_000 },
      rows: 1,
    });
    expect(Object.values(summary.discrepancies)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  describe('MISSING_INTERNAL', () => {
    it('flags a lost callback (payment still PENDING or EXPIRED) for automatic application', async () => {
      for (const status of ['PENDING', 'EXPIRED'] as const) {
        const { discrepancies, summary } = await run([aTransaction({ status, paidAt: null })], [aRow()]);
        expect(discrepancies).toEqual([expect.objectContaining({
          type: 'MISSING_INTERNAL', reason: 'LOST_CALLBACK', autoApply: true, line: 2, paymentId: 'PAY-000001',
          providerTxnId: 'MB000001', internalStatus: status, internalAmount: 52_000, providerAmount: 52_000,
          dossierId: '000.00.13.H43-261122-0001',
        })]);
        expect(summary.autoApplicable).toBe(1);
        expect(summary.matched.count).toBe(0);
        expect(summary.internal.count).toBe(0);
      }
    });

    it('leaves a success after FAILED or CANCELLED to finance', async () => {
      for (const status of ['FAILED', 'CANCELLED'] as const) {
        const { discrepancies, summary } = await run([aTransaction({ status })], [aRow()]);
        expect(discrepancies).toEqual([expect.objectContaining({ type: 'MISSING_INTERNAL', reason: 'SUCCESS_AFTER_FAILURE', autoApply: false })]);
        expect(summary.autoApplicable).toBe(0);
      }
    });

    it('does not auto-apply a lost callback whose amount differs', async () => {
      const { discrepancies } = await run([aTransaction({ status: 'PENDING' })], [aRow({ amount: 50_000 })]);
      expect(discrepancies).toEqual([expect.objectContaining({ type: 'AMOUNT_MISMATCH', internalStatus: 'PENDING', autoApply: false })]);
    });
  });

  it('reports a success missing from the file as MISSING_AT_PROVIDER', async () => {
    const { discrepancies, summary } = await run([aTransaction(), aTransaction({ paymentId: 'PAY-000002', dossierId: 'D2' })], [aRow()]);
    expect(discrepancies).toEqual([expect.objectContaining({
      type: 'MISSING_AT_PROVIDER', reason: 'NOT_IN_FILE', paymentId: 'PAY-000002', dossierId: 'D2', line: null,
      internalAmount: 52_000, providerAmount: null, internalPaidAt: '2026-11-22T09:30:00+07:00',
    })]);
    expect(summary.internal).toEqual({ count: 2, amount: 104_000 });
  });

  it('ignores payments that never succeeded and are absent from the file', async () => {
    const statuses = ['PENDING', 'EXPIRED', 'FAILED', 'CANCELLED'] as const;
    const transactions = statuses.map((status, i) => aTransaction({ paymentId: `PAY-${i}`, status, paidAt: null }));
    expect((await run(transactions, [])).discrepancies).toEqual([]);
  });

  it('reports a different amount as AMOUNT_MISMATCH, not as missing', async () => {
    const { discrepancies, summary } = await run([aTransaction()], [aRow({ amount: 5_200_000 })]);
    expect(kinds(discrepancies)).toEqual(['AMOUNT_MISMATCH/AMOUNT_DIFFERS']);
    expect(discrepancies[0]).toMatchObject({ internalAmount: 52_000, providerAmount: 5_200_000 });
    expect(summary.matched.count).toBe(0);
  });

  describe('STATUS_MISMATCH', () => {
    it('reports a success the provider reversed', async () => {
      const { discrepancies, summary } = await run([aTransaction()], [aRow({ status: 'REVERSED' })]);
      expect(discrepancies).toEqual([expect.objectContaining({ type: 'STATUS_MISMATCH', reason: 'REVERSED_SUCCESS', providerStatus: 'REVERSED' })]);
      expect(summary.providerReversed).toEqual({ count: 1, amount: 52_000 });
      expect(summary.provider.count).toBe(0);
    });

    it('accepts a reversal of a payment that never succeeded here', async () => {
      const { discrepancies } = await run([aTransaction({ status: 'FAILED' })], [aRow({ status: 'REVERSED' })]);
      expect(discrepancies).toEqual([]);
    });
  });

  describe('DUPLICATE', () => {
    it('reports a provider_txn_id repeated in the file, whatever the repeat says', async () => {
      const { discrepancies, summary } = await run([aTransaction()], [aRow(), aRow(), aRow({ status: 'REVERSED', amount: 1 })]);
      expect(kinds(discrepancies)).toEqual(['DUPLICATE/PROVIDER_TXN_REPEATED', 'DUPLICATE/PROVIDER_TXN_REPEATED']);
      expect(discrepancies.map((d) => d.line)).toEqual([3, 4]);
      expect(summary.matched.count).toBe(1);
      expect(summary.provider).toEqual({ count: 2, amount: 104_000, fee: 3_300 });
    });

    it('reports one payment settled under two provider transactions', async () => {
      const { discrepancies, summary } = await run([aTransaction()], [aRow(), aRow({ providerTxnId: 'MB000002' })]);
      expect(kinds(discrepancies)).toEqual(['DUPLICATE/PAYMENT_SETTLED_TWICE']);
      expect(discrepancies[0]).toMatchObject({ line: 3, providerTxnId: 'MB000002' });
      expect(summary.matched.count).toBe(1);
    });

    it('lets the first row in the file claim the payment', async () => {
      const { discrepancies } = await run([aTransaction()], [aRow({ amount: 1 }), aRow({ providerTxnId: 'MB000002' })]);
      expect(kinds(discrepancies)).toEqual(['AMOUNT_MISMATCH/AMOUNT_DIFFERS', 'DUPLICATE/PAYMENT_SETTLED_TWICE']);
    });

    it('reports the later success of a dossier paid twice, besides matching both', async () => {
      const transactions = [
        aTransaction({ paymentId: 'PAY-B', paidAt: '2026-11-22T10:00:00+07:00' }),
        aTransaction({ paymentId: 'PAY-A', paidAt: '2026-11-22T10:05:00+07:00' }),
        aTransaction({ paymentId: 'PAY-C', paidAt: '2026-11-22T10:00:00+07:00' }),
        aTransaction({ paymentId: 'PAY-D', paidAt: '2026-11-22T11:00:00+07:00', status: 'PENDING' }),
      ];
      const rows = ['PAY-A', 'PAY-B', 'PAY-C'].map((paymentId, i) => aRow({ paymentId, providerTxnId: `MB${i}` }));
      const { discrepancies, summary } = await run(transactions, rows);
      // First is the earliest paidAt, ties broken by paymentId: PAY-B.
      expect(discrepancies.map((d) => `${d.reason}:${d.paymentId}`).sort()).toEqual(['DOSSIER_PAID_TWICE:PAY-A', 'DOSSIER_PAID_TWICE:PAY-C']);
      expect(summary.matched.count).toBe(3);
      expect(summary.discrepancies.DUPLICATE).toBe(2);
    });
  });

  describe('UNKNOWN_REFERENCE', () => {
    it('reports a payment id the day does not know, when no lookup is given', async () => {
      const { discrepancies } = await run([], [aRow({ paymentId: 'PAY-999' })]);
      expect(discrepancies).toEqual([expect.objectContaining({ type: 'UNKNOWN_REFERENCE', reason: 'PAYMENT_NOT_ISSUED', paymentId: 'PAY-999', internalAmount: null })]);
    });

    it('asks the lookup port about ids outside the day, in batches, and classifies what it knows', async () => {
      const known: Record<string, KnownPayment> = {
        'PAY-LOST': { paymentId: 'PAY-LOST', dossierId: 'D1', amount: 52_000, status: 'PENDING' },
        'PAY-OLD': { paymentId: 'PAY-OLD', dossierId: 'D2', amount: 52_000, status: 'SUCCEEDED', paidAt: '2026-11-20T10:00:00+07:00' },
      };
      const asked: string[][] = [];
      const lookupPayments = async (ids: readonly string[]) => {
        asked.push([...ids]);
        return ids.flatMap((id) => (known[id] ? [known[id]] : []));
      };
      const rows = [
        aRow({ providerTxnId: 'T1', paymentId: 'PAY-LOST' }),
        aRow({ providerTxnId: 'T2', paymentId: 'PAY-OLD' }),
        aRow({ providerTxnId: 'T3', paymentId: 'PAY-NEVER' }),
        aRow({ providerTxnId: 'T4', paymentId: 'PAY-LOST' }),
        aRow({ providerTxnId: 'T5', paymentId: 'PAY-OLD', status: 'REVERSED' }),
      ];
      const { discrepancies, summary } = await run([], rows, { lookupPayments, lookupBatchSize: 2 });
      expect(kinds(discrepancies)).toEqual([
        'MISSING_INTERNAL/LOST_CALLBACK', 'MISSING_INTERNAL/SUCCESS_NOT_IN_DAY', 'UNKNOWN_REFERENCE/PAYMENT_NOT_ISSUED',
        'DUPLICATE/PAYMENT_SETTLED_TWICE', 'STATUS_MISMATCH/REVERSED_SUCCESS',
      ]);
      expect(discrepancies[0]).toMatchObject({ autoApply: true, dossierId: 'D1', internalStatus: 'PENDING' });
      expect(asked.flat().sort()).toEqual(['PAY-LOST', 'PAY-NEVER', 'PAY-OLD']);
      expect(asked.every((ids) => ids.length <= 2)).toBe(true);
      expect(summary.autoApplicable).toBe(1);
    });
  });

  describe('PENDING_NEXT_DAY', () => {
    const at = (paidAt: string, paymentId = 'PAY-LATE') => aTransaction({ paymentId, paidAt, dossierId: `D-${paymentId}` });

    it('expects a success from the last 30 minutes in the next file, window edge included', async () => {
      const { discrepancies, carryOver } = await run([
        at('2026-11-22T23:30:00+07:00', 'PAY-EDGE'),
        at('2026-11-22T23:59:59.999+07:00', 'PAY-LAST'),
        at('2026-11-22T23:29:59.999+07:00', 'PAY-BEFORE'),
      ], []);
      // In payment-time order, whatever order the day's transactions came in.
      expect(discrepancies.map((d) => `${d.type}:${d.paymentId}`)).toEqual([
        'MISSING_AT_PROVIDER:PAY-BEFORE', 'PENDING_NEXT_DAY:PAY-EDGE', 'PENDING_NEXT_DAY:PAY-LAST',
      ]);
      expect(carryOver).toEqual([
        { paymentId: 'PAY-EDGE', dossierId: 'D-PAY-EDGE', amount: 52_000, paidAt: '2026-11-22T23:30:00+07:00', businessDate: BUSINESS_DATE },
        { paymentId: 'PAY-LAST', dossierId: 'D-PAY-LAST', amount: 52_000, paidAt: '2026-11-22T23:59:59.999+07:00', businessDate: BUSINESS_DATE },
      ]);
    });

    it('takes the window from configuration', async () => {
      const { discrepancies } = await run([at('2026-11-22T23:00:00+07:00')], [], { pendingNextDayWindowMs: 60 * 60 * 1000 });
      expect(kinds(discrepancies)).toEqual(['PENDING_NEXT_DAY/PAID_BEFORE_MIDNIGHT']);
    });

    it('refuses a success of the next date (00:00:00+07:00) among the day transactions', async () => {
      await expect(run([at('2026-11-23T00:00:00+07:00')], [])).rejects.toThrow(InternalTransactionError);
      await expect(run([at('2026-11-21T23:59:59+07:00')], [])).rejects.toThrow(InternalTransactionError);
    });

    it('settles carried-over payments found in this file and reports those still missing', async () => {
      const carriedOver = [aCarriedOverPayment(), aCarriedOverPayment({ paymentId: 'PAY-000901' }), aCarriedOverPayment({ paymentId: 'PAY-000902' })];
      const rows = [
        aRow({ providerTxnId: 'T1', paymentId: 'PAY-000900', paidAt: '2026-11-21T23:50:00+07:00' }),
        aRow({ providerTxnId: 'T2', paymentId: 'PAY-000902', amount: 1 }),
      ];
      const { discrepancies, summary } = await run([], rows, { carriedOver });
      expect(kinds(discrepancies)).toEqual(['AMOUNT_MISMATCH/AMOUNT_DIFFERS', 'MISSING_AT_PROVIDER/CARRIED_OVER_NOT_IN_FILE']);
      expect(discrepancies[1]).toMatchObject({ paymentId: 'PAY-000901' });
      expect(summary.carriedOverSettled).toEqual({ count: 1, amount: 52_000 });
      expect(summary.matched.count).toBe(0);
      expect(summary.internal.count).toBe(0);
    });

    it('refuses a row paid before the previous day window', async () => {
      const rows = [aRow({ paidAt: '2026-11-21T23:29:59+07:00' })];
      await expect(run([], rows)).rejects.toMatchObject({ line: 2, field: 'paid_at' });
      await expect(run([], rows, { requireRowsOnBusinessDate: false })).resolves.toBeDefined();
    });
  });

  it('totals a mixed day and gives every type its count', async () => {
    const transactions = [
      aTransaction({ paymentId: 'P1', dossierId: 'D1', amount: 10_000 }),
      aTransaction({ paymentId: 'P2', dossierId: 'D2', amount: 20_000 }),
      aTransaction({ paymentId: 'P3', dossierId: 'D3', amount: 30_000, status: 'EXPIRED', paidAt: null }),
      aTransaction({ paymentId: 'P4', dossierId: 'D1', amount: 40_000, paidAt: '2026-11-22T23:45:00+07:00' }),
      aTransaction({ paymentId: 'P5', dossierId: 'D5', amount: 50_000 }),
    ];
    const rows = [
      aRow({ providerTxnId: 'T1', paymentId: 'P1', amount: 10_000 }),
      aRow({ providerTxnId: 'T1', paymentId: 'P1', amount: 10_000 }),
      aRow({ providerTxnId: 'T3', paymentId: 'P3', amount: 30_000 }),
      aRow({ providerTxnId: 'T5', paymentId: 'P5', amount: 50_001 }),
      aRow({ providerTxnId: 'T9', paymentId: 'P9', amount: 90_000 }),
      aRow({ providerTxnId: 'T2', paymentId: 'P2', amount: 20_000, status: 'REVERSED' }),
    ];
    const { summary } = await run(transactions, rows);
    expect(summary).toEqual({
      internal: { count: 4, amount: 120_000 },
      provider: { count: 5, amount: 190_001, fee: 6_600 },
      matched: { count: 1, amount: 10_000 },
      discrepancies: {
        MISSING_INTERNAL: 1, MISSING_AT_PROVIDER: 0, AMOUNT_MISMATCH: 1, STATUS_MISMATCH: 1, DUPLICATE: 2,
        UNKNOWN_REFERENCE: 1, PENDING_NEXT_DAY: 1,
      },
      rows: 6,
      providerReversed: { count: 1, amount: 20_000 },
      carriedOverSettled: { count: 0, amount: 0 },
      autoApplicable: 1,
    });
  });

  it('gives the same result for internal transactions one by one or in pages, in any order', async () => {
    const transactions = [
      aTransaction({ paymentId: 'P1' }),
      aTransaction({ paymentId: 'P2', status: 'PENDING', paidAt: null, providerTxnId: null }),
      aTransaction({ paymentId: 'uuid-5f0c2a7e-8d1b-4c3a', dossierId: 'HS/2026/Hải Phòng' }),
    ];
    const rows = [aRow({ providerTxnId: 'T1', paymentId: 'P1' }), aRow({ providerTxnId: 'T2', paymentId: 'P2' }), aRow({ providerTxnId: 'T3', paymentId: 'nope' })];
    const fromRecords = await run(transactions, rows);
    async function* pages() {
      yield transactions.slice(2);
      yield transactions.slice(0, 2);
    }
    const fromPages = await run([], rows, { internalTransactions: pages() });
    expect(fromPages).toEqual(fromRecords);
    expect(kinds(fromRecords.discrepancies)).toEqual(['MISSING_INTERNAL/LOST_CALLBACK', 'UNKNOWN_REFERENCE/PAYMENT_NOT_ISSUED', 'MISSING_AT_PROVIDER/NOT_IN_FILE']);
  });

  it('refuses an identifier of the day that is not one, naming its position and field', async () => {
    await expect(run([aTransaction({ paymentId: 'P'.repeat(128) })], [])).resolves.toBeDefined();
    await expect(run([aTransaction({ paymentId: 'P1' }), aTransaction({ paymentId: 'P'.repeat(129) })], [])).rejects.toMatchObject({ position: 2, field: 'paymentId' });
    await expect(run([aTransaction({ dossierId: 'HS "1"' })], [])).rejects.toThrow(/quote/);
    await expect(run([aTransaction({ dossierId: ' HS-1' })], [])).rejects.toMatchObject({ position: 1, field: 'dossierId' });
  });

  it('ends the readers of both inputs when it refuses its input part way', async () => {
    const ended: string[] = [];
    const reader = (name: string, items: unknown[]) => ({
      [Symbol.asyncIterator]: () => {
        const iterator = items[Symbol.iterator]();
        return {
          next: async () => iterator.next(),
          return: async () => {
            ended.push(name);
            return { done: true as const, value: undefined };
          },
        };
      },
    });
    const lateCarriedOver = aCarriedOverPayment({ paidAt: '2026-11-22T08:00:00+07:00' });
    await expect(
      reconcile({
        businessDate: BUSINESS_DATE,
        internalTransactions: reader('internal', [aTransaction()]) as AsyncIterable<InternalTransaction>,
        settlementFile: reader('settlement', [bytes(aSettlementFile([aRow()]))]) as AsyncIterable<Uint8Array>,
        carriedOver: [lateCarriedOver],
      }),
    ).rejects.toMatchObject({ field: 'carriedOver.paidAt' });
    expect(ended.sort()).toEqual(['internal', 'settlement']);
  });

  it('refuses a payment listed twice and a settlement file that breaks the format', async () => {
    await expect(run([aTransaction(), aTransaction()], [])).rejects.toMatchObject({ position: 2, field: 'paymentId' });
    await expect(run([aTransaction({ amount: 1.5 })], [])).rejects.toMatchObject({ position: 1, field: 'amount' });
    await expect(run([aTransaction()], [aRow({ amount: '52000.0' })])).rejects.toThrow(SettlementFileError);
  });

  it('hands discrepancies over in batches as the file is read, and counts without a sink', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => aRow({ providerTxnId: `T${i}`, paymentId: `UNKNOWN-${i}` }));
    const file = bytes(aSettlementFile(rows));
    const batchSizes: number[] = [];
    const result = await reconcile({
      businessDate: BUSINESS_DATE,
      internalTransactions: [],
      settlementFile: [file.subarray(0, 40_000), file.subarray(40_000)],
      onDiscrepancies: (batch) => {
        batchSizes.push(batch.length);
      },
    });
    expect(batchSizes.length).toBeGreaterThan(1);
    expect(batchSizes.reduce((a, b) => a + b, 0)).toBe(3000);
    const counted = await reconcile({
      businessDate: BUSINESS_DATE,
      internalTransactions: [],
      settlementFile: [file],
    });
    expect(counted.summary).toEqual(result.summary);
  });
});

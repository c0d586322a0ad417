// Proves the engine and the SQL rendering of RULES.md (the benchmark's DuckDB peer) agree on every count and total.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reconcile } from '../../../domain/reconciliation/matching-engine';
import type { CarriedOverPayment } from '../../../domain/reconciliation/discrepancy';
import { INTERNAL_TRANSACTION_HEADER, type InternalTransaction } from '../../../domain/reconciliation/internal-transaction';
import { startOfBusinessDate } from '../../../domain/shared/business-date';
import { BENCH_BUSINESS_DATE, BENCH_WINDOW_MS, CARRIED_OVER_HEADER, generateBenchData, readCarriedOverCsv } from '../../../bench/reconcile-data';
import { runSqlReconciliation } from '../../../bench/reconcile-sql';
import { readFileSync } from 'node:fs';
import { aCarriedOverPayment, aRow, aSettlementFile, aTransaction } from './builders';

const windowStartMs = startOfBusinessDate(BENCH_BUSINESS_DATE).getTime() + 86_400_000 - BENCH_WINDOW_MS;

async function bothSides(files: { internalCsv: string; settlementCsv: string; carriedOverCsv: string }) {
  const engine = await reconcile({
    businessDate: BENCH_BUSINESS_DATE,
    internalTransactions: { format: 'csv', chunks: [readFileSync(files.internalCsv)] },
    settlementFile: [readFileSync(files.settlementCsv)],
    carriedOver: readCarriedOverCsv(files.carriedOverCsv),
    pendingNextDayWindowMs: BENCH_WINDOW_MS,
  });
  const sql = await runSqlReconciliation({ ...files, windowStartMs });
  return { engine: engine.summary, sql };
}

describe('engine and SQL', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'reconcile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('agree on a generated day with every discrepancy type', async () => {
    const files = generateBenchData(join(dir, 'generated'), 5_000, 7);
    const { engine, sql } = await bothSides(files);
    expect(sql).toEqual(engine);
    expect(Object.values(engine.discrepancies).every((count) => count > 0)).toBe(true);
  });

  it('agree where the order of rows decides the outcome', async () => {
    const transactions: InternalTransaction[] = [
      aTransaction({ paymentId: 'P1', dossierId: 'D1' }),
      aTransaction({ paymentId: 'P2', dossierId: 'D1', paidAt: '2026-11-22T09:30:00+07:00' }),
      aTransaction({ paymentId: 'P3', dossierId: 'D3', status: 'PENDING', paidAt: null }),
      aTransaction({ paymentId: 'P4', dossierId: 'D4', paidAt: '2026-11-22T23:30:00+07:00' }),
      aTransaction({ paymentId: 'P5', dossierId: 'D5', paidAt: '2026-11-22T23:29:59.999+07:00' }),
      aTransaction({ paymentId: 'P6', dossierId: 'D6', status: 'CANCELLED', paidAt: null }),
    ];
    const rows = [
      aRow({ providerTxnId: 'T1', paymentId: 'P1', amount: 1 }),
      aRow({ providerTxnId: 'T2', paymentId: 'P1' }),
      aRow({ providerTxnId: 'T1', paymentId: 'P2' }),
      aRow({ providerTxnId: 'T3', paymentId: 'P3', status: 'REVERSED' }),
      aRow({ providerTxnId: 'T4', paymentId: 'P3' }),
      aRow({ providerTxnId: 'T5', paymentId: 'P2', status: 'REVERSED' }),
      aRow({ providerTxnId: 'T6', paymentId: 'P6' }),
      aRow({ providerTxnId: 'T7', paymentId: 'P900', paidAt: '2026-11-21T23:45:00+07:00' }),
      aRow({ providerTxnId: 'T8', paymentId: 'P-unknown' }),
    ];
    const files = {
      internalCsv: join(dir, 'internal.csv'),
      settlementCsv: join(dir, 'settlement.csv'),
      carriedOverCsv: join(dir, 'carried.csv'),
    };
    writeFileSync(files.internalCsv, [INTERNAL_TRANSACTION_HEADER, ...transactions.map((t) =>
      [t.paymentId, t.providerTxnId ?? '', t.dossierId, t.amount, t.status, t.paidAt ?? ''].join(','))].join('\n') + '\n');
    writeFileSync(files.settlementCsv, aSettlementFile(rows));
    const carried = [aCarriedOverPayment({ paymentId: 'P900' }), aCarriedOverPayment({ paymentId: 'P901' })];
    writeFileSync(files.carriedOverCsv, [CARRIED_OVER_HEADER, ...carried.map((c) =>
      [c.paymentId, c.dossierId, c.amount, c.paidAt, c.businessDate].join(','))].join('\n') + '\n');

    const { engine, sql } = await bothSides(files);
    expect(sql).toEqual(engine);
    expect(engine.discrepancies).toEqual({
      MISSING_INTERNAL: 2, MISSING_AT_PROVIDER: 2, AMOUNT_MISMATCH: 1, STATUS_MISMATCH: 1, DUPLICATE: 3,
      UNKNOWN_REFERENCE: 1, PENDING_NEXT_DAY: 1,
    });
  });
});

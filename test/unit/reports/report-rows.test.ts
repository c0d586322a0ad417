// Proves report rows by agency, procedure and month match hand-computed figures, and totals come from counts, not from rows' percentages.
import fc from 'fast-check';
import Decimal from 'decimal.js';
import type { ReportCounter } from '../../../domain/reports/counters';
import { feeBearingProceduresOf } from '../../../domain/reports/fee-bearing-catalog';
import { REPORT_FIGURE_FIELDS, type ReportFigures } from '../../../domain/reports/report-figures';
import { buildOnlinePaymentReport, buildReportRows, type ReportGroupBy } from '../../../domain/reports/report-rows';
import seedCatalog from '../../../data/seed-catalog.json';
import { aCounter, procedure, shippedTargetSet } from './report-builders';
import { catalog, counters, period } from './report-fixture';

const nq01 = shippedTargetSet('nq01-2021');
const haiphong = shippedTargetSet('haiphong-2024');

describe('buildReportRows by agency', () => {
  const { rows, totals } = buildReportRows({ period, counters, catalog, targetSet: nq01 }, 'agency');
  const row = (agencyCode: string) => rows.find((r) => r.agencyCode === agencyCode);

  it('lists every agency with counters or fee-bearing procedures, by code', () => {
    expect(rows.map((r) => r.agencyCode)).toEqual(['SGTVT', 'STNMT', 'STP', 'SXD', 'TANPHONG']);
  });

  it('meets a "gte" 25% target at exactly 25.00%', () => {
    expect(row('STP')).toEqual({
      agencyCode: 'STP',
      paymentTransactions: 100,
      onlinePaymentTransactions: 25,
      transactionRatePercent: '25.00',
      feeBearingProcedures: 1,
      proceduresPaidOnline: 1,
      procedureRatePercent: '100.00',
      dossierRatePercent: '21.05', // 20 of 95 dossiers
      meetsTransactionTarget: true,
      meetsProcedureTarget: true,
      gapToTransactionTarget: 0,
      points: null,
      gapToProcedureTarget: 0,
      dossiersPaid: 95,
      dossiersPaidOnline: 20,
      amount: 1_000_000,
      onlineAmount: 250_000,
    });
  });

  it('computes the gap for an agency below target', () => {
    // x = (0.25·8 − 1) ÷ 0.75 = 1.33… → 2 more: 3/10 = 30%.
    expect(row('TANPHONG')).toMatchObject({ transactionRatePercent: '12.50', meetsTransactionTarget: false, gapToTransactionTarget: 2 });
    expect(row('TANPHONG')).toMatchObject({ feeBearingProcedures: 2, proceduresPaidOnline: 1, procedureRatePercent: '50.00', meetsProcedureTarget: true });
  });

  it('gives no transaction rate to an agency without payments, yet judges its catalog', () => {
    expect(row('STNMT')).toMatchObject({
      paymentTransactions: 0,
      transactionRatePercent: null,
      dossierRatePercent: null,
      meetsTransactionTarget: null,
      gapToTransactionTarget: 1,
      feeBearingProcedures: 2,
      proceduresPaidOnline: 0,
      procedureRatePercent: '0.00',
      meetsProcedureTarget: false,
      gapToProcedureTarget: 1,
    });
  });

  it('counts payments of a procedure no longer fee-bearing, without a procedure rate', () => {
    expect(row('SXD')).toMatchObject({ transactionRatePercent: '100.00', feeBearingProcedures: 0, procedureRatePercent: null, meetsProcedureTarget: null, gapToProcedureTarget: null });
  });

  it('computes totals from the period counts, ignoring counters outside it', () => {
    expect(totals).toMatchObject({
      paymentTransactions: 210,
      onlinePaymentTransactions: 58,
      transactionRatePercent: '27.62', // 58/210 = 27.619…
      feeBearingProcedures: 7,
      proceduresPaidOnline: 3,
      procedureRatePercent: '42.86', // 3/7
      dossierRatePercent: '25.85', // 53/205
      meetsTransactionTarget: true,
      meetsProcedureTarget: false,
      gapToTransactionTarget: 0,
      gapToProcedureTarget: 1,
    });
  });
});

describe('buildReportRows with a strict target and points (haiphong-2024)', () => {
  const { rows, totals } = buildReportRows({ period, counters, catalog, targetSet: haiphong }, 'agency');
  const row = (agencyCode: string) => rows.find((r) => r.agencyCode === agencyCode);

  it('misses a "gt" 30% target at exactly 30.00% and needs one more', () => {
    expect(row('SGTVT')).toMatchObject({ transactionRatePercent: '30.00', meetsTransactionTarget: false, gapToTransactionTarget: 1 });
  });

  it('needs one more than an exact division gives', () => {
    // x = (0.3·8 − 1) ÷ 0.7 = 2 exactly: 3/10 is 30%, not above it; 4/11 is.
    expect(row('TANPHONG')?.gapToTransactionTarget).toBe(3);
  });

  it('adds points per indicator met or missed, skipping an indicator with no rate', () => {
    expect(row('SGTVT')?.points).toBe('-2.00'); // 30% and 50%: both missed
    expect(row('STP')?.points).toBe('0.00'); // 25% missed, 100% met
    expect(row('STNMT')?.points).toBe('-1.00'); // no transaction rate; 0% missed
    expect(row('SXD')?.points).toBe('1.00'); // 100% met; no procedure rate
    expect(totals).toMatchObject({ meetsTransactionTarget: false, gapToTransactionTarget: 8, points: '-2.00' });
  });
});

describe('buildReportRows by procedure', () => {
  const { rows, totals } = buildReportRows({ period, counters, catalog, targetSet: nq01 }, 'procedure');

  it('has one row per procedure with feeBearingProcedures 1 or 0', () => {
    expect(rows.map((r) => [r.procedureCode, r.feeBearingProcedures, r.proceduresPaidOnline, r.transactionRatePercent])).toEqual([
      ['CT-BANSAO', 1, 0, null],
      ['CT-CHUKY', 1, 1, '12.50'],
      ['DD-THAMDINH', 1, 0, null],
      ['DKX-BIENSO', 1, 0, '0.00'],
      ['GPLX-DOI', 1, 1, '33.33'],
      ['LLTP-CAP', 1, 1, '25.00'],
      ['TB-NHADAT', 1, 0, null],
      ['XD-OLD', 0, 0, '100.00'],
    ]);
    expect(totals.feeBearingProcedures).toBe(7);
  });
});

describe('buildReportRows by month', () => {
  const { rows, totals } = buildReportRows({ period, counters, catalog, targetSet: nq01 }, 'month');

  it('measures each month against procedures paid online in that month', () => {
    expect(rows).toEqual([
      expect.objectContaining({ month: '2026-03', paymentTransactions: 113, onlinePaymentTransactions: 28, transactionRatePercent: '24.78', meetsTransactionTarget: false, feeBearingProcedures: 7, proceduresPaidOnline: 2, procedureRatePercent: '28.57' }),
      expect.objectContaining({ month: '2026-04', paymentTransactions: 97, onlinePaymentTransactions: 30, transactionRatePercent: '30.93', meetsTransactionTarget: true, feeBearingProcedures: 7, proceduresPaidOnline: 1, procedureRatePercent: '14.29' }),
    ]);
    expect(totals.paymentTransactions).toBe(210);
  });

  it('has a row for every month of the period, also an empty one', () => {
    const report = buildReportRows({ period: { from: '2025-12-15', to: '2026-02-01' }, counters: [], catalog, targetSet: nq01 }, 'month');
    expect(report.rows.map((r) => [r.month, r.transactionRatePercent, r.procedureRatePercent])).toEqual([
      ['2025-12', null, '0.00'],
      ['2026-01', null, '0.00'],
      ['2026-02', null, '0.00'],
    ]);
  });

  it('counts a procedure paid online in two months once in the totals', () => {
    const twoMonths = [aCounter({ businessDate: '2026-03-05' }), aCounter({ businessDate: '2026-04-05' })];
    const report = buildReportRows({ period, counters: twoMonths, catalog: [procedure('STP', 'LLTP-CAP')], targetSet: nq01 }, 'month');
    expect(report.rows.map((r) => r.proceduresPaidOnline)).toEqual([1, 1]);
    expect(report.totals.proceduresPaidOnline).toBe(1);
  });
});

describe('counting rules', () => {
  it('sums shards of one counter key', () => {
    const shards = [aCounter({ paymentTransactions: 2 }), aCounter({ paymentTransactions: 3 }), aCounter({ channel: 'OFFLINE', paymentTransactions: 5 })];
    const { totals } = buildReportRows({ period, counters: shards, catalog: [], targetSet: nq01 }, 'agency');
    expect(totals).toMatchObject({ paymentTransactions: 10, onlinePaymentTransactions: 5, transactionRatePercent: '50.00' });
  });

  it('does not count a procedure whose only online payment was reversed as paid online', () => {
    const reversed = [aCounter({ paymentTransactions: 0, amount: 0, dossiersPaid: 0 }), aCounter({ channel: 'OFFLINE' })];
    const { totals } = buildReportRows({ period, counters: reversed, catalog: [procedure('STP', 'LLTP-CAP')], targetSet: nq01 }, 'agency');
    expect(totals).toMatchObject({ paymentTransactions: 1, onlinePaymentTransactions: 0, proceduresPaidOnline: 0, procedureRatePercent: '0.00' });
  });

  it('marks a procedure paid online only for the agency it belongs to', () => {
    const elsewhere = [aCounter({ agencyCode: 'BIENHOA', procedureCode: 'LLTP-CAP' })];
    const { totals } = buildReportRows({ period, counters: elsewhere, catalog: [procedure('STP', 'LLTP-CAP')], targetSet: nq01 }, 'agency');
    expect(totals.proceduresPaidOnline).toBe(0);
  });

  it('counts a catalog entry listed twice once', () => {
    const { totals } = buildReportRows({ period, counters: [], catalog: [procedure('STP', 'LLTP-CAP'), procedure('STP', 'LLTP-CAP')], targetSet: nq01 }, 'agency');
    expect(totals.feeBearingProcedures).toBe(1);
  });

  it('takes only procedures with a fee line as fee-bearing (zero-fee procedures never count)', () => {
    const feeBearing = feeBearingProceduresOf(seedCatalog.procedures);
    expect(feeBearing).toHaveLength(14);
    expect(feeBearing.map((p) => p.procedureCode)).not.toEqual(expect.arrayContaining(['HT-KETHON']));
    expect(feeBearing).toContainEqual({ agencyCode: 'TANPHONG', procedureCode: 'CT-CHUKY' });
  });

  it('gives empty totals rather than a division error when there is nothing', () => {
    const { rows, totals } = buildReportRows({ period, counters: [], catalog: [], targetSet: haiphong }, 'agency');
    expect(rows).toEqual([]);
    expect(totals).toMatchObject({
      paymentTransactions: 0,
      transactionRatePercent: null,
      procedureRatePercent: null,
      dossierRatePercent: null,
      meetsTransactionTarget: null,
      meetsProcedureTarget: null,
      points: null,
    });
  });

  it('refuses counters that net below zero', () => {
    const inconsistent = [aCounter({ channel: 'OFFLINE', paymentTransactions: -1, amount: -10_000, dossiersPaid: -1 }), aCounter()];
    expect(() => buildReportRows({ period, counters: inconsistent, catalog: [], targetSet: nq01 }, 'agency')).toThrow(/inconsistent/);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => buildReportRows({ period: { from: '2026-04-01', to: '2026-03-31' }, counters, catalog, targetSet: nq01 }, 'agency')).toThrow(RangeError);
  });
});

describe('buildOnlinePaymentReport', () => {
  it('gives the JSON body of the contract', () => {
    const report = buildOnlinePaymentReport({ period, counters, catalog, targetSet: haiphong, groupBy: 'agency' });
    expect(report.period).toEqual({ from: '2026-03-01', to: '2026-04-30' });
    expect(report.targetSet).toMatchObject({ id: 'haiphong-2024', transactionRateTarget: '30.00', procedureRateTarget: '60.00' });
    expect(Object.keys(report.rows[0]!)).toEqual(['agencyCode', ...REPORT_FIGURE_FIELDS]);
    expect(Object.keys(report.totals)).toEqual([...REPORT_FIGURE_FIELDS]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('report properties', () => {
  const agencies = ['A', 'B', 'C'];
  const procedureCodes = ['P1', 'P2', 'P3'];
  const counterArbitrary: fc.Arbitrary<ReportCounter> = fc
    .record({
      agencyCode: fc.constantFrom(...agencies),
      procedureCode: fc.constantFrom(...procedureCodes),
      businessDate: fc.constantFrom('2026-02-28', '2026-03-01', '2026-03-31', '2026-04-01', '2026-04-30', '2026-05-01'),
      channel: fc.constantFrom('ONLINE' as const, 'OFFLINE' as const),
      paymentTransactions: fc.integer({ min: 0, max: 1_000 }),
    })
    .chain((c) => fc.integer({ min: 0, max: c.paymentTransactions }).map((dossiersPaid) => ({ ...c, amount: c.paymentTransactions * 12_345, dossiersPaid })));
  const catalogArbitrary = fc.subarray(agencies.flatMap((a) => procedureCodes.map((p) => procedure(a, p))));
  const inputArbitrary = fc.record({
    counters: fc.array(counterArbitrary, { maxLength: 40 }),
    catalog: catalogArbitrary,
    targetSet: fc.constantFrom(nq01, haiphong),
  });
  const additive = ['paymentTransactions', 'onlinePaymentTransactions', 'dossiersPaid', 'dossiersPaidOnline', 'amount', 'onlineAmount'] as const;
  const sum = (rows: readonly ReportFigures[], field: keyof ReportFigures) => rows.reduce((total, row) => total + (row[field] as number), 0);
  const percentFields = ['transactionRatePercent', 'procedureRatePercent', 'dossierRatePercent'] as const;

  it('has totals equal to the sum of row counts, the same totals for every grouping, and rates within 0–100', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const byGroup = Object.fromEntries(
          (['agency', 'procedure', 'month'] as ReportGroupBy[]).map((g) => [g, buildReportRows({ ...input, period }, g)]),
        ) as Record<ReportGroupBy, ReturnType<typeof buildReportRows>>;
        const totals = byGroup.agency.totals;
        for (const groupBy of ['agency', 'procedure', 'month'] as const) {
          const { rows, totals: groupTotals } = byGroup[groupBy];
          expect(groupTotals).toEqual(totals);
          for (const field of additive) expect(sum(rows, field)).toBe(totals[field]);
          if (groupBy !== 'month') {
            expect(sum(rows, 'feeBearingProcedures')).toBe(totals.feeBearingProcedures);
            expect(sum(rows, 'proceduresPaidOnline')).toBe(totals.proceduresPaidOnline);
          } else {
            for (const row of rows) expect(row.proceduresPaidOnline).toBeLessThanOrEqual(totals.proceduresPaidOnline);
          }
          for (const figures of [...rows, groupTotals]) {
            for (const field of percentFields) {
              const percent = figures[field];
              if (percent !== null) expect(new Decimal(percent).gte(0) && new Decimal(percent).lte(100)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

// Proves, by property over random payments around an agency's end, that a report's totals are the same whether old agencies are rolled up into their successors or not, and that its rows add up to them either way.
import fc from 'fast-check';
import { agencyHistory } from '../../../domain/catalog/agency-history';
import type { ReportCounter } from '../../../domain/reports/counters';
import { feeBearingProceduresDuring, rollUpProcedures } from '../../../domain/reports/fee-bearing-catalog';
import { buildReportRows, type ReportInput } from '../../../domain/reports/report-rows';
import { shippedTargetSet } from './report-builders';

// A ward ends on 30 June and passes its procedures to a new ward; a department goes on unchanged.
const history = agencyHistory([
  { code: 'OLDWARD', validTo: '2025-06-30', successor: 'NEWWARD' },
  { code: 'NEWWARD', validFrom: '2025-07-01' },
  { code: 'DEPT' },
]);
const procedures = [
  { code: 'P1', agencyCode: 'OLDWARD', fees: [1] },
  { code: 'P2', agencyCode: 'OLDWARD', fees: [1] },
  { code: 'P3', agencyCode: 'DEPT', fees: [1] },
  { code: 'P4', agencyCode: 'NEWWARD', fees: [1] },
  { code: 'FREE', agencyCode: 'OLDWARD', fees: [] },
];
const period = { from: '2025-06-29', to: '2025-07-02' };
const targetSet = shippedTargetSet('nq01-2021');

// Each counter is a payment collected by the agency serving its procedure that day, as create-payment enforces.
const aCounter = fc
  .record({
    procedure: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
    businessDate: fc.constantFrom('2025-06-29', '2025-06-30', '2025-07-01', '2025-07-02'),
    channel: fc.constantFrom('ONLINE' as const, 'OFFLINE' as const),
    paymentTransactions: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ procedure, businessDate, channel, paymentTransactions }): ReportCounter | null => {
    const named = procedures.find((p) => p.code === procedure)!.agencyCode;
    const agencyCode = history.servingOn(named, businessDate);
    return agencyCode ? { agencyCode, procedureCode: procedure, businessDate, channel, paymentTransactions, amount: paymentTransactions * 10_000, dossiersPaid: paymentTransactions } : null;
  });

describe('reports across an agency’s end', () => {
  const catalog = feeBearingProceduresDuring(procedures, (code) => history.servingDuring(code, period));

  it('pairs each procedure with every agency that served it in the period', () => {
    expect(catalog).toEqual([
      { agencyCode: 'OLDWARD', procedureCode: 'P1' },
      { agencyCode: 'NEWWARD', procedureCode: 'P1' },
      { agencyCode: 'OLDWARD', procedureCode: 'P2' },
      { agencyCode: 'NEWWARD', procedureCode: 'P2' },
      { agencyCode: 'DEPT', procedureCode: 'P3' },
      { agencyCode: 'NEWWARD', procedureCode: 'P4' },
    ]);
    expect(rollUpProcedures(catalog, history.rolledUp)).toHaveLength(4);
  });

  it('has the same totals with and without roll-up, and rows that add up to them', () => {
    fc.assert(
      fc.property(fc.array(aCounter, { maxLength: 30 }), (maybeCounters) => {
        const counters = maybeCounters.filter((c): c is ReportCounter => c !== null);
        const asItWas: ReportInput = { period, targetSet, counters, catalog, rollUpAgency: history.rolledUp };
        const rolledUp: ReportInput = {
          ...asItWas,
          counters: counters.map((c) => ({ ...c, agencyCode: history.rolledUp(c.agencyCode) })),
          catalog: rollUpProcedures(catalog, history.rolledUp),
        };
        const before = buildReportRows(asItWas, 'agency');
        const after = buildReportRows(rolledUp, 'agency');
        expect(after.totals).toEqual(before.totals);
        expect(buildReportRows(rolledUp, 'month').rows).toEqual(buildReportRows(asItWas, 'month').rows);
        for (const { rows, totals } of [before, after]) {
          for (const field of ['paymentTransactions', 'onlinePaymentTransactions', 'dossiersPaid', 'amount', 'onlineAmount'] as const) {
            expect(rows.reduce((sum, row) => sum + row[field], 0)).toBe(totals[field]);
          }
        }
        // Rolled up, the procedure counts add up too; no row is left for the old ward.
        expect(after.rows.reduce((sum, row) => sum + row.feeBearingProcedures, 0)).toBe(after.totals.feeBearingProcedures);
        expect(after.rows.reduce((sum, row) => sum + row.proceduresPaidOnline, 0)).toBe(after.totals.proceduresPaidOnline);
        expect(after.rows.map((row) => row.agencyCode)).toEqual(['DEPT', 'NEWWARD']);
      }),
    );
  });
});

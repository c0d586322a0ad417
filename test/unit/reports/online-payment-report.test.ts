// Proves the report pieces compose as the report handler uses them: claims, catalog and target set in, JSON body and CSV out.
import * as z from 'zod/mini';
import seedCatalog from '../../../data/seed-catalog.json';
import targetSetsDocument from '../../../data/target-sets.json';
import { feeBearingProceduresOf } from '../../../domain/reports/fee-bearing-catalog';
import { renderReportCsv } from '../../../functions/reports/report-csv';
import { buildOnlinePaymentReport, groupKeyOf, REPORT_GROUP_BYS } from '../../../domain/reports/report-rows';
import { agencyScopeFromClaims, narrowScopeToAgency, restrictToScope } from '../../../domain/reports/report-scope';
import { findTargetSet, parseTargetSets } from '../../../domain/reports/target-sets';
import { aCounter } from './report-builders';

const query = z.object({ groupBy: z.enum(REPORT_GROUP_BYS), agency: z.optional(z.string()), targetSet: z.string() });

describe('online-payment report, as the handler composes it', () => {
  const targetSets = parseTargetSets(targetSetsDocument); // once per cold start
  const catalog = feeBearingProceduresOf(seedCatalog.procedures); // the scope's catalog
  const counters = [
    aCounter({ agencyCode: 'TANPHONG', procedureCode: 'CT-CHUKY', channel: 'ONLINE', paymentTransactions: 3 }),
    aCounter({ agencyCode: 'TANPHONG', procedureCode: 'CT-CHUKY', channel: 'OFFLINE', paymentTransactions: 9 }),
    aCounter({ agencyCode: 'STP', procedureCode: 'LLTP-CAP', channel: 'ONLINE', paymentTransactions: 40 }),
  ];

  it('gives a finance user the rows of its own agency only', () => {
    const { groupBy, agency, targetSet: targetSetId } = query.parse({ groupBy: 'agency', agency: 'TANPHONG', targetSet: 'haiphong-2024' });
    const targetSet = findTargetSet(targetSets, targetSetId);
    const claimed = agencyScopeFromClaims(['TANPHONG', 'BIENHOA']);
    const scope = agency ? narrowScopeToAgency(claimed, agency) : claimed;
    if (!targetSet || !scope) throw new Error('the handler answers 404 / 403 here');

    const report = buildOnlinePaymentReport({ period: { from: '2026-03-01', to: '2026-03-31' }, targetSet, groupBy, ...restrictToScope({ counters, catalog }, scope) });

    expect(report.rows.map((row) => groupKeyOf(row, report.groupBy))).toEqual(['TANPHONG']);
    expect(report.totals).toMatchObject({ paymentTransactions: 12, onlinePaymentTransactions: 3, transactionRatePercent: '25.00', feeBearingProcedures: 2, proceduresPaidOnline: 1 });
    expect(renderReportCsv(report, { agency: () => 'Phường Tân Phong', procedure: () => undefined }).split('\r\n')[1]).toMatch(/^TANPHONG,Phường Tân Phong,12,3,25.00,2,1,50.00,/);
  });

  it('refuses an agency outside the caller scope before computing anything', () => {
    expect(narrowScopeToAgency(agencyScopeFromClaims(['TANPHONG']), 'STP')).toBeNull();
  });
});

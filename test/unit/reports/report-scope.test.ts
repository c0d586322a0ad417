// Proves a caller limited to some agencies sees only their rows and totals, and cannot widen its scope.
import { buildReportRows } from '../../../domain/reports/report-rows';
import { agencyScopeFromClaims, narrowScopeToAgency, restrictToScope, scopeIncludesAgency } from '../../../domain/reports/report-scope';
import { shippedTargetSet } from './report-builders';
import { catalog, counters, period } from './report-fixture';

const targetSet = shippedTargetSet('nq01-2021');

describe('agency scope', () => {
  it('reads "*" as every agency and an empty claim as none', () => {
    expect(scopeIncludesAgency(agencyScopeFromClaims(['*']), 'STP')).toBe(true);
    expect(scopeIncludesAgency(agencyScopeFromClaims([]), 'STP')).toBe(false);
    expect(scopeIncludesAgency(agencyScopeFromClaims(['STP']), 'SGTVT')).toBe(false);
  });

  it('narrows to a requested agency only inside the caller scope', () => {
    const finance = agencyScopeFromClaims(['STP', 'TANPHONG']);
    const narrowed = narrowScopeToAgency(finance, 'TANPHONG');
    expect(narrowed && scopeIncludesAgency(narrowed, 'TANPHONG')).toBe(true);
    expect(narrowed && scopeIncludesAgency(narrowed, 'STP')).toBe(false);
    expect(narrowScopeToAgency(finance, 'SGTVT')).toBeNull();
    expect(narrowScopeToAgency(agencyScopeFromClaims(['*']), 'SGTVT')).not.toBeNull();
  });
});

describe('restrictToScope', () => {
  it('leaves other agencies out of the rows and the totals', () => {
    const scoped = restrictToScope({ counters, catalog }, agencyScopeFromClaims(['STP', 'TANPHONG']));
    const { rows, totals } = buildReportRows({ period, targetSet, ...scoped }, 'agency');
    expect(rows.map((r) => r.agencyCode)).toEqual(['STP', 'TANPHONG']);
    expect(totals).toMatchObject({
      paymentTransactions: 108,
      onlinePaymentTransactions: 26,
      transactionRatePercent: '24.07', // 26/108
      feeBearingProcedures: 3,
      proceduresPaidOnline: 2,
    });
  });

  it('leaves other agencies out of procedure and month rows too', () => {
    const scoped = restrictToScope({ counters, catalog }, agencyScopeFromClaims(['SGTVT']));
    expect(buildReportRows({ period, targetSet, ...scoped }, 'procedure').rows.map((r) => r.procedureCode)).toEqual(['DKX-BIENSO', 'GPLX-DOI']);
    expect(buildReportRows({ period, targetSet, ...scoped }, 'month').rows.map((r) => r.paymentTransactions)).toEqual([10, 90]);
  });
});

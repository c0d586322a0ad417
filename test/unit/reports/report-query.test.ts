// Proves the report query and period checks: defaults, agency lists as API Gateway delivers them, and 400s that name the field.
import { HttpError } from '../../../functions/http/http-errors';
import { resolvePeriod, resolveTargetSet, reportQuerySchema } from '../../../functions/reports/report-query';
import { shippedTargetSets } from '../../../functions/reports/shipped-target-sets';

function detailPaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) return error.details.map((detail) => detail.path);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('report query', () => {
  it('defaults groupBy and targetSet, and treats empty form fields as absent', () => {
    expect(reportQuerySchema.parse({ from: '2026-03-01', to: '2026-03-31', agency: '', groupBy: '', targetSet: '' })).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      groupBy: 'agency',
      targetSet: 'nq01-2021',
    });
  });

  it('reads an agency list, repeated codes once', () => {
    expect(reportQuerySchema.parse({ agency: 'STP,SXD,STP' }).agency).toEqual(['STP', 'SXD']);
  });

  it.each([['stp'], ['STP,'], [',STP'], ['STP SXD'], ['*'], [Array.from({ length: 101 }, (_, i) => `A${i}`).join(',')]])('refuses agency=%s', (agency) => {
    const result = reportQuerySchema.safeParse({ agency });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['agency']);
  });
});

describe('resolvePeriod', () => {
  const today = '2026-03-17';

  it('requires both ends for the API', () => {
    expect(detailPaths(() => resolvePeriod({}, { required: true, today }))).toEqual(['from', 'to']);
  });

  it('defaults the dashboard to the month so far, or to the start of the month of `to`', () => {
    expect(resolvePeriod({}, { required: false, today })).toEqual({ from: '2026-03-01', to: '2026-03-17' });
    expect(resolvePeriod({ to: '2026-01-20' }, { required: false, today })).toEqual({ from: '2026-01-01', to: '2026-01-20' });
  });

  it('refuses an inverted period and one over 366 days, naming `to`', () => {
    expect(detailPaths(() => resolvePeriod({ from: '2026-03-02', to: '2026-03-01' }, { required: true, today }))).toEqual(['to']);
    expect(detailPaths(() => resolvePeriod({ from: '2026-01-01', to: '2027-01-02' }, { required: true, today }))).toEqual(['to']);
    expect(resolvePeriod({ from: '2026-01-01', to: '2027-01-01' }, { required: true, today })).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(resolvePeriod({ from: '2026-03-01', to: '2026-03-01' }, { required: true, today })).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });

  it('finds shipped target sets and names targetSet for an unknown one', () => {
    expect(resolveTargetSet(shippedTargetSets(), 'haiphong-2024').transactionRate).toEqual({ target: '30.00', comparison: 'gt' });
    expect(detailPaths(() => resolveTargetSet(shippedTargetSets(), 'nowhere-2030'))).toEqual(['targetSet']);
  });
});

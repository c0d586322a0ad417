// Proves the dashboard writes numbers, percentages, points and dates the Vietnamese way without re-rounding what the domain rounded.
import { formatDate, formatInteger, formatMonth, formatPercent, formatPoints, formatTargetPercent, formatVnd } from '../../../functions/reports/vietnamese-format';

describe('Vietnamese formats', () => {
  it('groups thousands with dots and marks decimals with a comma', () => {
    expect([0, 999, 1000, 1234567, -52000].map(formatInteger)).toEqual(['0', '999', '1.000', '1.234.567', '-52.000']);
    expect(formatVnd(6595000)).toBe('6.595.000 ₫');
    expect(formatPercent('29.99')).toBe('29,99%');
    expect(formatPercent('100.00')).toBe('100,00%');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes targets as their sources do, and points with a sign', () => {
    expect(['25.00', '30.50', '60', '12.345'].map(formatTargetPercent)).toEqual(['25%', '30,5%', '60%', '12,345%']);
    expect(['2.00', '-1.00', '0.00'].map(formatPoints)).toEqual(['+2,00', '−1,00', '0,00']);
    expect(formatPoints(null)).toBe('—');
  });

  it('writes dates day first', () => {
    expect(formatDate('2026-03-01')).toBe('01/03/2026');
    expect(formatMonth('2026-11')).toBe('11/2026');
  });
});

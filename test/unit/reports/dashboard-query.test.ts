// Proves the dashboard reads the dates people type (dd/mm/yyyy) as business dates, joins repeated parameters as API Gateway does, and leaves anything else for validation to name.
import { dashboardQuery, fromVietnameseDate } from '../../../functions/reports/dashboard-query';

describe('dashboard query', () => {
  it('reads dd/mm/yyyy, d/m/yyyy and the dotted or dashed forms as YYYY-MM-DD', () => {
    expect(fromVietnameseDate('07/12/2026')).toBe('2026-12-07');
    expect(fromVietnameseDate(' 7/3/2026 ')).toBe('2026-03-07');
    expect(fromVietnameseDate('07.03.2026')).toBe('2026-03-07');
    expect(fromVietnameseDate('07-03-2026')).toBe('2026-03-07');
  });

  it('leaves an ISO date and anything unreadable as typed, for the report validation to refuse by name', () => {
    expect(fromVietnameseDate('2026-03-07')).toBe('2026-03-07');
    expect(fromVietnameseDate('hôm qua')).toBe('hôm qua');
    expect(fromVietnameseDate('32/13/2026')).toBe('2026-13-32');
  });

  it('takes the query from the page path, dates converted, repeated parameters joined with commas', () => {
    expect(dashboardQuery('/dashboard?from=01%2F12%2F2026&to=07/12/2026&agency=STP&agency=SXD&groupBy=month')).toEqual({
      from: '2026-12-01',
      to: '2026-12-07',
      agency: 'STP,SXD',
      groupBy: 'month',
    });
    expect(dashboardQuery('/dashboard')).toEqual({});
  });
});

// Proves content negotiation of reports: format= first, then Accept with q-values, JSON by default, 406 when nothing fits.
import { HttpError } from '../../../functions/http/http-errors';
import { chooseRepresentation } from '../../../functions/reports/report-representation';

describe('chooseRepresentation', () => {
  it.each([
    [undefined, undefined, 'json'],
    [undefined, '', 'json'],
    [undefined, '*/*', 'json'],
    [undefined, 'application/json', 'json'],
    [undefined, 'text/csv', 'csv'],
    [undefined, 'text/csv; charset=utf-8', 'csv'],
    [undefined, 'TEXT/HTML', 'html'],
    [undefined, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'],
    [undefined, 'application/json;q=0.5, text/csv', 'csv'],
    [undefined, 'text/*', 'html'],
    [undefined, 'text/*, text/html;q=0', 'csv'],
    ['csv', 'text/html', 'csv'],
    ['json', 'text/csv', 'json'],
  ] as const)('format=%s, Accept: %s → %s', (format, accept, expected) => {
    expect(chooseRepresentation(format, accept)).toBe(expected);
  });

  it.each([['application/xml'], ['image/png, text/html;q=0'], ['*/*;q=0']])('refuses Accept: %s with 406 naming accept', (accept) => {
    const attempt = () => chooseRepresentation(undefined, accept);
    expect(attempt).toThrow(HttpError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ statusCode: 406, code: 'NOT_ACCEPTABLE', details: [{ path: 'accept' }] });
    }
  });
});

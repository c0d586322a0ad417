// Proves the CSV export carries the JSON fields group key first, a totals line, and cannot smuggle a spreadsheet formula.
import { csvCell, renderReportCsv } from '../../../domain/reports/report-csv';
import { REPORT_FIGURE_FIELDS } from '../../../domain/reports/report-figures';
import { buildOnlinePaymentReport } from '../../../domain/reports/report-rows';
import { aCounter, procedure, shippedTargetSet } from './report-builders';
import { catalog, counters, period } from './report-fixture';

describe('renderReportCsv', () => {
  it('writes the header, one line per row and a totals line', () => {
    const report = buildOnlinePaymentReport({ period, counters, catalog, targetSet: shippedTargetSet('haiphong-2024'), groupBy: 'agency' });
    const lines = renderReportCsv(report).split('\r\n');
    expect(lines[0]).toBe(['agencyCode', ...REPORT_FIGURE_FIELDS].join(','));
    expect(lines[0]).toMatch(/^agencyCode,paymentTransactions,onlinePaymentTransactions,transactionRatePercent,feeBearingProcedures,/);
    expect(lines[1]).toBe('SGTVT,100,30,30.00,2,1,50.00,30.00,false,false,1,-2.00,1,100,30,1000000,300000');
    expect(lines[2]).toBe('STNMT,0,0,,2,0,0.00,,,false,1,-1.00,2,0,0,0,0'); // 1 of 2 is not above 60%
    expect(lines[lines.length - 2]).toMatch(/^TOTAL,210,58,27.62,7,3,42.86,/);
    expect(lines[lines.length - 1]).toBe(''); // ends with CRLF
    expect(lines).toHaveLength(1 + 5 + 1 + 1);
  });

  it('uses the month key for a monthly report', () => {
    const report = buildOnlinePaymentReport({ period, counters, catalog, targetSet: shippedTargetSet('nq01-2021'), groupBy: 'month' });
    expect(renderReportCsv(report).split('\r\n').map((line) => line.split(',')[0])).toEqual(['month', '2026-03', '2026-04', 'TOTAL', '']);
  });

  it('neutralises a code that would run as a formula', () => {
    const hostile = '=HYPERLINK("http://x.example","click")';
    const report = buildOnlinePaymentReport({
      period,
      counters: [aCounter({ procedureCode: hostile })],
      catalog: [procedure('STP', hostile)],
      targetSet: shippedTargetSet('nq01-2021'),
      groupBy: 'procedure',
    });
    expect(renderReportCsv(report).split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x\.example"",""click""\)",1,1,/);
  });
});

describe('csvCell', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-A1', "'-A1"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['-1.00', '-1.00'],
    ['31.25', '31.25'],
    ['STP', 'STP'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers, booleans and null plainly', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
  });
});

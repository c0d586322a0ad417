// Proves the report's CSV is Vietnamese for Excel: a byte order mark, Vietnamese headers, the agency's or procedure's name beside its code, "Có"/"Không" for targets, the JSON's figures in order, a totals line, and no spreadsheet formula smuggled in.
import { REPORT_FIGURE_FIELDS } from '../../../domain/reports/report-figures';
import { buildOnlinePaymentReport } from '../../../domain/reports/report-rows';
import { FIGURE_HEADERS, renderReportCsv, type ReportNames } from '../../../functions/reports/report-csv';
import { aCounter, procedure, shippedTargetSet } from './report-builders';
import { catalog, counters, period } from './report-fixture';

const names: ReportNames = {
  agency: (code) => ({ SGTVT: 'Sở Giao thông vận tải', STNMT: 'Sở Tài nguyên và Môi trường' })[code],
  procedure: () => undefined,
};
const linesOf = (csv: string) => csv.split('\r\n');

describe('renderReportCsv', () => {
  it('writes a byte order mark, Vietnamese headers, names beside codes, Có/Không, and a totals line', () => {
    const report = buildOnlinePaymentReport({ period, counters, catalog, targetSet: shippedTargetSet('haiphong-2024'), groupBy: 'agency' });
    const csv = renderReportCsv(report, names);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = linesOf(csv.slice(1));
    expect(lines[0]).toBe(['Mã đơn vị', 'Tên đơn vị', ...REPORT_FIGURE_FIELDS.map((field) => FIGURE_HEADERS[field])].join(','));
    expect(lines[0]).toMatch(/^Mã đơn vị,Tên đơn vị,Số giao dịch thanh toán,Số giao dịch trực tuyến,Tỷ lệ giao dịch trực tuyến \(%\),/);
    expect(lines[1]).toBe('SGTVT,Sở Giao thông vận tải,100,30,30.00,2,1,50.00,30.00,Không,Không,1,-2.00,1,100,30,1000000,300000');
    expect(lines[2]).toBe('STNMT,Sở Tài nguyên và Môi trường,0,0,,2,0,0.00,,,Không,1,-1.00,2,0,0,0,0'); // no rate: no judgement
    expect(lines[lines.length - 2]).toMatch(/^Tổng cộng,,210,58,27.62,7,3,42.86,/);
    expect(lines[lines.length - 1]).toBe(''); // ends with CRLF
    expect(lines).toHaveLength(1 + 5 + 1 + 1);
    expect(csv).not.toMatch(/\b(true|false|TOTAL)\b/);
  });

  it('shows the code where the catalog has no name, and says Có for a target met', () => {
    const report = buildOnlinePaymentReport({ period, counters, catalog, targetSet: shippedTargetSet('nq01-2021'), groupBy: 'agency' });
    const lines = linesOf(renderReportCsv(report, { agency: () => undefined, procedure: () => undefined }));
    expect(lines[1]).toMatch(/^SGTVT,SGTVT,100,30,30.00,2,1,50.00,30.00,Có,Có,/);
  });

  it('writes the month as mm/yyyy for a monthly report, with one key column', () => {
    const report = buildOnlinePaymentReport({ period, counters, catalog, targetSet: shippedTargetSet('nq01-2021'), groupBy: 'month' });
    expect(linesOf(renderReportCsv(report, names).slice(1)).map((line) => line.split(',')[0])).toEqual(['Tháng', '03/2026', '04/2026', 'Tổng cộng', '']);
  });

  it('neutralises a code or a name that would run as a formula', () => {
    const hostile = '=HYPERLINK("http://x.example","click")';
    const report = buildOnlinePaymentReport({
      period,
      counters: [aCounter({ procedureCode: hostile })],
      catalog: [procedure('STP', hostile)],
      targetSet: shippedTargetSet('nq01-2021'),
      groupBy: 'procedure',
    });
    const line = linesOf(renderReportCsv(report, { agency: () => undefined, procedure: () => '@SUM(A1)' }))[1];
    expect(line).toMatch(/^"'=HYPERLINK\(""http:\/\/x\.example"",""click""\)",'@SUM\(A1\),1,1,/);
  });
});

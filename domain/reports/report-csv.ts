import { REPORT_FIGURE_FIELDS, type ReportFigures } from './report-figures';
import { GROUP_KEY_FIELDS, groupKeyOf, type OnlinePaymentReport, type ReportRow } from './report-rows';

/**
 * The report as CSV for Excel: the same fields as the JSON (group key first), one line per row, then
 * a totals line whose key cell is TOTAL_LABEL. RFC 4180 quoting and CRLF line ends. Text cells that
 * a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) get a leading
 * apostrophe; plain numbers such as "-1.00" points stay numbers. null is an empty cell.
 */
export const TOTAL_LABEL = 'TOTAL';

export function renderReportCsv(report: OnlinePaymentReport): string {
  const { groupBy, totals } = report;
  const rows: readonly ReportRow[] = report.rows;
  const header = [GROUP_KEY_FIELDS[groupBy], ...REPORT_FIGURE_FIELDS];
  const line = (key: string, figures: ReportFigures) => [key, ...REPORT_FIGURE_FIELDS.map((field) => figures[field])].map(csvCell).join(',');
  const lines = [header.map(csvCell).join(','), ...rows.map((row) => line(groupKeyOf(row, groupBy), row)), line(TOTAL_LABEL, totals)];
  return `${lines.join('\r\n')}\r\n`;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell, neutralised against formula injection and quoted when needed. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && !PLAIN_NUMBER.test(text) && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

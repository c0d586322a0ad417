import { renderCsv, type CsvValue } from '../../domain/shared/csv';
import { REPORT_FIGURE_FIELDS, type ReportFigures } from '../../domain/reports/report-figures';
import { groupKeyOf, type OnlinePaymentReport, type ReportGroupBy, type ReportRow } from '../../domain/reports/report-rows';
import { yesNo } from '../staff/labels';
import { formatMonth } from './vietnamese-format';

/**
 * The report as CSV for Excel, in Vietnamese: the group's code and its name (agency or procedure),
 * or the month as mm/yyyy, then the figures of the JSON report in its order under Vietnamese headers,
 * one line per row and a totals line ("Tổng cộng"). Targets met read "Có"/"Không" (empty when there
 * is no rate to judge); counts and amounts stay numbers, rates and points decimals with a dot, as in
 * the JSON, so a spreadsheet can compute with them.
 */
export const TOTAL_LABEL = 'Tổng cộng';

export const FIGURE_HEADERS: Readonly<Record<keyof ReportFigures, string>> = {
  paymentTransactions: 'Số giao dịch thanh toán',
  onlinePaymentTransactions: 'Số giao dịch trực tuyến',
  transactionRatePercent: 'Tỷ lệ giao dịch trực tuyến (%)',
  feeBearingProcedures: 'Số thủ tục có nghĩa vụ tài chính',
  proceduresPaidOnline: 'Số thủ tục đã có thanh toán trực tuyến',
  procedureRatePercent: 'Tỷ lệ thủ tục (%)',
  dossierRatePercent: 'Tỷ lệ hồ sơ thanh toán trực tuyến (%)',
  meetsTransactionTarget: 'Đạt chỉ tiêu giao dịch',
  meetsProcedureTarget: 'Đạt chỉ tiêu thủ tục',
  gapToTransactionTarget: 'Số giao dịch trực tuyến cần thêm',
  points: 'Điểm',
  gapToProcedureTarget: 'Số thủ tục cần thêm',
  dossiersPaid: 'Số hồ sơ đã thanh toán',
  dossiersPaidOnline: 'Số hồ sơ thanh toán trực tuyến',
  amount: 'Số tiền (VND)',
  onlineAmount: 'Số tiền trực tuyến (VND)',
};

const KEY_HEADERS: Readonly<Record<ReportGroupBy, readonly string[]>> = {
  agency: ['Mã đơn vị', 'Tên đơn vị'],
  procedure: ['Mã thủ tục', 'Tên thủ tục'],
  month: ['Tháng'],
};

/** Names of the report's agencies and procedures (from the catalog); a code without one shows its code. */
export interface ReportNames {
  agency(code: string): string | undefined;
  procedure(code: string): string | undefined;
}

export function renderReportCsv(report: OnlinePaymentReport, names: ReportNames): string {
  const { groupBy } = report;
  const rows: readonly ReportRow[] = report.rows;
  const keyCells = (key: string): CsvValue[] => {
    if (groupBy === 'month') return [formatMonth(key)];
    return [key, (groupBy === 'agency' ? names.agency(key) : names.procedure(key)) ?? key];
  };
  const totalCells = groupBy === 'month' ? [TOTAL_LABEL] : [TOTAL_LABEL, null];
  const header = [...KEY_HEADERS[groupBy], ...REPORT_FIGURE_FIELDS.map((field) => FIGURE_HEADERS[field])];
  return renderCsv(header, [
    ...rows.map((row) => [...keyCells(groupKeyOf(row, groupBy)), ...figureCells(row)]),
    [...totalCells, ...figureCells(report.totals)],
  ]);
}

function figureCells(figures: ReportFigures): CsvValue[] {
  return REPORT_FIGURE_FIELDS.map((field) => {
    const value = figures[field];
    return typeof value === 'boolean' ? yesNo(value) : value;
  });
}

import type { DiscrepancyType } from '../reconciliation/discrepancy';
import type { DiscrepancyStatus, StoredDiscrepancy } from './reconciliation-run';

/**
 * The discrepancies of a run as a table finance opens in Excel: Vietnamese headers, one row per
 * discrepancy, amounts as numbers (whole đồng), everything else as text. CSV and XLSX are rendered
 * from the same cells, so both files always say the same thing.
 *
 * Formula injection: identifiers come from a provider's file and notes are typed by staff, so a text
 * cell could start with `=`, `+`, `-`, `@`, a tab or a carriage return and be run as a formula by a
 * spreadsheet. Such text gets a leading apostrophe (OWASP's advice), which spreadsheets show as text.
 * Numbers are never text, so a negative amount could not be mistaken for one of these either.
 */
export type ExportCell = string | number | null;

interface Column {
  readonly header: string;
  readonly kind: 'text' | 'amount' | 'integer';
  readonly value: (discrepancy: StoredDiscrepancy) => string | number | null;
}

export const TYPE_DESCRIPTIONS_VI: Record<DiscrepancyType, string> = {
  MISSING_INTERNAL: 'Nhà cung cấp đã quyết toán, hệ thống chưa ghi nhận thành công',
  MISSING_AT_PROVIDER: 'Hệ thống ghi nhận thành công, không có trong file đối soát',
  AMOUNT_MISMATCH: 'Lệch số tiền',
  STATUS_MISMATCH: 'Lệch trạng thái (nhà cung cấp đã hoàn tiền)',
  DUPLICATE: 'Trùng lặp',
  UNKNOWN_REFERENCE: 'Mã thanh toán không do hệ thống phát hành',
  PENDING_NEXT_DAY: 'Thanh toán sát nửa đêm, chờ file ngày hôm sau',
};

const STATUS_VI: Record<DiscrepancyStatus, string> = { OPEN: 'Chưa xử lý', RESOLVED: 'Đã xử lý' };

export const EXPORT_COLUMNS: readonly Column[] = [
  { header: 'Mã chênh lệch', kind: 'text', value: (d) => d.discrepancyId },
  { header: 'Loại', kind: 'text', value: (d) => d.type },
  { header: 'Mô tả', kind: 'text', value: (d) => TYPE_DESCRIPTIONS_VI[d.type] },
  { header: 'Lý do', kind: 'text', value: (d) => d.reason },
  { header: 'Trạng thái xử lý', kind: 'text', value: (d) => STATUS_VI[d.status] },
  { header: 'Dòng trong file', kind: 'integer', value: (d) => d.line },
  { header: 'Mã giao dịch nhà cung cấp', kind: 'text', value: (d) => d.providerTxnId },
  { header: 'Mã thanh toán', kind: 'text', value: (d) => d.paymentId },
  { header: 'Mã hồ sơ', kind: 'text', value: (d) => d.dossierId },
  { header: 'Mã cơ quan', kind: 'text', value: (d) => d.agencyCode },
  { header: 'Số tiền trên hệ thống (VND)', kind: 'amount', value: (d) => d.internalAmount },
  { header: 'Số tiền nhà cung cấp (VND)', kind: 'amount', value: (d) => d.providerAmount },
  { header: 'Trạng thái trên hệ thống', kind: 'text', value: (d) => d.internalStatus },
  { header: 'Trạng thái nhà cung cấp', kind: 'text', value: (d) => d.providerStatus },
  { header: 'Thời điểm thanh toán (hệ thống)', kind: 'text', value: (d) => d.internalPaidAt },
  { header: 'Thời điểm thanh toán (nhà cung cấp)', kind: 'text', value: (d) => d.providerPaidAt },
  { header: 'Tự động ghi nhận thành công', kind: 'text', value: (d) => (d.autoApplied ? 'Có' : null) },
  { header: 'Đã ghi nhận hoàn tiền', kind: 'text', value: (d) => (d.reversalRecorded ? 'Có' : null) },
  { header: 'Cách xử lý', kind: 'text', value: (d) => d.resolution?.action ?? null },
  { header: 'Ghi chú', kind: 'text', value: (d) => d.resolution?.note ?? null },
  { header: 'Người xử lý', kind: 'text', value: (d) => d.resolution?.by ?? null },
  { header: 'Thời điểm xử lý', kind: 'text', value: (d) => d.resolution?.at ?? null },
];

export const EXPORT_HEADERS: readonly string[] = EXPORT_COLUMNS.map((column) => column.header);

/** Indexes (0-based) of the columns holding amounts, for number formats. */
export const AMOUNT_COLUMN_INDEXES: readonly number[] = EXPORT_COLUMNS.flatMap((column, i) => (column.kind === 'amount' ? [i] : []));

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet would run as a formula gets a leading apostrophe; other text is unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One discrepancy as export cells: numbers for amounts and lines, neutralised text, null for nothing. */
export function exportRowOf(discrepancy: StoredDiscrepancy): ExportCell[] {
  return EXPORT_COLUMNS.map((column) => {
    const value = column.value(discrepancy);
    if (value === null || value === undefined) return null;
    if (column.kind !== 'text') {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError(`${column.header} must be a whole number`);
      return value;
    }
    return neutraliseFormula(String(value));
  });
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * The rows as CSV for Excel: a UTF-8 byte order mark (without it Excel reads Vietnamese as Latin-1),
 * RFC 4180 quoting, CRLF line ends.
 */
export function renderDiscrepancyCsv(rows: Iterable<readonly ExportCell[]>): string {
  const line = (cells: readonly ExportCell[]) => cells.map(csvCell).join(',');
  const lines = [line(EXPORT_HEADERS.map(neutraliseFormula))];
  for (const row of rows) lines.push(line(row));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvCell(cell: ExportCell): string {
  if (cell === null) return '';
  const text = String(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

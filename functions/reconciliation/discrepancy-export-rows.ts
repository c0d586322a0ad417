import { neutraliseFormula } from '../../domain/shared/csv';
import type { StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';
import {
  CASE_ACTION_LABELS,
  CASE_STATUS_LABELS,
  DISCREPANCY_REASON_LABELS,
  DISCREPANCY_TYPE_LABELS,
  labelOf,
  PAYMENT_STATUS_LABELS,
  SETTLEMENT_STATUS_LABELS,
  yesNo,
} from '../staff/labels';

/**
 * The discrepancies of a run as a table finance opens in Excel, in Vietnamese: headers, labels
 * instead of codes (labels.ts, the words the staff pages use), the agency's name beside its code,
 * "Có"/"Không", amounts as numbers (whole đồng), times as instants (the CSV writes them in UTC+7 as
 * dd/mm/yyyy HH:mm, the XLSX as real Excel dates). CSV and XLSX are rendered from the same cells, so
 * both files always say the same thing. Text is neutralised against formula injection here, once,
 * so both files carry the same neutralised text (domain/shared/csv.ts says why).
 *
 * Each finding belongs to a case (domain/cases/, "việc cần xử lý" on the staff pages): the row names
 * the case, and its status and decision are the case's, so the file and the case page agree.
 */
export type ExportCell = string | number | Date | null;

type ColumnKind = 'text' | 'amount' | 'integer' | 'time';

interface Column {
  readonly header: string;
  readonly kind: ColumnKind;
  readonly value: (discrepancy: StoredDiscrepancy, agencyName: AgencyNames) => string | number | null;
}

/** The agency's name from the catalog; undefined for a code it does not know. */
export type AgencyNames = (agencyCode: string) => string | undefined;

const orNull = (value: string | null | undefined) => value ?? null;

export const EXPORT_COLUMNS: readonly Column[] = [
  { header: 'Mã chênh lệch', kind: 'text', value: (d) => d.discrepancyId },
  { header: 'Mã việc cần xử lý', kind: 'text', value: (d) => d.caseId },
  { header: 'Loại chênh lệch', kind: 'text', value: (d) => labelOf(DISCREPANCY_TYPE_LABELS, d.type) },
  { header: 'Lý do', kind: 'text', value: (d) => labelOf(DISCREPANCY_REASON_LABELS, d.reason) },
  { header: 'Trạng thái xử lý', kind: 'text', value: (d) => labelOf(CASE_STATUS_LABELS, d.caseStatus ?? d.status) },
  { header: 'Dòng trong file', kind: 'integer', value: (d) => d.line },
  { header: 'Mã giao dịch nhà cung cấp', kind: 'text', value: (d) => d.providerTxnId },
  { header: 'Mã thanh toán', kind: 'text', value: (d) => d.paymentId },
  { header: 'Mã hồ sơ', kind: 'text', value: (d) => d.dossierId },
  { header: 'Mã cơ quan', kind: 'text', value: (d) => d.agencyCode },
  { header: 'Tên cơ quan', kind: 'text', value: (d, names) => (d.agencyCode === null ? null : (names(d.agencyCode) ?? d.agencyCode)) },
  { header: 'Số tiền trên hệ thống (VND)', kind: 'amount', value: (d) => d.internalAmount },
  { header: 'Số tiền nhà cung cấp (VND)', kind: 'amount', value: (d) => d.providerAmount },
  { header: 'Trạng thái trên hệ thống', kind: 'text', value: (d) => (d.internalStatus === null ? null : labelOf(PAYMENT_STATUS_LABELS, d.internalStatus)) },
  { header: 'Trạng thái nhà cung cấp', kind: 'text', value: (d) => (d.providerStatus === null ? null : labelOf(SETTLEMENT_STATUS_LABELS, d.providerStatus)) },
  { header: 'Thời điểm thanh toán (hệ thống)', kind: 'time', value: (d) => d.internalPaidAt },
  { header: 'Thời điểm thanh toán (nhà cung cấp)', kind: 'time', value: (d) => d.providerPaidAt },
  { header: 'Tự động ghi nhận thành công', kind: 'text', value: (d) => yesNo(d.autoApplied) },
  { header: 'Đã ghi nhận hoàn trả', kind: 'text', value: (d) => yesNo(d.reversalRecorded) },
  { header: 'Cách xử lý', kind: 'text', value: (d) => (d.resolution ? labelOf(CASE_ACTION_LABELS, d.resolution.action) : null) },
  { header: 'Ghi chú', kind: 'text', value: (d) => orNull(d.resolution?.note) },
  { header: 'Người xử lý', kind: 'text', value: (d) => orNull(d.resolution?.by) },
  { header: 'Thời điểm xử lý', kind: 'time', value: (d) => orNull(d.resolution?.at) },
];

export const EXPORT_HEADERS: readonly string[] = EXPORT_COLUMNS.map((column) => column.header);

/** The kind of each column, in order: the XLSX gives amounts a thousands format and times a date format. */
export const EXPORT_COLUMN_KINDS: readonly ColumnKind[] = EXPORT_COLUMNS.map((column) => column.kind);

/** One discrepancy as export cells: numbers for amounts and lines, instants for times, neutralised text, null for nothing. */
export function exportRowOf(discrepancy: StoredDiscrepancy, agencyNames: AgencyNames): ExportCell[] {
  return EXPORT_COLUMNS.map((column) => {
    const value = column.value(discrepancy, agencyNames);
    if (value === null || value === undefined) return null;
    switch (column.kind) {
      case 'text':
        return neutraliseFormula(String(value));
      case 'time': {
        const instant = new Date(String(value));
        // A time that does not read as one is kept as the text it is rather than dropped.
        return Number.isNaN(instant.getTime()) ? neutraliseFormula(String(value)) : instant;
      }
      default:
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError(`${column.header} must be a whole number`);
        return value;
    }
  });
}

import type { SettlementFileError } from '../../domain/reconciliation';
import { SETTLEMENT_HEADER } from '../../domain/reconciliation/settlement-row';
import { NOT_UTF8 } from '../settlements/settlement-encoding';

/**
 * A settlement file's first error, said in Vietnamese for the upload form: the line number and
 * column as the officer sees them in a spreadsheet, and what the column must hold. The parser's own
 * message (English, for the API's `details`) is not shown: it quotes values and speaks of ISO.
 */
const COLUMN_RULES: Readonly<Record<string, string>> = {
  header: `Dòng đầu tiên của file phải đúng là: ${SETTLEMENT_HEADER}`,
  row: 'Dòng này không đúng định dạng: mỗi dòng phải có đủ 6 cột, cách nhau bằng dấu phẩy, không có dòng trống.',
  provider_txn_id: 'Cột mã giao dịch của nhà cung cấp (provider_txn_id) trống hoặc có ký tự không hợp lệ.',
  payment_id: 'Cột mã thanh toán (payment_id) trống hoặc có ký tự không hợp lệ.',
  amount: 'Cột số tiền (amount) phải là số nguyên đồng, không âm, không có dấu chấm hay dấu phẩy.',
  fee: 'Cột phí (fee) phải là số nguyên đồng, không âm, không có dấu chấm hay dấu phẩy.',
  status: 'Cột trạng thái (status) chỉ được là SUCCEEDED hoặc REVERSED.',
  paid_at: 'Cột thời điểm thanh toán (paid_at) phải có dạng 2026-03-07T09:30:00+07:00 và thuộc ngày của file.',
};

export function settlementFileErrorMessage(error: Pick<SettlementFileError, 'line' | 'field' | 'detail'>): string {
  if (error.detail === NOT_UTF8) return `Dòng ${error.line}: file không được lưu bằng mã UTF-8. Hãy lưu lại file dưới dạng CSV UTF-8 rồi tải lên lại.`;
  const rule = COLUMN_RULES[error.field] ?? 'Dòng này không đúng định dạng file đối soát.';
  return `Dòng ${error.line}: ${rule} Chưa có gì được lưu.`;
}

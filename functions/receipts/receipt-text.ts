import type { FeeKind } from '../../domain/catalog/catalog';
import type { ReceiptStatus } from '../../domain/receipts/receipt';

/** The Vietnamese wording shared by the receipt's HTML page and its PDF, so both say the same. */
export const LABELS = {
  title: 'BIÊN LAI THU PHÍ, LỆ PHÍ',
  subtitle: '(Biên lai điện tử)',
  template: 'Mẫu số',
  series: 'Ký hiệu',
  number: 'Số',
  taxCode: 'Mã số thuế',
  collector: 'Đơn vị thu',
  payer: 'Người nộp',
  dossier: 'Mã hồ sơ',
  procedure: 'Mã thủ tục',
  issuedAt: 'Ngày lập',
  index: 'STT',
  content: 'Nội dung thu',
  kind: 'Loại',
  amount: 'Số tiền (đồng)',
  total: 'Tổng cộng',
  inWords: 'Số tiền bằng chữ',
  signer: 'Đơn vị thu phí, lệ phí',
  signed: '(Ký điện tử)',
  noPayer: '(không ghi tên)',
  adjusted: 'Biên lai đã được điều chỉnh do hoàn tiền',
  cancelled: 'BIÊN LAI ĐÃ BỊ HỦY do hoàn tiền toàn bộ',
  refunded: 'Số tiền đã hoàn',
  kept: 'Số tiền sau điều chỉnh',
} as const;

export const KIND_LABELS: Record<FeeKind, string> = { PHI: 'Phí', LE_PHI: 'Lệ phí' };

export const STATUS_LABELS: Record<ReceiptStatus, string> = { ISSUED: 'Đã phát hành', ADJUSTED: 'Đã điều chỉnh', CANCELLED: 'Đã hủy' };

/** 52000 → "52.000": Vietnamese thousands separators, without relying on the runtime's ICU data. */
export function formatAmount(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "2026-06-02T09:05:00+07:00" → "02/06/2026 09:05", read in Vietnam time (UTC+7) whatever the offset given. */
export function formatVietnamDateTime(iso: string): string {
  const at = new Date(Date.parse(iso) + 7 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getUTCDate())}/${two(at.getUTCMonth() + 1)}/${at.getUTCFullYear()} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
}

import type { CaseType, FindingSource } from '../../domain/cases/case';
import type { EffectName } from '../../domain/cases/case-effects';
import type { CaseAction, CaseStatus } from '../../domain/cases/case-state-machine';
import type { COUNTER_PAYMENT_METHODS } from '../counter-payments/counter-payment-schemas';
import type { PaymentEventType, PaymentStatus } from '../../domain/payments/payment-state-machine';
import type { PaymentRecordEventType } from '../../domain/payments/payment';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import type { DiscrepancyReason, DiscrepancyType } from '../../domain/reconciliation/discrepancy';
import type { SettlementStatus } from '../../domain/reconciliation/settlement-row';
import type { ResolutionAction } from '../../domain/reconciliation-runs/discrepancy-resolution';
import type { DiscrepancyStatus, RunFailureReason, RunStatus } from '../../domain/reconciliation-runs/reconciliation-run';
import type { ReviewReason } from '../../domain/review/review-item';
import type { Role } from '../http/principal';

/**
 * The Vietnamese words staff pages and exports (CSV, XLSX) show for every code the service keeps:
 * statuses, types, actions, providers, methods, roles. One module, so a page and the file exported
 * from it always call a thing by the same name, and no internal code (AMOUNT_MISMATCH, SUCCEEDED)
 * ever reaches a staff member. Each table is a Record over the code's type, so a new code that has
 * no label yet fails to compile; codes that arrive as plain strings (a stored event type, an action
 * written by an older version) go through `labelOf`, which answers a Vietnamese word even then.
 *
 * Times are written in UTC+7 as dd/mm/yyyy HH:mm (formatVietnamDateTime); money as `1.234.567 ₫`
 * (functions/reports/vietnamese-format.ts).
 */

/** What a page shows for a code no table knows: a plain word, never the code itself. */
export const UNKNOWN_LABEL = 'Khác';

export const PAYMENT_STATUS_LABELS: Readonly<Record<PaymentStatus, string>> = {
  PENDING: 'Đang chờ thanh toán',
  SUCCEEDED: 'Thành công',
  FAILED: 'Không thành công',
  EXPIRED: 'Hết hạn',
  CANCELLED: 'Đã hủy',
};

/** A payment's timeline (GET /v1/payments/{id} events), as the lookup page lists it. */
export const PAYMENT_EVENT_LABELS: Readonly<Record<PaymentEventType | PaymentRecordEventType, string>> = {
  PaymentCreated: 'Tạo yêu cầu thanh toán',
  PaymentSucceeded: 'Thanh toán thành công',
  PaymentFailed: 'Thanh toán không thành công',
  PaymentExpired: 'Hết hạn thanh toán',
  PaymentCancelled: 'Yêu cầu thanh toán bị hủy',
  LateSuccessRecorded: 'Nhận báo thành công muộn (sau khi đã kết thúc)',
  EReceiptIssued: 'Phát hành biên lai điện tử',
  PortalNotified: 'Đã báo cho Cổng dịch vụ công',
  AutoApplied: 'Đối soát tự động ghi nhận thành công (mất thông báo từ nhà cung cấp)',
  PaymentReversed: 'Nhà cung cấp đã hoàn trả giao dịch',
  RefundSubmitted: 'Gửi yêu cầu hoàn tiền',
  PaymentRefunded: 'Đã hoàn tiền cho người nộp',
  RefundFailed: 'Hoàn tiền không thành công',
};

export const PROVIDER_LABELS: Readonly<Record<ProviderName, string>> = {
  'mock-bank': 'Cổng thanh toán ngân hàng (mô phỏng)',
  'mock-portal': 'Nền tảng thanh toán Cổng DVC quốc gia (mô phỏng)',
};

/** A short name for tables and column headers where the long one does not fit. */
export const PROVIDER_SHORT_LABELS: Readonly<Record<ProviderName, string>> = {
  'mock-bank': 'Ngân hàng',
  'mock-portal': 'Cổng DVC quốc gia',
};

export const COUNTER_PAYMENT_METHOD_LABELS: Readonly<Record<(typeof COUNTER_PAYMENT_METHODS)[number], string>> = {
  CASH: 'Tiền mặt',
  POS: 'Thẻ (máy POS)',
  BANK_TRANSFER: 'Chuyển khoản',
};

/** Payment channel in reports: online through a provider, or collected at the counter. */
export const CHANNEL_LABELS: Readonly<Record<'ONLINE' | 'OFFLINE', string>> = {
  ONLINE: 'Trực tuyến',
  OFFLINE: 'Tại quầy',
};

export const RUN_STATUS_LABELS: Readonly<Record<RunStatus, string>> = {
  QUEUED: 'Đang chờ chạy',
  RUNNING: 'Đang đối soát',
  COMPLETED: 'Đã hoàn tất',
  FAILED: 'Không thành công',
};

/** Why a run failed, in words that say what to do next. */
export const RUN_FAILURE_LABELS: Readonly<Record<RunFailureReason, string>> = {
  SETTLEMENT_FILE_INVALID: 'File đối soát đã lưu không còn hợp lệ; hãy tải lên lại file rồi chạy lại.',
  SETTLEMENT_FILE_MISSING: 'Không tìm thấy file đối soát đã lưu; hãy tải lên lại file rồi chạy lại.',
  SETTLEMENT_FILE_CHANGED: 'File đối soát đã bị thay đổi sau khi tải lên; hãy tải lên lại file rồi chạy lại.',
  INTERNAL_DATA_INVALID: 'Dữ liệu của hệ thống có lỗi; hãy báo cho bộ phận kỹ thuật.',
  LIMIT_EXCEEDED: 'File hoặc số giao dịch vượt giới hạn một lần đối soát; hãy báo cho bộ phận kỹ thuật.',
  SUPERSEDED: 'Đã có lần chạy mới hơn cho cùng ngày; xem lần chạy mới nhất.',
  UNEXPECTED: 'Lỗi ngoài dự kiến; hệ thống sẽ tự thử lại, nếu vẫn lỗi hãy báo cho bộ phận kỹ thuật.',
};

/** Reconciliation discrepancy types (CONTRACT.md), as a short name for lists and filters. */
export const DISCREPANCY_TYPE_LABELS: Readonly<Record<DiscrepancyType, string>> = {
  MISSING_INTERNAL: 'Nhà cung cấp đã thu, hệ thống chưa ghi nhận',
  MISSING_AT_PROVIDER: 'Hệ thống ghi nhận, nhà cung cấp không có',
  AMOUNT_MISMATCH: 'Lệch số tiền',
  STATUS_MISMATCH: 'Nhà cung cấp đã hoàn trả giao dịch',
  DUPLICATE: 'Trùng lặp',
  UNKNOWN_REFERENCE: 'Mã thanh toán không do hệ thống phát hành',
  PENDING_NEXT_DAY: 'Thanh toán sát nửa đêm, chờ file ngày sau',
};

export const DISCREPANCY_REASON_LABELS: Readonly<Record<DiscrepancyReason, string>> = {
  LOST_CALLBACK: 'Mất thông báo kết quả từ nhà cung cấp',
  SUCCESS_AFTER_FAILURE: 'Nhà cung cấp đã thu sau khi hệ thống ghi nhận không thành công hoặc đã hủy',
  SUCCESS_NOT_IN_DAY: 'Đã thành công trên hệ thống nhưng thuộc ngày khác',
  NOT_IN_FILE: 'Không có trong file đối soát',
  CARRIED_OVER_NOT_IN_FILE: 'Chuyển từ ngày trước nhưng không có trong file của cả hai ngày',
  AMOUNT_DIFFERS: 'Số tiền nhà cung cấp thu khác số tiền phải nộp',
  REVERSED_SUCCESS: 'Giao dịch thành công đã bị nhà cung cấp hoàn trả',
  PROVIDER_TXN_REPEATED: 'Một mã giao dịch xuất hiện hai lần trong file',
  PAYMENT_SETTLED_TWICE: 'Một khoản thanh toán được quyết toán hai lần',
  DOSSIER_PAID_TWICE: 'Hồ sơ đã được nộp tiền hai lần',
  PAYMENT_NOT_ISSUED: 'Mã thanh toán không do hệ thống phát hành',
  PAID_BEFORE_MIDNIGHT: 'Thanh toán sát nửa đêm, sẽ có trong file ngày sau',
};

/** Review items (found by callbacks and the mop-up job). */
export const REVIEW_REASON_LABELS: Readonly<Record<ReviewReason, string>> = {
  LATE_SUCCESS: 'Thành công muộn',
  DUPLICATE_PAYMENT_FOR_DOSSIER: 'Nộp tiền lần hai cho hồ sơ đã nộp',
  SECOND_PROVIDER_TRANSACTION: 'Một khoản thanh toán được báo thu hai lần',
  AMOUNT_MISMATCH: 'Lệch số tiền',
  UNKNOWN_PAYMENT: 'Mã thanh toán không do hệ thống phát hành',
};

/** Open/resolved, for discrepancies, review items and cases. */
export const RESOLUTION_STATUS_LABELS: Readonly<Record<DiscrepancyStatus, string>> = {
  OPEN: 'Chưa xử lý',
  RESOLVED: 'Đã xử lý',
};

/** Decisions finance takes on a problem, as radio-button labels and trail entries. */
export const RESOLUTION_ACTION_LABELS: Readonly<Record<ResolutionAction | 'AUTO_APPLIED', string>> = {
  ACCEPT_PROVIDER: 'Chấp nhận số liệu của nhà cung cấp',
  REFUND: 'Hoàn tiền cho người nộp',
  WRITE_OFF: 'Giữ nguyên, đóng chênh lệch',
  NOTE: 'Chỉ thêm ghi chú',
  AUTO_APPLIED: 'Hệ thống tự động ghi nhận thành công',
};

/** Case types (domain/cases), as a short name for lists and filters; case-explanations.ts says more. */
export const CASE_TYPE_LABELS: Readonly<Record<CaseType, string>> = {
  LOST_CALLBACK: 'Mất thông báo kết quả',
  AMOUNT_MISMATCH: 'Lệch số tiền',
  LATE_SUCCESS: 'Thành công muộn',
  SECOND_PAYMENT: 'Nộp tiền hai lần cho một hồ sơ',
  DUPLICATE: 'Quyết toán trùng',
  REVERSAL: 'Nhà cung cấp đã hoàn trả giao dịch',
  MISSING_AT_PROVIDER: 'Nhà cung cấp không có giao dịch',
  UNKNOWN_PAYMENT: 'Mã thanh toán lạ',
  PENDING_NEXT_DAY: 'Chờ file ngày sau',
  SETTLED_OTHER_DAY: 'Giao dịch thuộc ngày khác',
};

export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  OPEN: 'Chưa xử lý',
  REFUND_DUE: 'Chờ hoàn tiền',
  RESOLVED: 'Đã xử lý',
};

/** A case's trail: finance's actions, what the service did by itself, and a finding joining it. */
export const CASE_ACTION_LABELS: Readonly<Record<CaseAction | 'FOUND', string>> = {
  ACCEPT_PROVIDER: 'Chấp nhận số liệu của nhà cung cấp',
  REFUND: 'Hoàn tiền cho người nộp',
  WRITE_OFF: 'Giữ nguyên, đóng việc',
  NOTE: 'Ghi chú',
  AUTO_APPLIED: 'Hệ thống tự động ghi nhận thành công',
  REFUNDED: 'Đã hoàn tiền cho người nộp',
  FOUND: 'Phát hiện',
};

/** What a decision did (domain/cases/case-effects.ts), as the case page confirms it. */
export const CASE_EFFECT_LABELS: Readonly<Record<EffectName, string>> = {
  PAYMENT_COLLECTED: 'Khoản thanh toán được ghi nhận thành công với số tiền nhà cung cấp đã thu; biên lai được phát hành và số liệu báo cáo được cập nhật.',
  ALREADY_COLLECTED: 'Khoản thanh toán đã được ghi nhận thành công từ trước; không có gì thay đổi về tiền.',
  REFUND_DUE: 'Khoản tiền cần được hoàn cho người nộp; việc này ở lại hàng đợi với trạng thái chờ hoàn tiền.',
  REVERSAL_CONFIRMED: 'Việc hoàn trả của nhà cung cấp được xác nhận; số liệu báo cáo đã được trừ khi phát hiện.',
  WRITTEN_OFF: 'Việc được đóng, giữ nguyên; không thay đổi khoản thanh toán, biên lai hay báo cáo.',
  AUTO_APPLIED: 'Hệ thống đã tự động ghi nhận thành công khi đối soát.',
  REFUNDED: 'Đã hoàn tiền cho người nộp.',
  NOTED: 'Đã thêm ghi chú.',
};

/** Who found a case. */
export const FINDING_SOURCE_LABELS: Readonly<Record<FindingSource, string>> = {
  CALLBACK: 'Thông báo kết quả của nhà cung cấp',
  MOP_UP: 'Hệ thống tự hỏi lại nhà cung cấp',
  RECONCILIATION: 'Đối soát',
};

export const SETTLEMENT_STATUS_LABELS: Readonly<Record<SettlementStatus | 'REFUNDED', string>> = {
  SUCCEEDED: 'Thành công',
  REVERSED: 'Đã hoàn trả',
  REFUNDED: 'Đã hoàn tiền',
};

export const RECEIPT_STATUS_LABELS: Readonly<Record<'ISSUED' | 'ADJUSTED' | 'CANCELLED', string>> = {
  ISSUED: 'Đã phát hành',
  ADJUSTED: 'Đã điều chỉnh',
  CANCELLED: 'Đã hủy',
};

export const REFUND_STATUS_LABELS: Readonly<Record<'SUBMITTED' | 'SUCCEEDED' | 'FAILED', string>> = {
  SUBMITTED: 'Đã gửi yêu cầu hoàn tiền',
  SUCCEEDED: 'Đã hoàn tiền',
  FAILED: 'Hoàn tiền không thành công',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  finance: 'Kế toán',
  province: 'Văn phòng UBND tỉnh',
  portal: 'Cổng dịch vụ công (hệ thống)',
};

/** Fee line kinds of the catalog (phí, lệ phí). */
export const FEE_KIND_LABELS: Readonly<Record<'PHI' | 'LE_PHI', string>> = {
  PHI: 'Phí',
  LE_PHI: 'Lệ phí',
};

/** true/false in a table or an export cell. */
export function yesNo(value: boolean): string {
  return value ? 'Có' : 'Không';
}

/**
 * The label of a code that arrives as a plain string (a stored event, a query parameter): the table's
 * word when the code is one it knows, otherwise UNKNOWN_LABEL, never the code itself.
 */
export function labelOf<K extends string>(labels: Readonly<Record<K, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined) return UNKNOWN_LABEL;
  return Object.prototype.hasOwnProperty.call(labels, code) ? labels[code as K] : UNKNOWN_LABEL;
}

/** The codes of a table in its own order, with their labels: the options of a filter or a radio group. */
export function optionsOf<K extends string>(labels: Readonly<Record<K, string>>): { readonly value: K; readonly label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant (ISO 8601 with any offset, or a Date) in UTC+7 as dd/mm/yyyy HH:mm; '—' when absent or unreadable. */
export function formatVietnamDateTime(instant: string | Date | null | undefined): string {
  if (instant === null || instant === undefined) return '—';
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) return '—';
  // Fixed arithmetic: Vietnam has no daylight saving, and the runtime's time-zone data is not needed.
  const local = new Date(ms + VIETNAM_OFFSET_MS);
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

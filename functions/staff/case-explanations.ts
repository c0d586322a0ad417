import type { DiscrepancyReason } from '../../domain/reconciliation/discrepancy';
import type { ReviewReason } from '../../domain/review/review-item';

/**
 * Each kind of money problem explained to a finance officer in plain Vietnamese: what happened, in
 * words about the citizen's payment rather than the service's internals, and what the officer can do
 * about it. A case, a discrepancy and a review item are each explained through the kind they are.
 */
export const PROBLEM_KINDS = [
  'LOST_CALLBACK',
  'SUCCESS_AFTER_FAILURE',
  'LATE_SUCCESS',
  'AMOUNT_MISMATCH',
  'DUPLICATE_PAYMENT',
  'SETTLED_TWICE',
  'REVERSAL',
  'MISSING_AT_PROVIDER',
  'UNKNOWN_PAYMENT',
  'PENDING_NEXT_DAY',
  'OTHER_DAY',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface Explanation {
  /** A short name, for lists and filters. */
  readonly title: string;
  /** What happened, one or two sentences. */
  readonly happened: string;
  /** What the officer can do. */
  readonly canDo: string;
}

export const EXPLANATIONS: Readonly<Record<ProblemKind, Explanation>> = {
  LOST_CALLBACK: {
    title: 'Mất thông báo kết quả',
    happened:
      'Người nộp đã trả tiền và nhà cung cấp đã thu, nhưng thông báo kết quả không đến được hệ thống, nên hệ thống vẫn coi khoản thanh toán là chưa xong.',
    canDo:
      'Nếu số tiền khớp, hệ thống tự ghi nhận thành công khi đối soát. Nếu chưa, hãy chấp nhận số liệu của nhà cung cấp để ghi nhận thanh toán thành công và phát hành biên lai.',
  },
  SUCCESS_AFTER_FAILURE: {
    title: 'Nhà cung cấp thu tiền sau khi giao dịch đã bị hủy',
    happened: 'Hệ thống đã ghi nhận khoản thanh toán là không thành công hoặc đã hủy, nhưng nhà cung cấp vẫn thu tiền của người nộp.',
    canDo: 'Chấp nhận số liệu của nhà cung cấp nếu hồ sơ vẫn cần nộp phí; hoàn tiền cho người nộp nếu hồ sơ đã hủy hoặc đã được nộp bằng cách khác.',
  },
  LATE_SUCCESS: {
    title: 'Thành công muộn',
    happened: 'Kết quả thanh toán thành công đến sau khi yêu cầu thanh toán đã hết hạn, không thành công hoặc đã bị hủy. Tiền đã được thu.',
    canDo: 'Chấp nhận nếu hồ sơ vẫn cần nộp phí (biên lai được phát hành); hoàn tiền cho người nộp nếu hồ sơ không còn cần khoản này.',
  },
  AMOUNT_MISMATCH: {
    title: 'Lệch số tiền',
    happened: 'Số tiền nhà cung cấp đã thu khác số tiền hồ sơ phải nộp theo biểu phí.',
    canDo:
      'Chấp nhận số tiền nhà cung cấp đã thu (thanh toán được ghi nhận với số tiền đó), hoàn tiền cho người nộp, hoặc giữ nguyên và đóng chênh lệch kèm ghi chú lý do.',
  },
  DUPLICATE_PAYMENT: {
    title: 'Nộp tiền hai lần cho một hồ sơ',
    happened: 'Hồ sơ đã được nộp phí, nhưng người nộp lại trả thêm một lần nữa. Khoản thu thứ hai không được tính vào báo cáo.',
    canDo: 'Hoàn tiền khoản thu thứ hai cho người nộp. Nếu đã hoàn ngoài hệ thống, ghi chú số chứng từ hoàn tiền rồi đóng.',
  },
  SETTLED_TWICE: {
    title: 'Quyết toán trùng',
    happened: 'Nhà cung cấp ghi cùng một khoản thanh toán hai lần (cùng mã giao dịch, hoặc hai mã giao dịch cho một khoản).',
    canDo: 'Liên hệ nhà cung cấp để xác nhận; nếu người nộp bị trừ tiền hai lần thì hoàn tiền, nếu chỉ là lỗi file thì giữ nguyên và ghi chú.',
  },
  REVERSAL: {
    title: 'Nhà cung cấp đã hoàn trả giao dịch',
    happened: 'Một khoản thanh toán đã thành công nay bị nhà cung cấp hoàn trả cho người nộp. Hệ thống đã bỏ khoản này khỏi số liệu báo cáo.',
    canDo: 'Chấp nhận việc hoàn trả (hồ sơ cần được nộp phí lại), hoặc ghi chú nếu cần làm rõ với nhà cung cấp.',
  },
  MISSING_AT_PROVIDER: {
    title: 'Nhà cung cấp không có giao dịch',
    happened: 'Hệ thống ghi nhận khoản thanh toán thành công, nhưng file đối soát của nhà cung cấp không có giao dịch này.',
    canDo: 'Liên hệ nhà cung cấp để kiểm tra. Nếu tiền không được thu, giữ nguyên và ghi chú kết quả; nếu được thu vào ngày khác, ghi chú ngày đó.',
  },
  UNKNOWN_PAYMENT: {
    title: 'Mã thanh toán lạ',
    happened: 'Nhà cung cấp báo đã thu tiền cho một mã thanh toán mà hệ thống không phát hành. Không biết hồ sơ và cơ quan nào.',
    canDo: 'Liên hệ nhà cung cấp để tìm người nộp; hoàn tiền nếu xác định được, hoặc giữ nguyên và ghi chú kết quả kiểm tra.',
  },
  PENDING_NEXT_DAY: {
    title: 'Chờ file ngày sau',
    happened: 'Người nộp trả tiền sát nửa đêm; nhà cung cấp thường ghi giao dịch này vào file của ngày hôm sau.',
    canDo: 'Chưa cần làm gì: lần đối soát của ngày hôm sau sẽ kiểm tra lại. Chỉ xử lý nếu giao dịch không có trong cả hai file.',
  },
  OTHER_DAY: {
    title: 'Giao dịch thuộc ngày khác',
    happened: 'Khoản thanh toán đã thành công trên hệ thống, nhưng vào một ngày khác với ngày của file đối soát.',
    canDo: 'Kiểm tra ngày thanh toán với nhà cung cấp; thường chỉ cần ghi chú và đóng.',
  },
};

const BY_DISCREPANCY_REASON: Readonly<Record<DiscrepancyReason, ProblemKind>> = {
  LOST_CALLBACK: 'LOST_CALLBACK',
  SUCCESS_AFTER_FAILURE: 'SUCCESS_AFTER_FAILURE',
  SUCCESS_NOT_IN_DAY: 'OTHER_DAY',
  NOT_IN_FILE: 'MISSING_AT_PROVIDER',
  CARRIED_OVER_NOT_IN_FILE: 'MISSING_AT_PROVIDER',
  AMOUNT_DIFFERS: 'AMOUNT_MISMATCH',
  REVERSED_SUCCESS: 'REVERSAL',
  PROVIDER_TXN_REPEATED: 'SETTLED_TWICE',
  PAYMENT_SETTLED_TWICE: 'SETTLED_TWICE',
  DOSSIER_PAID_TWICE: 'DUPLICATE_PAYMENT',
  PAYMENT_NOT_ISSUED: 'UNKNOWN_PAYMENT',
  PAID_BEFORE_MIDNIGHT: 'PENDING_NEXT_DAY',
};

const BY_REVIEW_REASON: Readonly<Record<ReviewReason, ProblemKind>> = {
  LATE_SUCCESS: 'LATE_SUCCESS',
  DUPLICATE_PAYMENT_FOR_DOSSIER: 'DUPLICATE_PAYMENT',
  SECOND_PROVIDER_TRANSACTION: 'SETTLED_TWICE',
  AMOUNT_MISMATCH: 'AMOUNT_MISMATCH',
  UNKNOWN_PAYMENT: 'UNKNOWN_PAYMENT',
};

export function kindOfDiscrepancy(reason: DiscrepancyReason): ProblemKind {
  return BY_DISCREPANCY_REASON[reason];
}

export function kindOfReviewReason(reason: ReviewReason): ProblemKind {
  return BY_REVIEW_REASON[reason];
}

/** The explanation of a kind given as a plain string (a stored type); a general one when unknown. */
export function explain(kind: string): Explanation {
  return Object.prototype.hasOwnProperty.call(EXPLANATIONS, kind)
    ? EXPLANATIONS[kind as ProblemKind]
    : { title: 'Vấn đề khác', happened: 'Có khác biệt giữa số liệu của hệ thống và của nhà cung cấp.', canDo: 'Xem các thông tin bên dưới, liên hệ nhà cung cấp nếu cần, rồi chọn cách xử lý và ghi chú lý do.' };
}

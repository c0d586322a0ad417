import type { CaseType } from '../../domain/cases/case';
import { CASE_TYPE_LABELS } from './labels';

/**
 * Each kind of money problem explained to a finance officer in plain Vietnamese: what happened, in
 * words about the citizen's payment rather than the service's internals, and what the officer can do
 * about it. The allowed decisions of each type are domain/cases/case-effects.ts's ACTIONS_BY_TYPE; the words
 * here follow them.
 */
export interface Explanation {
  /** The type's short name (labels.ts), for lists and filters. */
  readonly title: string;
  /** What happened, one or two sentences. */
  readonly happened: string;
  /** What the officer can do. */
  readonly canDo: string;
}

export const EXPLANATIONS: Readonly<Record<CaseType, Omit<Explanation, 'title'>>> = {
  LOST_CALLBACK: {
    happened:
      'Người nộp đã trả tiền và nhà cung cấp đã thu, nhưng thông báo kết quả không đến được hệ thống, nên hệ thống vẫn coi khoản thanh toán là chưa xong.',
    canDo:
      'Nếu số tiền khớp, hệ thống tự ghi nhận thành công khi đối soát. Nếu chưa, hãy chấp nhận số liệu của nhà cung cấp để ghi nhận thanh toán thành công và phát hành biên lai.',
  },
  LATE_SUCCESS: {
    happened: 'Kết quả thanh toán thành công đến sau khi yêu cầu thanh toán đã hết hạn, không thành công hoặc đã bị hủy. Tiền đã được thu.',
    canDo: 'Chấp nhận nếu hồ sơ vẫn cần nộp phí (biên lai được phát hành); hoàn tiền cho người nộp nếu hồ sơ không còn cần khoản này.',
  },
  AMOUNT_MISMATCH: {
    happened: 'Số tiền nhà cung cấp đã thu khác số tiền hồ sơ phải nộp theo biểu phí.',
    canDo:
      'Chấp nhận số tiền nhà cung cấp đã thu (thanh toán được ghi nhận với số tiền đó), hoàn tiền cho người nộp, hoặc giữ nguyên và đóng chênh lệch kèm ghi chú lý do.',
  },
  SECOND_PAYMENT: {
    happened: 'Hồ sơ đã được nộp phí, nhưng người nộp lại trả thêm một lần nữa. Khoản thu thứ hai không được tính vào báo cáo.',
    canDo: 'Hoàn tiền khoản thu thứ hai cho người nộp. Nếu đã hoàn ngoài hệ thống, ghi chú số chứng từ hoàn tiền rồi đóng.',
  },
  DUPLICATE: {
    happened: 'Nhà cung cấp ghi cùng một khoản thanh toán hai lần (cùng mã giao dịch, hoặc hai mã giao dịch cho một khoản).',
    canDo: 'Liên hệ nhà cung cấp để xác nhận; nếu người nộp bị trừ tiền hai lần thì hoàn tiền, nếu chỉ là lỗi file thì giữ nguyên và ghi chú.',
  },
  REVERSAL: {
    happened: 'Một khoản thanh toán đã thành công nay bị nhà cung cấp hoàn trả cho người nộp. Hệ thống đã bỏ khoản này khỏi số liệu báo cáo.',
    canDo: 'Chấp nhận việc hoàn trả (hồ sơ cần được nộp phí lại), hoặc ghi chú nếu cần làm rõ với nhà cung cấp.',
  },
  MISSING_AT_PROVIDER: {
    happened: 'Hệ thống ghi nhận khoản thanh toán thành công, nhưng file đối soát của nhà cung cấp không có giao dịch này.',
    canDo: 'Liên hệ nhà cung cấp để kiểm tra. Nếu tiền không được thu, giữ nguyên và ghi chú kết quả; nếu được thu vào ngày khác, ghi chú ngày đó.',
  },
  UNKNOWN_PAYMENT: {
    happened: 'Nhà cung cấp báo đã thu tiền cho một mã thanh toán mà hệ thống không phát hành. Không biết hồ sơ và cơ quan nào.',
    canDo: 'Liên hệ nhà cung cấp để tìm người nộp; hoàn tiền nếu xác định được, hoặc giữ nguyên và ghi chú kết quả kiểm tra.',
  },
  PENDING_NEXT_DAY: {
    happened: 'Người nộp trả tiền sát nửa đêm; nhà cung cấp thường ghi giao dịch này vào file của ngày hôm sau.',
    canDo: 'Chưa cần làm gì: lần đối soát của ngày hôm sau sẽ kiểm tra lại. Chỉ xử lý nếu giao dịch không có trong cả hai file.',
  },
  SETTLED_OTHER_DAY: {
    happened: 'Khoản thanh toán đã thành công trên hệ thống, nhưng vào một ngày khác với ngày của file đối soát.',
    canDo: 'Kiểm tra ngày thanh toán với nhà cung cấp; thường chỉ cần ghi chú và đóng.',
  },
};

/** The explanation of a case type given as a plain string (a stored type); a general one when unknown. */
export function explain(type: string): Explanation {
  return Object.prototype.hasOwnProperty.call(EXPLANATIONS, type)
    ? { title: CASE_TYPE_LABELS[type as CaseType], ...EXPLANATIONS[type as CaseType] }
    : { title: 'Vấn đề khác', happened: 'Có khác biệt giữa số liệu của hệ thống và của nhà cung cấp.', canDo: 'Xem các thông tin bên dưới, liên hệ nhà cung cấp nếu cần, rồi chọn cách xử lý và ghi chú lý do.' };
}

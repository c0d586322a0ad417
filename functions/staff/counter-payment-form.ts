import { counterPaymentBody, COUNTER_PAYMENT_METHODS } from '../counter-payments/counter-payment-schemas';
import type { CounterPaymentRequest, RecordOutcome } from '../counter-payments/record-counter-payment';
import { parseVietnamDateTime } from './form-dates';
import type { FieldError } from './page-parts';

/**
 * The counter-payment form of /staff/counter-payments: its fields as typed, read into the API's
 * request and checked with the API's own schema (counterPaymentBody), so the page accepts exactly what
 * POST /v1/offline-payments accepts. Every refusal becomes a Vietnamese message next to its field.
 */
export const COUNTER_FORM_FIELDS = ['dossierId', 'procedureCode', 'agencyCode', 'amount', 'method', 'paidAt', 'receiptNo', 'payerName'] as const;
export type CounterFormField = (typeof COUNTER_FORM_FIELDS)[number];
export type CounterFormValues = Readonly<Record<CounterFormField, string>>;

const MESSAGES: Readonly<Record<CounterFormField, string>> = {
  dossierId: 'Nhập mã hồ sơ: 1 đến 64 ký tự gồm chữ không dấu, chữ số hoặc . _ : -',
  procedureCode: 'Nhập mã thủ tục, ví dụ CT-BANSAO',
  agencyCode: 'Chọn cơ quan thu',
  amount: 'Nhập số tiền là số nguyên đồng lớn hơn 0, ví dụ 52000 hoặc 52.000',
  method: 'Chọn hình thức nộp',
  paidAt: 'Nhập thời điểm nộp theo dạng ngày/tháng/năm giờ:phút, ví dụ 07/03/2026 09:30',
  receiptNo: 'Nhập số biên lai: 1 đến 64 ký tự gồm chữ không dấu, chữ số hoặc / . _ -',
  payerName: 'Tên người nộp không được dài quá 200 ký tự',
};

export function counterFormValues(form: URLSearchParams): CounterFormValues {
  const values = {} as Record<CounterFormField, string>;
  for (const field of COUNTER_FORM_FIELDS) values[field] = (form.get(field) ?? '').trim();
  return values;
}

export const EMPTY_COUNTER_FORM: CounterFormValues = counterFormValues(new URLSearchParams());

/** "52.000", "52 000", "52000 ₫" → 52000; anything else (decimals, letters) → NaN. */
export function parseAmountText(text: string): number {
  const digits = text.replace(/[\s.₫đ]/gi, '');
  return /^\d{1,16}$/.test(digits) ? Number(digits) : Number.NaN;
}

export type CounterFormResult = { readonly ok: true; readonly request: CounterPaymentRequest } | { readonly ok: false; readonly errors: FieldError[] };

export function readCounterForm(values: CounterFormValues): CounterFormResult {
  const paidAt = parseVietnamDateTime(values.paidAt);
  const candidate = {
    dossierId: values.dossierId,
    procedureCode: values.procedureCode.toUpperCase(),
    agencyCode: values.agencyCode,
    amount: parseAmountText(values.amount),
    method: values.method,
    paidAt: paidAt ?? '',
    receiptNo: values.receiptNo,
    ...(values.payerName ? { payer: { name: values.payerName } } : {}),
  };
  const parsed = counterPaymentBody.safeParse(candidate);
  if (parsed.success) return { ok: true, request: parsed.data };
  const fields = new Set<CounterFormField>();
  for (const issue of parsed.error.issues) {
    const top = String(issue.path[0] ?? '');
    fields.add(top === 'payer' ? 'payerName' : (top as CounterFormField));
  }
  // In the form's order, so the error summary reads top to bottom like the page.
  return { ok: false, errors: COUNTER_FORM_FIELDS.filter((field) => fields.has(field)).map((field) => ({ field, message: MESSAGES[field] })) };
}

/** Why the use case refused a well-formed request, next to the field it is about. */
export function counterOutcomeError(outcome: Exclude<RecordOutcome, { kind: 'RECORDED' }>, values: CounterFormValues): FieldError {
  switch (outcome.kind) {
    case 'UNKNOWN_PROCEDURE':
      return { field: 'procedureCode', message: `Không có thủ tục mã ${values.procedureCode.toUpperCase()}. Kiểm tra lại mã thủ tục.` };
    case 'AGENCY_MISMATCH':
      return { field: 'agencyCode', message: `Thủ tục này do cơ quan mã ${outcome.agencyCode} thu vào ngày nộp. Chọn đúng cơ quan.` };
    case 'NO_PAYMENT_REQUIRED':
      return { field: 'procedureCode', message: 'Thủ tục này không thu phí, lệ phí nên không cần ghi nhận khoản nộp.' };
    case 'PAID_IN_FUTURE':
      return { field: 'paidAt', message: 'Thời điểm nộp không được sau thời điểm hiện tại.' };
    case 'DUPLICATE_RECEIPT':
      return { field: 'receiptNo', message: `Số biên lai ${values.receiptNo} của cơ quan này đã được ghi nhận. Kiểm tra lại số biên lai.` };
    case 'DOSSIER_ALREADY_PAID':
      return { field: 'dossierId', message: `Hồ sơ ${values.dossierId} đã được nộp phí. Không ghi nhận lần hai.` };
    case 'DOSSIER_PROCEDURE_MISMATCH':
      return { field: 'dossierId', message: `Hồ sơ ${values.dossierId} thuộc một thủ tục khác. Kiểm tra lại mã hồ sơ và mã thủ tục.` };
  }
}

export { COUNTER_PAYMENT_METHODS };

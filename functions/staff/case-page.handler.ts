import * as z from 'zod/mini';
import { CASE_ID_PATTERN } from '../../domain/cases/case';
import { ACTIONS_BY_TYPE } from '../../domain/cases/case-effects';
import { isOnQueue, type StaffAction } from '../../domain/cases/case-state-machine';
import { MAX_NOTE_LENGTH } from '../../domain/reconciliation-runs/discrepancy-resolution';
import { catalog, cases, clock, dynamoDb, payments, tableName } from '../composition';
import { canDecideCase } from '../cases/case-access';
import { decideCase } from '../cases/decide-case';
import { getCase } from '../cases/get-case';
import type { StoredCase } from '../cases/case-repository';
import type { CaseTrailEntry } from '../../domain/cases/case';
import type { Payment } from '../../domain/payments/payment';
import { agencyNamesOf } from './case-pages';
import { amountFact, caseBody } from './case-view';
import { CASE_ACTION_LABELS, CASE_EFFECT_LABELS, CASE_STATUS_LABELS, FINDING_SOURCE_LABELS, PAYMENT_STATUS_LABELS, PROVIDER_LABELS, formatVietnamDateTime, labelOf } from './labels';
import type { FieldError } from './page-parts';
import { staffHandler, type StaffRequest } from './staff-handler';
import { seeOther, staffPage } from './staff-layout';
import { StaffPageError } from './staff-page-error';

const params = z.object({ caseId: z.string().check(z.regex(CASE_ID_PATTERN)) });
const query = z.object({ done: z.optional(z.string()) });

/** The radio labels of the decisions, in words about the money rather than the action's name. */
const DECISION_HINTS: Readonly<Record<StaffAction, string>> = {
  ACCEPT_PROVIDER: 'Ghi nhận khoản thanh toán theo số liệu nhà cung cấp (thành công, với số tiền đã thu); biên lai và báo cáo cập nhật theo.',
  REFUND: 'Tiền sẽ được trả lại người nộp; việc ở lại hàng đợi đến khi hoàn xong.',
  WRITE_OFF: 'Đóng việc, không thay đổi khoản thanh toán, biên lai hay báo cáo. Ghi rõ lý do.',
  NOTE: 'Chỉ thêm ghi chú; việc vẫn giữ nguyên trạng thái.',
};

/**
 * GET/POST /staff/cases/{caseId} — one case: what happened, the payment's facts, the decision form
 * (only the actions its type allows), the trail. A decision goes through decideCase, the same use case
 * as the JSON routes; afterwards 303 back here with what it did; decided meanwhile → a message.
 */
export const handler = staffHandler(
  { roles: ['finance', 'province'], params, query, uses: [cases, payments, catalog, clock, dynamoDb, tableName] },
  async (request, deps) => {
    const found = await getCase(request.params.caseId, request.principal, deps);
    if (found.kind === 'NOT_FOUND') throw new StaffPageError(404, 'Không tìm thấy việc này. Có thể địa chỉ bị sai; hãy mở lại từ hàng đợi xử lý.');
    if (found.kind === 'FORBIDDEN') throw new StaffPageError(403, 'Việc này thuộc cơ quan bạn không phụ trách.');
    const page = pageOf(request, found.case, found.trail, found.payment, await agencyNamesOf(deps.catalog));
    if (request.method === 'GET') {
      const done = request.query.done;
      return page(200, { ...(done && Object.hasOwn(CASE_EFFECT_LABELS, done) ? { banner: `Đã lưu. ${CASE_EFFECT_LABELS[done as keyof typeof CASE_EFFECT_LABELS]}` } : {}) });
    }

    if (!canDecideCase(request.principal, found.case)) throw new StaffPageError(403, 'Tài khoản của bạn chỉ được xem, không được quyết định việc này.');
    const action = request.form.get('action') ?? '';
    const note = (request.form.get('note') ?? '').trim();
    const form = { action, note };
    const allowed = ACTIONS_BY_TYPE[found.case.type];
    const errors: FieldError[] = [];
    if (!(allowed as readonly string[]).includes(action)) errors.push({ field: 'action', message: 'Chọn một cách xử lý' });
    if (action === 'NOTE' && note === '') errors.push({ field: 'note', message: 'Nhập nội dung ghi chú' });
    if (note.length > MAX_NOTE_LENGTH) errors.push({ field: 'note', message: `Ghi chú không được dài quá ${MAX_NOTE_LENGTH} ký tự` });
    if (errors.length > 0) return page(400, { form, errors });

    const outcome = await decideCase({ caseId: found.case.caseId, action: action as StaffAction, note: note === '' ? null : note, principal: request.principal }, deps);
    switch (outcome.kind) {
      case 'DECIDED':
        return seeOther(`/staff/cases/${found.case.caseId}?done=${outcome.effect}`);
      case 'ALREADY_DECIDED': {
        const decision = outcome.case.decision;
        const latest = await getCase(found.case.caseId, request.principal, deps);
        const refresh = latest.kind === 'FOUND' ? pageOf(request, latest.case, latest.trail, latest.payment, await agencyNamesOf(deps.catalog)) : page;
        return refresh(409, {
          refusal: decision
            ? `Việc này đã được ${decision.by} xử lý lúc ${formatVietnamDateTime(decision.at)} (${labelOf(CASE_ACTION_LABELS, decision.action)}). Quyết định của bạn chưa được lưu; xem lịch sử bên dưới.`
            : 'Việc này vừa được người khác xử lý. Quyết định của bạn chưa được lưu; xem lịch sử bên dưới.',
        });
      }
      case 'NOT_ALLOWED_FOR_TYPE':
        return page(422, { form, errors: [{ field: 'action', message: 'Cách xử lý này không dùng được cho khoản thanh toán ở trạng thái hiện tại. Hãy chọn cách khác.' }] });
      case 'TRAIL_FULL':
        return page(409, { form, refusal: 'Việc này đã có quá nhiều ghi chú; không thêm được nữa.' });
      case 'FORBIDDEN':
        throw new StaffPageError(403, 'Việc này thuộc cơ quan bạn không phụ trách.');
      case 'NOT_FOUND':
        throw new StaffPageError(404);
    }
  },
);

type PageOptions = { readonly form?: { action: string; note: string }; readonly errors?: FieldError[]; readonly banner?: string; readonly refusal?: string };

function pageOf(request: StaffRequest<unknown, unknown>, found: StoredCase, trail: readonly CaseTrailEntry[], payment: Payment | null, agencyNames: ReadonlyMap<string, string>) {
  return (statusCode: number, options: PageOptions) =>
    staffPage(statusCode, {
      title: 'Xử lý việc',
      principal: request.principal,
      csrfToken: request.csrfToken,
      active: 'cases',
      body: caseBody({
        caseId: found.caseId,
        type: found.type,
        statusLabel: CASE_STATUS_LABELS[found.status],
        open: isOnQueue(found.status) && found.decision === null,
        facts: factsOf(found, payment, agencyNames),
        actions: ACTIONS_BY_TYPE[found.type].map((action) => ({ value: action, label: CASE_ACTION_LABELS[action], hint: DECISION_HINTS[action] })),
        ...(found.decision ? { decisionText: `${CASE_ACTION_LABELS[found.decision.action]} – ${found.decision.by}, ${formatVietnamDateTime(found.decision.at)}.` } : {}),
        trail: trail.map((entry) => ({ at: entry.at, by: entry.by, action: labelOf(CASE_ACTION_LABELS, entry.action), note: entry.note })),
        canDecide: canDecideCase(request.principal, found),
        csrfToken: request.csrfToken,
        errors: options.errors ?? [],
        form: options.form ?? { action: '', note: '' },
        ...(options.banner ? { banner: options.banner } : {}),
        ...(options.refusal ? { refusal: options.refusal } : {}),
      }),
    });
}

function factsOf(found: StoredCase, payment: Payment | null, agencyNames: ReadonlyMap<string, string>): (readonly [string, string])[] {
  return [
    ['Nhà cung cấp', PROVIDER_LABELS[found.provider]],
    ['Cơ quan', found.agencyCode === null ? 'Chưa xác định' : (agencyNames.get(found.agencyCode) ?? found.agencyCode)],
    ['Hồ sơ', found.dossierId ?? '—'],
    ['Mã thanh toán', found.paymentId ?? '—'],
    ['Mã giao dịch của nhà cung cấp', found.providerTxnId ?? '—'],
    ['Số tiền phải nộp', amountFact(found.expectedAmount)],
    ['Số tiền nhà cung cấp đã thu', found.providerAmount === null ? (found.providerAmountText ? `Không đọc được (${found.providerAmountText})` : '—') : amountFact(found.providerAmount)],
    ['Thời điểm thanh toán (nhà cung cấp)', formatVietnamDateTime(found.providerPaidAt)],
    ['Trạng thái khoản thanh toán hiện nay', payment ? PAYMENT_STATUS_LABELS[payment.status] : 'Hệ thống không có khoản thanh toán này'],
    ['Phát hiện bởi', [...new Set(found.findings.map((finding) => labelOf(FINDING_SOURCE_LABELS, finding.source)))].join(', ') || '—'],
    ['Phát hiện lúc', formatVietnamDateTime(found.openedAt)],
  ];
}

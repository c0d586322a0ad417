import * as z from 'zod/mini';
import { businessDateOf } from '../../domain/shared/business-date';
import { isAgencyValidOn } from '../../domain/catalog/agency-history';
import { catalog, clock, dynamoDb, tableName } from '../composition';
import { counterPaymentsOfDay } from '../counter-payments/counter-payments-of-day';
import { recordCounterPayment } from '../counter-payments/record-counter-payment';
import { canActForAgency } from '../http/principal';
import { caseScope } from '../cases/case-access';
import { EMPTY_COUNTER_FORM, counterFormValues, counterOutcomeError, readCounterForm, type CounterFormValues } from './counter-payment-form';
import { counterPaymentsBody } from './counter-payments-view';
import { formatFormDate, parseVietnamDate } from './form-dates';
import { formatVnd } from '../reports/vietnamese-format';
import type { FieldError } from './page-parts';
import { staffHandler } from './staff-handler';
import { seeOther, staffPage } from './staff-layout';

const query = z.object({ day: z.optional(z.string()), done: z.optional(z.string()) });

/**
 * GET/POST /staff/counter-payments — the form that records a fee collected at the counter (the same
 * validation and use case as POST /v1/offline-payments, Vietnamese messages next to each field) and
 * the day's counter payments. Finance records for its agencies; the provincial office only reads.
 */
export const handler = staffHandler({ roles: ['finance', 'province'], query, uses: [catalog, clock, dynamoDb, tableName] }, async (request, deps) => {
  const { principal } = request;
  const today = businessDateOf(deps.clock.now());
  const canRecord = principal.roles.includes('finance');
  const agencies = await deps.catalog.listAgencies();
  const agencyNames = new Map(agencies.map((agency) => [agency.code, agency.name]));
  const agencyChoices = agencies
    .filter((agency) => isAgencyValidOn(agency, today) && canActForAgency(principal, agency.code))
    .map((agency) => ({ value: agency.code, label: agency.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));

  const render = async (statusCode: number, values: CounterFormValues, errors: FieldError[], dayText: string, banner?: string) => {
    const parsedDay = parseVietnamDate(dayText);
    const dayErrors: FieldError[] = parsedDay ? [] : [{ field: 'day', message: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 07/03/2026' }];
    const payments = parsedDay ? await counterPaymentsOfDay(parsedDay, caseScope(principal), { doc: deps.dynamoDb.doc, tableName: deps.tableName }) : [];
    return staffPage(dayErrors.length > 0 && statusCode === 200 ? 400 : statusCode, {
      title: 'Thu tại quầy',
      principal,
      csrfToken: request.csrfToken,
      active: 'counter',
      body: counterPaymentsBody({ canRecord, csrfToken: request.csrfToken, values, errors: [...errors, ...dayErrors], agencyChoices, ...(banner ? { banner } : {}), dayText, businessDate: parsedDay, payments, agencyNames }),
    });
  };

  if (request.method === 'GET') {
    const done = request.query.done && /^\d{1,16}$/.test(request.query.done) ? `Đã ghi nhận khoản thu ${formatVnd(Number(request.query.done))}.` : undefined;
    return render(200, EMPTY_COUNTER_FORM, [], request.query.day ?? formatFormDate(today), done);
  }
  if (!canRecord) return render(403, EMPTY_COUNTER_FORM, [{ field: 'dossierId', message: 'Tài khoản của bạn chỉ được xem, không được ghi nhận khoản thu.' }], formatFormDate(today));
  const values = counterFormValues(request.form);
  const read = readCounterForm(values);
  if (!read.ok) return render(400, values, read.errors, formatFormDate(today));
  if (!canActForAgency(principal, read.request.agencyCode)) return render(403, values, [{ field: 'agencyCode', message: 'Bạn không được ghi nhận khoản thu cho cơ quan này. Chọn cơ quan bạn phụ trách.' }], formatFormDate(today));
  const outcome = await recordCounterPayment(read.request, principal.subject, { doc: deps.dynamoDb.doc, tableName: deps.tableName, catalog: deps.catalog, clock: deps.clock });
  if (outcome.kind === 'RECORDED') {
    const day = formatFormDate(outcome.counterPayment.businessDate);
    return seeOther(`/staff/counter-payments?day=${encodeURIComponent(day)}&done=${outcome.counterPayment.amount}`);
  }
  return render(outcome.kind === 'DUPLICATE_RECEIPT' || outcome.kind === 'DOSSIER_ALREADY_PAID' ? 409 : 422, values, [counterOutcomeError(outcome, values)], formatFormDate(today));
});

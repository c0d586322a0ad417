import * as z from 'zod/mini';
import { receiptPath } from '../../domain/receipts/receipt-link';
import { cases, catalog, payments } from '../composition';
import { agencyNamesOf, caseSummaryOf } from './case-pages';
import { LOOKUP_QUERY, lookUpPayments } from './payment-lookup';
import { paymentLookupBody } from './payment-lookup-view';
import type { FieldError } from './page-parts';
import { staffHandler } from './staff-handler';
import { staffPage } from './staff-layout';

const query = z.object({ q: z.optional(z.string()) });

/** GET /staff/payments?q= — a payment by its id, its dossier's id or its provider transaction id, with its timeline. */
export const handler = staffHandler({ roles: ['finance', 'province'], query, uses: [payments, cases, catalog] }, async (request, deps) => {
  const q = (request.query.q ?? '').trim();
  const errors: FieldError[] = [];
  if (request.query.q !== undefined && !LOOKUP_QUERY.test(q)) errors.push({ field: 'q', message: 'Nhập mã thanh toán, mã hồ sơ hoặc mã giao dịch: chữ không dấu, chữ số và . _ : / -' });
  let found = null;
  if (q !== '' && errors.length === 0) {
    const agencyNames = await agencyNamesOf(deps.catalog);
    found = (await lookUpPayments(q, request.principal, deps)).map(({ payment, cases: related }) => ({
      payment,
      agencyName: agencyNames.get(payment.agencyCode) ?? payment.agencyCode,
      receiptPath: payment.receiptToken ? receiptPath(payment.receiptToken) : null,
      cases: related.map((one) => caseSummaryOf(one, agencyNames)),
    }));
  }
  return staffPage(errors.length > 0 ? 400 : 200, {
    title: 'Tra cứu thanh toán',
    principal: request.principal,
    csrfToken: request.csrfToken,
    active: 'payments',
    body: paymentLookupBody({ query: q, errors, found }),
  });
});

import * as z from 'zod/mini';
import { MAX_AMOUNT_VND } from '../../domain/shared/money';

/**
 * The body of POST /v1/offline-payments: the handler validates with it and the API document shows it.
 * The methods live here, free of the use case's SDK imports, so the document's bundle stays small.
 */
export const COUNTER_PAYMENT_METHODS = ['CASH', 'POS', 'BANK_TRANSFER'] as const;

export const counterPaymentBody = z.strictObject({
  dossierId: z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1–64 letters, digits or . _ : -')),
  procedureCode: z.string().check(z.regex(/^[A-Z0-9-]{1,64}$/, 'must be a procedure code such as CT-BANSAO')),
  agencyCode: z.string().check(z.regex(/^[A-Z0-9_-]{1,32}$/, 'must be an agency code such as STP')),
  amount: z.number().check(z.int('must be a whole number of VND'), z.positive('must be more than 0'), z.maximum(MAX_AMOUNT_VND)),
  method: z.enum(COUNTER_PAYMENT_METHODS),
  paidAt: z.iso.datetime({ offset: true, error: 'must be ISO 8601 with an offset, e.g. 2026-03-10T09:30:00+07:00' }),
  receiptNo: z.string().check(z.regex(/^[A-Za-z0-9/._-]{1,64}$/, 'must be 1–64 letters, digits or / . _ -')),
  // The payer's name, printed on the e-receipt the counter payment gets.
  payer: z.optional(z.strictObject({ name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200)) })),
});

import * as z from 'zod/mini';
import { PAYMENT_ID_PATTERN } from '../../domain/payments/payment-id';
import { RECEIPT_STATUSES } from '../../domain/receipts/receipt';

/**
 * The e-receipt as the API answers it (CONTRACT.md, E-receipts), as zod schemas so the OpenAPI
 * document can register them; receipt-view.ts builds exactly this shape.
 */
export const receiptLineSchema = z.object({
  feeCode: z.string(),
  name: z.string(),
  kind: z.enum(['PHI', 'LE_PHI']),
  amount: z.int(),
});

export const receiptAdjustmentSchema = z.object({
  refundedAmount: z.int(),
  adjustedAmount: z.int(),
  adjustedAmountInWords: z.string(),
  at: z.string(),
});

export const receiptSchema = z.object({
  receiptNo: z.string().check(z.regex(/^\d{7}$/)),
  templateCode: z.string(),
  series: z.string(),
  issuedAt: z.string(),
  collector: z.object({ name: z.string(), taxCode: z.string() }),
  payer: z.object({ name: z.string() }),
  paymentId: z.string(),
  agencyCode: z.string(),
  dossierId: z.string(),
  procedureCode: z.string(),
  lines: z.array(receiptLineSchema),
  amount: z.int(),
  amountInWords: z.string(),
  status: z.enum(RECEIPT_STATUSES),
  adjustment: z.optional(receiptAdjustmentSchema),
  /** The citizen's link: opens the printable page without a token (`?format=pdf` for the PDF). */
  receiptUrl: z.string(),
});

export type ReceiptBody = z.infer<typeof receiptSchema>;

/** `GET /v1/payments/{paymentId}/receipt`: a payment id (pay_…) or a counter payment id (counter:<agency>:<receiptNo>). */
export const receiptParamsSchema = z.object({
  paymentId: z.string().check(z.regex(new RegExp(`^(${PAYMENT_ID_PATTERN.source.slice(1, -1)}|counter:[A-Z0-9_-]{1,32}:[A-Za-z0-9._-]{1,64})$`), 'must be a payment id such as pay_01JD… or counter:<agency>:<receiptNo>')),
});

/** `GET /receipts/{token}`: the link token, with `.pdf` for the PDF. */
export const receiptLinkParamsSchema = z.object({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}(\.pdf|\.html)?$/, 'must be a receipt link token')),
});

export const receiptFormatQuerySchema = z.object({ format: z.optional(z.enum(['json', 'html', 'pdf'])) });

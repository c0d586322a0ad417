import * as z from 'zod/mini';
import { MAX_AMOUNT_VND } from '../../domain/shared/money';

/**
 * The body of POST /v1/payments/{paymentId}/refunds (CONTRACT.md, Refunds). The amounts must be whole
 * numbers of VND here (a 400 naming the field); whether the amount fits what is available is the
 * domain's answer (422 REFUND_AMOUNT_INVALID), as CONTRACT says.
 */
const wholeVnd = (what: string) =>
  z.number({ error: `${what} must be a whole number of VND` }).check(z.int(`${what} must be a whole number of VND`), z.minimum(0, 'must not be negative'), z.maximum(MAX_AMOUNT_VND, 'is too large'));

export const createRefundSchema = z.object({
  amount: wholeVnd('amount'),
  reason: z.string({ error: 'must be a text' }).check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(500, 'at most 500 characters')),
  refundAmountAvailable: wholeVnd('refundAmountAvailable'),
});

export type CreateRefundBody = z.infer<typeof createRefundSchema>;

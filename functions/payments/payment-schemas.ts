import * as z from 'zod/mini';
import { PAYMENT_ID_PATTERN } from '../../domain/payments/payment-id';

/**
 * Path parameters of the payment routes: the handlers validate with them and the API document shows
 * them. The body of POST /v1/payments is createPaymentRequestSchema (create-payment-request.ts).
 */
export const paymentParams = z.object({ paymentId: z.string().check(z.regex(PAYMENT_ID_PATTERN, 'must be a payment id such as pay_01JD…')) });

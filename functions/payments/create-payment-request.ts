import { z } from 'zod';
import { feeInputsSchema } from '../../domain/fees/fee-inputs';
import { PROVIDERS } from '../../domain/payments/payment';
import { MAX_RETURN_URL_LENGTH, isReturnUrl } from '../../domain/providers/payment-page-request';

/**
 * The body of POST /v1/payments (CONTRACT.md, Payments). Unknown fields are dropped, except `amount`:
 * the amount always comes from the catalog, and a caller who sends one is told so rather than
 * silently ignored.
 */
export const DOSSIER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const createPaymentRequestSchema = z.object({
  dossierId: z.string().regex(DOSSIER_ID_PATTERN, 'must be 1–100 characters of letters, digits, ".", "_" or "-"'),
  procedureCode: z.string().regex(/^[A-Z0-9-]{1,64}$/, 'must be a procedure code such as CT-BANSAO'),
  agencyCode: z.string().regex(/^[A-Z0-9_-]{1,32}$/, 'must be an agency code such as STP'),
  provider: z.enum(PROVIDERS, { errorMap: () => ({ message: `must be one of ${PROVIDERS.join(', ')}` }) }),
  inputs: feeInputsSchema.default({}),
  payer: z.object({
    name: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
    idNumber: z.string().regex(/^[A-Za-z0-9]{6,20}$/, 'must be 6–20 letters or digits (CCCD, CMND or passport number)').optional(),
  }),
  returnUrl: z
    .string()
    .max(MAX_RETURN_URL_LENGTH, `at most ${MAX_RETURN_URL_LENGTH} characters`)
    .refine(isReturnUrl, 'must be an http(s) URL'),
  amount: z.never({ errorMap: () => ({ message: 'the amount is computed from the catalog; do not send it' }) }).optional(),
});

export type CreatePaymentRequest = z.infer<typeof createPaymentRequestSchema>;

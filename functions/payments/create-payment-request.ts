import * as z from 'zod/mini';
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
  dossierId: z.string().check(z.regex(DOSSIER_ID_PATTERN, 'must be 1–100 characters of letters, digits, ".", "_" or "-"')),
  procedureCode: z.string().check(z.regex(/^[A-Z0-9-]{1,64}$/, 'must be a procedure code such as CT-BANSAO')),
  agencyCode: z.string().check(z.regex(/^[A-Z0-9_-]{1,32}$/, 'must be an agency code such as STP')),
  provider: z.enum(PROVIDERS, { error: `must be one of ${PROVIDERS.join(', ')}` }),
  inputs: z._default(feeInputsSchema, {}),
  payer: z.object({
    name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200, 'at most 200 characters')),
    idNumber: z.optional(z.string().check(z.regex(/^[A-Za-z0-9]{6,20}$/, 'must be 6–20 letters or digits (CCCD, CMND or passport number)'))),
  }),
  returnUrl: z.string().check(z.maxLength(MAX_RETURN_URL_LENGTH, `at most ${MAX_RETURN_URL_LENGTH} characters`), z.refine(isReturnUrl, 'must be an http(s) URL')),
  amount: z.optional(z.never({ error: 'the amount is computed from the catalog; do not send it' })),
});

export type CreatePaymentRequest = z.infer<typeof createPaymentRequestSchema>;

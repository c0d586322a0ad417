import * as z from 'zod/mini';
import { feeInputsSchema } from '../../domain/fees/fee-inputs';
import { SUBMISSION_CHANNELS } from '../../domain/fees/online-reduction';

/** The body of POST /v1/fees/quote: the handler validates with it and the API document shows it. */
export const quoteFeesBody = z.object({
  procedureCode: z.string().check(z.regex(/^[A-Z0-9-]{1,64}$/, 'must be a procedure code such as CT-BANSAO')),
  inputs: z._default(feeInputsSchema, {}),
  submittedAt: z.optional(z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with an offset, e.g. 2025-01-01T00:00:00+07:00' })),
  // Not in CONTRACT.md's body: the portal asks for online dossiers, so ONLINE is the default (docs/CATALOG.md).
  channel: z._default(z.enum(SUBMISSION_CHANNELS, { error: `must be one of ${SUBMISSION_CHANNELS.join(', ')}` }), 'ONLINE'),
});

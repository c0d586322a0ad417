import * as z from 'zod/mini';

/**
 * Request schemas of the review-item routes: the handlers validate with them and the API document shows
 * them. The decisions live here, free of the repository's SDK imports, so the document's bundle stays small.
 */
export const REVIEW_ACTIONS = ['ACCEPT', 'REFUND', 'WRITE_OFF'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const listReviewItemsQuery = z.object({
  status: z._default(z.enum(['OPEN', 'RESOLVED']), 'OPEN'),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
});

export const reviewItemParams = z.object({ reviewId: z.string().check(z.minLength(1), z.maxLength(300)) });

export const resolveReviewItemBody = z.strictObject({ action: z.enum(REVIEW_ACTIONS), note: z.string().check(z.trim(), z.minLength(1, 'say why'), z.maxLength(2000)) });

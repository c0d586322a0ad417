import * as z from 'zod/mini';
import { MAX_AMOUNT_VND } from '../shared/money';

/**
 * What a caller declares about a dossier so its fees can be computed (CONTRACT.md, `inputs`). Every
 * input has a bound: a fee schedule never needs 10,001 pages or a thousand and one copies, and a
 * bound keeps the arithmetic far inside the safe integer range. Which inputs a procedure needs
 * depends on its fee rules (see fee-rules.ts); this schema only says what a well-formed value is.
 */
export const MAX_PAGES = 10_000;
export const MAX_COPIES = 1_000;
export const MAX_DECLARED_VALUE_VND = MAX_AMOUNT_VND;

const wholeNumber = (what: string, ...bounds: z.core.$ZodCheck<number>[]) =>
  z.optional(z.number({ error: `${what} must be a number` }).check(z.int(`${what} must be a whole number`), ...bounds));

// Strict: a misspelt input ("page") would otherwise be dropped silently and the fee computed without it.
export const feeInputsSchema = z.strictObject({
  pages: wholeNumber('pages', z.minimum(1, 'at least 1 page'), z.maximum(MAX_PAGES, `at most ${MAX_PAGES} pages`)),
  copies: wholeNumber('copies', z.minimum(1, 'at least 1 copy'), z.maximum(MAX_COPIES, `at most ${MAX_COPIES} copies`)),
  declaredValue: wholeNumber(
    'declaredValue (integer VND)',
    z.minimum(0, 'must not be negative'),
    z.maximum(MAX_DECLARED_VALUE_VND, `at most ${MAX_DECLARED_VALUE_VND} VND`),
  ),
  exemption: z.optional(z.boolean({ error: 'exemption must be true or false' })),
});

export type FeeInputs = z.infer<typeof feeInputsSchema>;

/** A problem with one input, named by its path in the request (`inputs.pages`). */
export interface FeeInputIssue {
  readonly path: string;
  readonly message: string;
}

import { z } from 'zod';
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

const wholeNumber = (what: string) => z.number({ invalid_type_error: `${what} must be a number` }).int(`${what} must be a whole number`);

export const feeInputsSchema = z
  .object({
    pages: wholeNumber('pages').min(1, 'at least 1 page').max(MAX_PAGES, `at most ${MAX_PAGES} pages`).optional(),
    copies: wholeNumber('copies').min(1, 'at least 1 copy').max(MAX_COPIES, `at most ${MAX_COPIES} copies`).optional(),
    declaredValue: wholeNumber('declaredValue (integer VND)')
      .min(0, 'must not be negative')
      .max(MAX_DECLARED_VALUE_VND, `at most ${MAX_DECLARED_VALUE_VND} VND`)
      .optional(),
    exemption: z.boolean({ invalid_type_error: 'exemption must be true or false' }).optional(),
  })
  // A misspelt input ("page") would otherwise be dropped silently and the fee computed without it.
  .strict();

export type FeeInputs = z.infer<typeof feeInputsSchema>;

/** A problem with one input, named by its path in the request (`inputs.pages`). */
export interface FeeInputIssue {
  readonly path: string;
  readonly message: string;
}

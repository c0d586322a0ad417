import type { DiscrepancyStatus } from './reconciliation-run';

/**
 * How finance settles a discrepancy (CONTRACT.md):
 *   ACCEPT_PROVIDER  the provider's side is right (e.g. accept a reversal, or a success after failure)
 *   REFUND           the money is to be paid back to the payer
 *   WRITE_OFF        the difference is accepted as it is
 *   NOTE             a remark only: the discrepancy stays as it is, the note joins its trail
 *
 * The three resolving actions close an OPEN discrepancy once; a second one is refused (409), so two
 * staff members acting at once cannot both settle it. A NOTE may be added any number of times, before
 * or after the discrepancy is resolved (e.g. the bank's refund reference, days later). Every action,
 * notes included, is kept with who and when. Resolutions record decisions; they move no money.
 */
export const RESOLUTION_ACTIONS = ['ACCEPT_PROVIDER', 'REFUND', 'WRITE_OFF', 'NOTE'] as const;
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number];

/** The action the worker records when it applied a lost callback itself. */
export const AUTO_APPLIED_ACTION = 'AUTO_APPLIED';

/** Notes are free text typed by staff; long enough for a refund reference and an explanation. */
export const MAX_NOTE_LENGTH = 2000;

export type ResolutionDecision =
  | { readonly kind: 'RESOLVE' }
  | { readonly kind: 'ADD_NOTE' }
  | { readonly kind: 'ALREADY_RESOLVED' };

export function resolves(action: ResolutionAction): boolean {
  return action !== 'NOTE';
}

/** What an action does to a discrepancy in `status`. */
export function decideResolution(status: DiscrepancyStatus, action: ResolutionAction): ResolutionDecision {
  if (!resolves(action)) return { kind: 'ADD_NOTE' };
  return status === 'OPEN' ? { kind: 'RESOLVE' } : { kind: 'ALREADY_RESOLVED' };
}

/**
 * How finance settles a discrepancy (CONTRACT.md): the action is a decision on the discrepancy's case
 * (domain/cases/: the state machine says when it may be taken, case-effects.ts what it does).
 *   ACCEPT_PROVIDER  the provider's side is right (e.g. collect the amount it took, confirm a reversal)
 *   REFUND           the money is to be paid back to the payer (the case stays on the queue, REFUND_DUE)
 *   WRITE_OFF        the difference is accepted as it is
 *   NOTE             a remark only: the status stays as it is, the note joins the case's trail
 */
export const RESOLUTION_ACTIONS = ['ACCEPT_PROVIDER', 'REFUND', 'WRITE_OFF', 'NOTE'] as const;
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number];

/** Notes are free text typed by staff; long enough for a refund reference and an explanation. */
export const MAX_NOTE_LENGTH = 2000;

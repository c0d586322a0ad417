import type { PaymentStatus } from '../payments/payment-state-machine';
import type { AmountVnd } from '../shared/money';
import type { Case, CaseType } from './case';
import { caseTransition, type CaseAction, type CaseStatus, type StaffAction } from './case-state-machine';

/**
 * What a decision on a case does: (case, action, payment) → effects. Pure; the adapter
 * (functions/cases/decide-case.ts) carries the effects out in one transaction. docs/CASES.md states
 * the same as a table, decision × case type → payment, receipt, reports, case status.
 *
 * The one money effect is COLLECT: the provider's success is applied to the payment through the same
 * exactly-once path as a callback (applyProviderReport), with the provider's amount, under the case's
 * own event id, so the payment becomes SUCCEEDED with what the provider took, the report counters move
 * once, and the e-receipt follows from the PaymentSucceeded event like any success. Nothing here
 * moves money back: REFUND leaves the case REFUND_DUE for the refund flow.
 */
export const ACTIONS_BY_TYPE: Readonly<Record<CaseType, readonly StaffAction[]>> = {
  LOST_CALLBACK: ['ACCEPT_PROVIDER', 'REFUND', 'WRITE_OFF', 'NOTE'],
  AMOUNT_MISMATCH: ['ACCEPT_PROVIDER', 'REFUND', 'WRITE_OFF', 'NOTE'],
  LATE_SUCCESS: ['ACCEPT_PROVIDER', 'REFUND', 'WRITE_OFF', 'NOTE'],
  // The dossier is paid by another payment: the money is to go back, or be kept as it is; never counted.
  SECOND_PAYMENT: ['REFUND', 'WRITE_OFF', 'NOTE'],
  DUPLICATE: ['REFUND', 'WRITE_OFF', 'NOTE'],
  // The provider gave the money back already: nothing to refund.
  REVERSAL: ['ACCEPT_PROVIDER', 'WRITE_OFF', 'NOTE'],
  // The provider shows no money: nothing to accept or refund; a finished success never moves back.
  MISSING_AT_PROVIDER: ['WRITE_OFF', 'NOTE'],
  UNKNOWN_PAYMENT: ['REFUND', 'WRITE_OFF', 'NOTE'],
  PENDING_NEXT_DAY: ['WRITE_OFF', 'NOTE'],
  SETTLED_OTHER_DAY: ['WRITE_OFF', 'NOTE'],
};

/** What the decision needs to know about the payment, as read just before. */
export interface PaymentFacts {
  readonly status: PaymentStatus;
  readonly amount: AmountVnd;
  readonly providerTxnId?: string;
}

/** The provider's success to apply to the payment (applyProviderReport, event `case:<caseId>:COLLECTED`). */
export interface CollectEffect {
  readonly kind: 'COLLECT';
  readonly paymentId: string;
  readonly providerTxnId: string;
  readonly amount: AmountVnd;
  readonly occurredAt: string;
}

/** Named effects, as docs/CASES.md's table says them. */
export type EffectName =
  /** The payment became SUCCEEDED with the provider's amount; counted once; receipt issued. */
  | 'PAYMENT_COLLECTED'
  /** The payment had already succeeded under this transaction: nothing to move. */
  | 'ALREADY_COLLECTED'
  /** Collected as PAYMENT_COLLECTED (where not yet), and the money is due back: the case stays on the queue. */
  | 'REFUND_DUE'
  /** The provider's reversal stands; its counts were taken back when the run found it. */
  | 'REVERSAL_CONFIRMED'
  /** Closed as it is, no effect on the payment, the receipt or the reports. */
  | 'WRITTEN_OFF'
  /** A run applied the lost callback itself (PAYMENT_COLLECTED, by the run). */
  | 'AUTO_APPLIED'
  /** The refund was made (by the refund flow). */
  | 'REFUNDED'
  /** A note joined the trail; nothing else changed. */
  | 'NOTED';

export type CaseEffects =
  | { readonly kind: 'REFUSED'; readonly reason: 'ALREADY_DECIDED' | 'NOT_ALLOWED_FOR_TYPE'; readonly why: string }
  | { readonly kind: 'DECIDED'; readonly status: CaseStatus; readonly effect: EffectName; readonly collect: CollectEffect | null };

type CaseFacts = Pick<Case, 'caseId' | 'type' | 'status' | 'paymentId' | 'providerTxnId' | 'providerAmount' | 'providerPaidAt'>;

export function caseEffects(subject: CaseFacts, action: CaseAction, payment: PaymentFacts | null): CaseEffects {
  const staff = action !== 'AUTO_APPLIED' && action !== 'REFUNDED';
  if (staff && !ACTIONS_BY_TYPE[subject.type].includes(action)) {
    return { kind: 'REFUSED', reason: 'NOT_ALLOWED_FOR_TYPE', why: `${action} is not a decision for a ${subject.type} case` };
  }
  const move = caseTransition(subject.status, action);
  if (!move.ok) return { kind: 'REFUSED', reason: 'ALREADY_DECIDED', why: `the case is ${subject.status} already` };
  const decided = (effect: EffectName, collect: CollectEffect | null = null): CaseEffects => ({ kind: 'DECIDED', status: move.to, effect, collect });

  switch (action) {
    case 'NOTE':
      return decided('NOTED');
    case 'WRITE_OFF':
      return decided('WRITTEN_OFF');
    case 'AUTO_APPLIED':
      return decided('AUTO_APPLIED');
    case 'REFUNDED':
      return decided('REFUNDED');
    case 'ACCEPT_PROVIDER': {
      if (subject.type === 'REVERSAL') return decided('REVERSAL_CONFIRMED');
      const collection = collectionOf(subject, payment);
      if (collection.kind === 'NOT_POSSIBLE') return { kind: 'REFUSED', reason: 'NOT_ALLOWED_FOR_TYPE', why: collection.why };
      return collection.kind === 'COLLECT' ? decided('PAYMENT_COLLECTED', collection) : decided('ALREADY_COLLECTED');
    }
    case 'REFUND': {
      // Money due back must first be money collected: take the provider's success where the payment
      // does not have it yet (as ACCEPT_PROVIDER does), so the refund flow finds a SUCCEEDED payment.
      const collection = COLLECTING_TYPES.includes(subject.type) ? collectionOf(subject, payment) : { kind: 'NOTHING' as const };
      return decided('REFUND_DUE', collection.kind === 'COLLECT' ? collection : null);
    }
  }
}

/** Types whose problem is money the provider took that the payment may not show yet. */
const COLLECTING_TYPES: readonly CaseType[] = ['LOST_CALLBACK', 'AMOUNT_MISMATCH', 'LATE_SUCCESS'];

function collectionOf(subject: CaseFacts, payment: PaymentFacts | null): CollectEffect | { kind: 'ALREADY' } | { kind: 'NOTHING' } | { kind: 'NOT_POSSIBLE'; why: string } {
  if (!payment || !subject.paymentId) return { kind: 'NOT_POSSIBLE', why: 'the case names no payment of the service' };
  if (payment.status === 'SUCCEEDED') {
    if (payment.providerTxnId === subject.providerTxnId) return { kind: 'ALREADY' };
    return { kind: 'NOT_POSSIBLE', why: 'the payment was paid by another provider transaction; refund this one or write it off' };
  }
  if (!subject.providerTxnId || !subject.providerPaidAt || subject.providerAmount === null || subject.providerAmount <= 0) {
    return { kind: 'NOT_POSSIBLE', why: 'the provider gave no whole amount and time to collect' };
  }
  return { kind: 'COLLECT', paymentId: subject.paymentId, providerTxnId: subject.providerTxnId, amount: subject.providerAmount, occurredAt: subject.providerPaidAt };
}

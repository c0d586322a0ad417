import { createHash } from 'node:crypto';
import type { ProviderName } from '../providers/provider-payment-report';
import type { BusinessDate } from '../shared/business-date';
import type { AmountVnd } from '../shared/money';
import type { CaseAction, CaseStatus } from './case-state-machine';

/**
 * A case: one problem with money that finance decides on once (DOMAIN.md, "One problem, one case"),
 * however it was found — a provider's callback, the mop-up job's status query, or a reconciliation
 * run. Whichever flow finds the problem first creates the case; the others add their finding to it.
 *
 * What a case is about (its subject) gives its id, so every flow computes the same id without reading
 * anything first:
 *   - what the provider says it collected under one transaction (COLLECTION): a lost callback, an
 *     amount that differs, a late success, a second payment of a paid dossier, a payment the service
 *     never issued — the callback and the settlement row name the same provider transaction;
 *   - the provider taking that transaction back (REVERSAL), a problem of its own even after the
 *     collection's case was closed;
 *   - the same provider transaction written again in a settlement file (REPEAT, numbered);
 *   - the service's own success that the provider's file does not show (SETTLEMENT, by payment): a
 *     payment missing at the provider, or paid just before midnight and expected the next day.
 */
export const CASE_TYPES = [
  /** The provider collected it and the service never heard (no callback, not applied yet). */
  'LOST_CALLBACK',
  /** The provider collected another amount than the payment asked for. */
  'AMOUNT_MISMATCH',
  /** The provider collected after the service had given the payment up (FAILED, EXPIRED, CANCELLED). */
  'LATE_SUCCESS',
  /** A second payment of a dossier another payment had already paid: kept for refund, never counted. */
  'SECOND_PAYMENT',
  /** The same payment collected twice under two provider transactions, or a transaction repeated in a file. */
  'DUPLICATE',
  /** The provider reversed a collection the service counted (its counts were taken back when found). */
  'REVERSAL',
  /** The service has a success the provider's file does not show. */
  'MISSING_AT_PROVIDER',
  /** A correctly signed report or settlement row about a payment id the service never issued. */
  'UNKNOWN_PAYMENT',
  /** Paid close to midnight: expected in the next day's file, re-checked then. */
  'PENDING_NEXT_DAY',
  /** The provider settled a success the service recorded on another business date. */
  'SETTLED_OTHER_DAY',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** Which flow saw the problem. */
export const FINDING_SOURCES = ['CALLBACK', 'MOP_UP', 'RECONCILIATION'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/** One sighting of the problem: by a provider report (its event id) or a run (its run id and finding). */
export interface CaseFinding {
  readonly source: FindingSource;
  /** The type this sighting alone would have given the case. */
  readonly type: CaseType;
  /** CONTRACT's word for it: a review reason (callback, mop-up) or a discrepancy type (run). */
  readonly contractType: string;
  /** The provider event's id (callback, mop-up). */
  readonly eventId?: string;
  /** The run and its discrepancy (reconciliation). */
  readonly runId?: string;
  readonly discrepancyId?: string;
  readonly businessDate?: BusinessDate;
  readonly at: string;
}

/** One line of the case's trail: a decision, a note, or a finding joining it. Never changed. */
export interface CaseTrailEntry {
  readonly action: CaseAction | 'FOUND';
  readonly note: string | null;
  /** A principal's subject; `reconciliation`, `callback` or `mop-up` for the service itself. */
  readonly by: string;
  readonly at: string;
  /** The status after this entry. */
  readonly status: CaseStatus;
}

/** The decision that moved the case off OPEN, with who and when. */
export interface CaseDecision {
  readonly action: CaseAction;
  readonly note: string | null;
  readonly by: string;
  readonly at: string;
  /** What the decision did, in the words of docs/CASES.md (e.g. PAYMENT_COLLECTED, NONE). */
  readonly effect: string;
}

export interface Case {
  readonly caseId: string;
  readonly type: CaseType;
  readonly status: CaseStatus;
  readonly provider: ProviderName;
  readonly providerTxnId: string | null;
  /** The payment the problem is about; unknown for a payment id the service never issued. */
  readonly paymentId: string | null;
  readonly dossierId: string | null;
  /** The payment's agency; null when the payment is unknown (only all-agency staff see such a case). */
  readonly agencyCode: string | null;
  /** What the service asked for (the payment's amount). */
  readonly expectedAmount: AmountVnd | null;
  /** What the provider says it collected (a report's or a row's amount). */
  readonly providerAmount: AmountVnd | null;
  /** The provider's own amount text when it was not a positive whole number of đồng (providerAmount is then null). */
  readonly providerAmountText?: string;
  /** The provider's payment time, ISO 8601 with offset, when a report or a row gave one. */
  readonly providerPaidAt: string | null;
  /** The review reason (CONTRACT) of the first provider report that found it; absent when only runs did. */
  readonly reviewReason?: string;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly findings: readonly CaseFinding[];
  readonly decision: CaseDecision | null;
}

/** What a case is about (see the comment at the top). */
export type CaseSubject =
  | { readonly kind: 'COLLECTION'; readonly provider: ProviderName; readonly providerTxnId: string }
  | { readonly kind: 'REVERSAL'; readonly provider: ProviderName; readonly providerTxnId: string }
  | { readonly kind: 'REPEAT'; readonly provider: ProviderName; readonly providerTxnId: string; readonly occurrence: number }
  | { readonly kind: 'SETTLEMENT'; readonly provider: ProviderName; readonly paymentId: string };

export const CASE_ID_PATTERN = /^cas_[A-Za-z0-9_-]{20}$/;

/** The case id of a subject: the same whichever flow computes it. */
export function caseIdOf(subject: CaseSubject): string {
  const fields =
    subject.kind === 'SETTLEMENT'
      ? [subject.kind, subject.provider, subject.paymentId]
      : [subject.kind, subject.provider, subject.providerTxnId, subject.kind === 'REPEAT' ? String(subject.occurrence) : ''];
  // A unit separator cannot occur in any field (identifiers refuse control characters).
  const digest = createHash('sha256').update(fields.join('\u001f')).digest();
  return `cas_${digest.subarray(0, 15).toString('base64url')}`;
}

/** The actor names the service writes in trails for what it did by itself. */
export const SERVICE_ACTORS: Record<FindingSource, string> = { CALLBACK: 'callback', MOP_UP: 'mop-up', RECONCILIATION: 'reconciliation' };

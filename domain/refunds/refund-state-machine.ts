/**
 * The refund state machine (CONTRACT.md, Refunds) as a table of legal edges, each named by the
 * past-tense event it records. A refund is born SUBMITTED when finance asks for it; the provider's
 * answer finishes it. A finished refund never moves back, and nothing leads to SUBMITTED.
 *
 *   SUBMITTED ──RefundSucceeded──▶ SUCCEEDED
 *   SUBMITTED ──RefundFailed─────▶ FAILED
 */
export const REFUND_STATUSES = ['SUBMITTED', 'SUCCEEDED', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const REFUND_EVENT_TYPES = ['RefundSubmitted', 'RefundSucceeded', 'RefundFailed'] as const;
export type RefundEventType = (typeof REFUND_EVENT_TYPES)[number];

export interface RefundEdge {
  readonly from: RefundStatus;
  readonly to: RefundStatus;
  readonly event: RefundEventType;
}

export const REFUND_INITIAL_STATUS: RefundStatus = 'SUBMITTED';

export const REFUND_EDGES: readonly RefundEdge[] = [
  { from: 'SUBMITTED', to: 'SUCCEEDED', event: 'RefundSucceeded' },
  { from: 'SUBMITTED', to: 'FAILED', event: 'RefundFailed' },
];

export type RefundTransition = { readonly ok: true; readonly edge: RefundEdge } | { readonly ok: false; readonly reason: string };

export function refundTransition(from: RefundStatus, to: RefundStatus): RefundTransition {
  const edge = REFUND_EDGES.find((candidate) => candidate.from === from && candidate.to === to);
  return edge ? { ok: true, edge } : { ok: false, reason: `a refund cannot go from ${from} to ${to}` };
}

export function isRefundFinished(status: RefundStatus): boolean {
  return status !== 'SUBMITTED';
}

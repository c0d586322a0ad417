/**
 * A case's one status, as a table of legal edges, each named by the action that takes it:
 *
 *   OPEN ──ACCEPT_PROVIDER | WRITE_OFF | AUTO_APPLIED──▶ RESOLVED
 *   OPEN ──REFUND─────────────────────────────────────▶ REFUND_DUE ──REFUNDED──▶ RESOLVED
 *   OPEN | REFUND_DUE | RESOLVED ──NOTE──▶ (the same status)
 *
 * REFUND_DUE means finance decided that money goes back to the payer and it has not gone yet: the
 * case stays on the queue until the refund is made (REFUNDED, by the refund flow, not by staff).
 * A case is decided once: a second ACCEPT_PROVIDER, REFUND or WRITE_OFF finds no edge and is refused.
 * Notes join the trail at any time.
 */
export const CASE_STATUSES = ['OPEN', 'REFUND_DUE', 'RESOLVED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What finance may decide (CONTRACT's resolution actions). */
export const STAFF_ACTIONS = ['ACCEPT_PROVIDER', 'REFUND', 'WRITE_OFF', 'NOTE'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/**
 * Every action: finance's, plus what the service does by itself — AUTO_APPLIED (a run applied a lost
 * callback) and REFUNDED (the refund of a REFUND_DUE case was made).
 */
export const CASE_ACTIONS = [...STAFF_ACTIONS, 'AUTO_APPLIED', 'REFUNDED'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface CaseEdge {
  readonly from: CaseStatus;
  readonly action: CaseAction;
  readonly to: CaseStatus;
}

export const CASE_EDGES: readonly CaseEdge[] = [
  { from: 'OPEN', action: 'ACCEPT_PROVIDER', to: 'RESOLVED' },
  { from: 'OPEN', action: 'WRITE_OFF', to: 'RESOLVED' },
  { from: 'OPEN', action: 'AUTO_APPLIED', to: 'RESOLVED' },
  { from: 'OPEN', action: 'REFUND', to: 'REFUND_DUE' },
  { from: 'REFUND_DUE', action: 'REFUNDED', to: 'RESOLVED' },
  { from: 'OPEN', action: 'NOTE', to: 'OPEN' },
  { from: 'REFUND_DUE', action: 'NOTE', to: 'REFUND_DUE' },
  { from: 'RESOLVED', action: 'NOTE', to: 'RESOLVED' },
];

export type CaseTransition = { readonly ok: true; readonly to: CaseStatus } | { readonly ok: false };

export function caseTransition(from: CaseStatus, action: CaseAction): CaseTransition {
  const edge = CASE_EDGES.find((candidate) => candidate.from === from && candidate.action === action);
  return edge ? { ok: true, to: edge.to } : { ok: false };
}

/** A decision: an action that moves the case (every action but NOTE). */
export function isDecision(action: CaseAction): boolean {
  return action !== 'NOTE';
}

/** Cases finance still has work on: they stay on the queue. */
export function isOnQueue(status: CaseStatus): boolean {
  return status !== 'RESOLVED';
}

/**
 * The payment state machine (CONTRACT.md, Payments) as a table of legal edges, each named by the
 * past-tense event it records. Anything not in the table is refused, so a new edge is a reviewed
 * change to this table, never a side effect somewhere else.
 *
 *   PENDING ──PaymentSucceeded──▶ SUCCEEDED
 *   PENDING ──PaymentFailed─────▶ FAILED
 *   PENDING ──PaymentExpired────▶ EXPIRED
 *   PENDING ──PaymentCancelled──▶ CANCELLED
 *   FAILED | EXPIRED | CANCELLED ──LateSuccessRecorded──▶ SUCCEEDED (lateSuccess: true)
 *
 * Only a provider's success moves money, so a success that arrives after the service gave up on a
 * payment still makes it SUCCEEDED (and finance reviews it). SUCCEEDED has no way out, and nothing
 * leads back to PENDING.
 */
export const PAYMENT_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'CANCELLED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_EVENT_TYPES = [
  'PaymentCreated',
  'PaymentSucceeded',
  'PaymentFailed',
  'PaymentExpired',
  'PaymentCancelled',
  'LateSuccessRecorded',
] as const;
export type PaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];

export interface PaymentEdge {
  readonly from: PaymentStatus;
  readonly to: PaymentStatus;
  readonly event: PaymentEventType;
  /** The success came after the payment had already ended without one. */
  readonly lateSuccess: boolean;
}

/** The event a payment is born with; it starts PENDING. */
export const CREATED_EVENT: PaymentEventType = 'PaymentCreated';
export const INITIAL_STATUS: PaymentStatus = 'PENDING';

export const PAYMENT_EDGES: readonly PaymentEdge[] = [
  { from: 'PENDING', to: 'SUCCEEDED', event: 'PaymentSucceeded', lateSuccess: false },
  { from: 'PENDING', to: 'FAILED', event: 'PaymentFailed', lateSuccess: false },
  { from: 'PENDING', to: 'EXPIRED', event: 'PaymentExpired', lateSuccess: false },
  { from: 'PENDING', to: 'CANCELLED', event: 'PaymentCancelled', lateSuccess: false },
  { from: 'FAILED', to: 'SUCCEEDED', event: 'LateSuccessRecorded', lateSuccess: true },
  { from: 'EXPIRED', to: 'SUCCEEDED', event: 'LateSuccessRecorded', lateSuccess: true },
  { from: 'CANCELLED', to: 'SUCCEEDED', event: 'LateSuccessRecorded', lateSuccess: true },
];

export type TransitionResult = { readonly ok: true; readonly edge: PaymentEdge } | { readonly ok: false; readonly reason: string };

export function transition(from: PaymentStatus, to: PaymentStatus): TransitionResult {
  const edge = PAYMENT_EDGES.find((candidate) => candidate.from === from && candidate.to === to);
  return edge ? { ok: true, edge } : { ok: false, reason: `a payment cannot go from ${from} to ${to}` };
}

/** The statuses a payment may be in for a move to `to`; repositories turn this into a write condition. */
export function statusesThatMayBecome(to: PaymentStatus): PaymentStatus[] {
  return PAYMENT_EDGES.filter((edge) => edge.to === to).map((edge) => edge.from);
}

/** A payment the citizen can no longer pay through the service's own flow (cancel is refused). */
export function isFinished(status: PaymentStatus): boolean {
  return status !== 'PENDING';
}

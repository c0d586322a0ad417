import * as z from 'zod/mini';
import { PROVIDER_REFERENCE_PATTERN } from '../../domain/providers/provider-payment-report';

/**
 * Fault switches: how a test or a demo makes a mock misbehave on purpose, so every discrepancy the
 * service must handle can be produced. A switch applies to one payment (paymentId) or to all
 * (no paymentId); a payment's own switch wins field by field over the global one.
 */
const switchFields = {
  /** Send no callback at all (the payment is still in the ledger, the settlement file and status answers). */
  drop: z.optional(z.boolean()),
  /** Deliver the callback this many times at once, to race the service's dedupe. */
  duplicate: z.optional(z.int().check(z.minimum(1), z.maximum(10))),
  /** Wait this long before the first delivery. */
  delayMs: z.optional(z.int().check(z.minimum(0), z.maximum(600_000))),
  /** After the SUCCEEDED callback, send a FAILED one for the same transaction. */
  failedAfterSucceeded: z.optional(z.boolean()),
  /** Report (callback, status answer, settlement) the amount plus this delta in đồng. */
  alterAmount: z.optional(
    z.int().check(
      z.minimum(-1_000_000_000),
      z.maximum(1_000_000_000),
      z.refine((delta) => delta !== 0, 'a delta of 0 alters nothing'),
    ),
  ),
  /** Sign callbacks with a secret the service does not know. */
  wrongSecret: z.optional(z.boolean()),
  /** Show the payment as REVERSED in the settlement file. */
  reverse: z.optional(z.boolean()),
  /** Leave the payment out of the settlement file (MISSING_AT_PROVIDER). */
  omitFromSettlement: z.optional(z.boolean()),
  /** List the payment twice in the settlement file (DUPLICATE). */
  duplicateInSettlement: z.optional(z.boolean()),
  /** Settle the payment in the next business date's file (PENDING_NEXT_DAY). */
  settleNextDay: z.optional(z.boolean()),
};

export const faultRequestSchema = z.strictObject({ paymentId: z.optional(z.string().check(z.regex(PROVIDER_REFERENCE_PATTERN))), ...switchFields });

export type FaultRequest = z.infer<typeof faultRequestSchema>;
export type FaultSwitch = Omit<FaultRequest, 'paymentId'>;

const MAX_PAYMENT_SWITCHES = 1000;

export class FaultSwitches {
  private global: FaultSwitch = {};
  private readonly payments = new Map<string, FaultSwitch>();

  /** Replaces the switch of its scope (the payment's, or the global one) with exactly these fields. */
  set(request: FaultRequest): void {
    const { paymentId, ...fields } = request;
    if (paymentId === undefined) {
      this.global = fields;
      return;
    }
    if (!this.payments.has(paymentId) && this.payments.size >= MAX_PAYMENT_SWITCHES) {
      throw new RangeError(`at most ${MAX_PAYMENT_SWITCHES} payments can have their own fault switch`);
    }
    this.payments.set(paymentId, fields);
  }

  /** Clears one payment's switch, or every switch when no payment is named. */
  clear(paymentId?: string): void {
    if (paymentId === undefined) {
      this.global = {};
      this.payments.clear();
    } else {
      this.payments.delete(paymentId);
    }
  }

  forPayment(paymentId: string): FaultSwitch {
    return { ...this.global, ...this.payments.get(paymentId) };
  }

  list(): { global: FaultSwitch; payments: Record<string, FaultSwitch> } {
    return { global: { ...this.global }, payments: Object.fromEntries(this.payments) };
  }
}

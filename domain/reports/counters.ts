import type { AmountVnd } from '../shared/money';
import { isBusinessDate, type BusinessDate } from '../shared/business-date';

/**
 * Report counters: the only thing the rate reports read. The storage layer keeps one counter per
 * (agencyCode, procedureCode, businessDate, channel) and changes it in the same transaction as the
 * payment that moves it, so a report never scans payments and never counts one twice.
 *
 * Contract the storage layer honours (the functions below compute the deltas; storage applies them
 * with atomic ADDs, and may shard a hot counter: records with the same key are summed by readers):
 *
 * 1. A payment counts when it succeeds: ONLINE_PAYMENT_SUCCEEDED for a provider's success (callback,
 *    mop-up, reconciliation AUTO_APPLIED, a late success), COUNTER_PAYMENT_RECORDED for a counter
 *    payment. Each adds +1 payment transaction and +amount on the payment's own key: its agency,
 *    procedure, business date (provider payment time / paidAt in UTC+7) and channel.
 * 2. A dossier counts once however many payments it has. Storage emits `firstSuccessOfDossier: true`
 *    only for a success while no other counted success of the dossier stands (its first, or the
 *    first after all earlier ones were reversed), decided by a conditional write on a per-dossier
 *    guard, and records on that payment that it carries the dossier's count. Only that payment's
 *    key gets dossiersPaid +1, so the dossier is attributed to the channel and date of its earliest
 *    standing counted success.
 * 3. A second success for an already paid dossier that is kept as a duplicate for refund is not a
 *    fact at all: it produces no delta, and neither does its refund.
 * 4. A reversal or refund of a counted payment (PAYMENT_REVERSED) subtracts exactly what its success
 *    added, on the success's key (its original business date and channel, not the refund's date),
 *    because a reversed collection does not count. If the payment carried its dossier's count, the
 *    count leaves with it, and passes to `dossierCountHeir` (the earliest remaining counted success
 *    of that dossier, which storage then marks as the carrier) when there is one.
 * 5. A partial refund of a counted payment (PAYMENT_PARTLY_REFUNDED) keeps it counted and takes the
 *    refunded amount off its success's key, so the amount stays net; a full refund is a
 *    PAYMENT_REVERSED of what is still counted (the payment's amount less its earlier partial refunds).
 * 6. Dossiers whose fees are all zero never create payments, so they never reach a counter; a fact
 *    with a zero amount is refused as a bug.
 */
export type ReportChannel = 'ONLINE' | 'OFFLINE';

export const REPORT_CHANNELS: readonly ReportChannel[] = ['ONLINE', 'OFFLINE'];

export interface CounterKey {
  readonly agencyCode: string;
  readonly procedureCode: string;
  readonly businessDate: BusinessDate;
  readonly channel: ReportChannel;
}

export interface CounterValues {
  readonly paymentTransactions: number;
  readonly amount: AmountVnd;
  readonly dossiersPaid: number;
}

/** One stored counter (or one shard of it). */
export type ReportCounter = CounterKey & CounterValues;

/** A signed change to one counter; storage applies each field with an atomic ADD. */
export type CounterDelta = CounterKey & CounterValues;

/** What a counted payment contributes, whichever way it was paid. */
export interface CountedPayment {
  readonly agencyCode: string;
  readonly procedureCode: string;
  /** The payment's business date: provider payment time or counter paidAt, in UTC+7. */
  readonly businessDate: BusinessDate;
  readonly amount: AmountVnd;
}

export type ReportFact =
  | {
      readonly type: 'ONLINE_PAYMENT_SUCCEEDED';
      readonly payment: CountedPayment;
      readonly firstSuccessOfDossier: boolean;
    }
  | {
      readonly type: 'COUNTER_PAYMENT_RECORDED';
      readonly payment: CountedPayment;
      readonly firstSuccessOfDossier: boolean;
    }
  | {
      readonly type: 'PAYMENT_REVERSED';
      /** The channel of the reversed success. */
      readonly channel: ReportChannel;
      readonly payment: CountedPayment;
      /** True when the reversed payment carried its dossier's count (rule 2). */
      readonly carriedDossierCount: boolean;
      /** The key of the dossier's earliest remaining counted success, if any (rule 4). */
      readonly dossierCountHeir: CounterKey | null;
    }
  | {
      readonly type: 'PAYMENT_PARTLY_REFUNDED';
      /** The channel of the refunded success. */
      readonly channel: ReportChannel;
      /** The success's key, with the amount refunded now (not the payment's amount). */
      readonly payment: CountedPayment;
    };

/** The counter deltas a fact produces; empty deltas are left out. */
export function counterDeltasFor(fact: ReportFact): CounterDelta[] {
  assertCountedPayment(fact.payment);
  switch (fact.type) {
    case 'ONLINE_PAYMENT_SUCCEEDED':
      return [successDelta(fact.payment, 'ONLINE', fact.firstSuccessOfDossier)];
    case 'COUNTER_PAYMENT_RECORDED':
      return [successDelta(fact.payment, 'OFFLINE', fact.firstSuccessOfDossier)];
    case 'PAYMENT_REVERSED': {
      const success = successDelta(fact.payment, fact.channel, fact.carriedDossierCount);
      const deltas: CounterDelta[] = [negate(success)];
      if (fact.carriedDossierCount && fact.dossierCountHeir) {
        deltas.push({ ...keyOf(fact.dossierCountHeir), paymentTransactions: 0, amount: 0, dossiersPaid: 1 });
      }
      return mergeSameKey(deltas);
    }
    case 'PAYMENT_PARTLY_REFUNDED':
      return [{ ...negate(successDelta(fact.payment, fact.channel, false)), paymentTransactions: 0 }];
  }
}

/** Applies deltas to a list of counters (what an in-memory store or a test does). */
export function applyCounterDeltas(counters: readonly ReportCounter[], deltas: readonly CounterDelta[]): ReportCounter[] {
  const byKey = new Map<string, ReportCounter>();
  for (const counter of counters) addInto(byKey, counter);
  for (const delta of deltas) addInto(byKey, delta);
  return [...byKey.values()];
}

/** A stable text form of a key, for maps (not a storage key format). */
export function counterKeyId(key: CounterKey): string {
  return [key.agencyCode, key.procedureCode, key.businessDate, key.channel].join('\u001f');
}

function successDelta(payment: CountedPayment, channel: ReportChannel, countsDossier: boolean): CounterDelta {
  return {
    agencyCode: payment.agencyCode,
    procedureCode: payment.procedureCode,
    businessDate: payment.businessDate,
    channel,
    paymentTransactions: 1,
    amount: payment.amount,
    dossiersPaid: countsDossier ? 1 : 0,
  };
}

function negate(delta: CounterDelta): CounterDelta {
  // `0 - x` rather than `-x` so a zero stays 0, not -0, in stored and compared values.
  return { ...delta, paymentTransactions: 0 - delta.paymentTransactions, amount: 0 - delta.amount, dossiersPaid: 0 - delta.dossiersPaid };
}

function keyOf(key: CounterKey): CounterKey {
  return { agencyCode: key.agencyCode, procedureCode: key.procedureCode, businessDate: key.businessDate, channel: key.channel };
}

// A reversal whose heir shares its key (same day and channel) nets to a smaller single delta.
function mergeSameKey(deltas: readonly CounterDelta[]): CounterDelta[] {
  const byKey = new Map<string, ReportCounter>();
  for (const delta of deltas) addInto(byKey, delta);
  return [...byKey.values()].filter((d) => d.paymentTransactions !== 0 || d.amount !== 0 || d.dossiersPaid !== 0);
}

function addInto(byKey: Map<string, ReportCounter>, change: ReportCounter): void {
  const id = counterKeyId(change);
  const current = byKey.get(id);
  const next: ReportCounter = current
    ? {
        ...current,
        paymentTransactions: current.paymentTransactions + change.paymentTransactions,
        amount: current.amount + change.amount,
        dossiersPaid: current.dossiersPaid + change.dossiersPaid,
      }
    : { ...keyOf(change), paymentTransactions: change.paymentTransactions, amount: change.amount, dossiersPaid: change.dossiersPaid };
  if (!Number.isSafeInteger(next.amount)) throw new RangeError('counter amount exceeds the safe integer range');
  byKey.set(id, next);
}

function assertCountedPayment(payment: CountedPayment): void {
  if (!Number.isSafeInteger(payment.amount) || payment.amount <= 0) {
    // Zero-fee dossiers never create payments; a zero or fractional amount here is a bug upstream.
    throw new RangeError(`a counted payment needs a positive whole VND amount, got ${String(payment.amount)}`);
  }
  if (!isBusinessDate(payment.businessDate)) throw new RangeError(`not a business date: ${payment.businessDate}`);
  if (payment.agencyCode === '' || payment.procedureCode === '') throw new RangeError('a counted payment needs agency and procedure codes');
}

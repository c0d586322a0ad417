import type { CounterCollection } from './issue-receipt';

/**
 * The outbox message a counter payment writes in its own transaction, so its e-receipt is issued
 * off the payment-events queue like an online payment's: recorded once, issued exactly once, and a
 * crash after the commit cannot leave a counter payment without its receipt.
 */
export const COUNTER_PAYMENT_RECORDED = 'CounterPaymentRecorded';

export interface CounterPaymentRecordedMessage extends CounterCollection {
  readonly type: typeof COUNTER_PAYMENT_RECORDED;
}

export function counterPaymentRecordedMessageId(counterPaymentId: string): string {
  return `${COUNTER_PAYMENT_RECORDED}:${counterPaymentId}`;
}

import type { RefundAnswer, RefundEffects } from '../../domain/refunds/refund-answer';
import type { TransactWriteItem } from '../adapters/dynamodb/transact-write';
import { PAYMENT_EVENTS_QUEUE } from '../callbacks/apply-provider-report';
import { caseActionWrites } from '../cases/case-records';
import { outboxPut } from '../outbox/outbox-record';
import { paymentKey } from '../payments/payment-items';
import { receiptRefundWrite } from '../receipts/receipt-repository';
import { counterUpdateItems, shardOfPayment } from '../reports/report-counter-repository';
import { refundKey } from './refund-items';

/**
 * The one writer of a refund answer's effects (domain/refunds/refund-answer.ts): every effect as an
 * item of ONE TransactWriteItems, in this order, each conditioned on what the decision read —
 *   0  the answer's dedupe record (new: a repeated or racing answer stops here)
 *   1  the refund's move (still in `from`), out of the SUBMITTED index
 *   2  the payment's totals (still the befores) and its history event
 *   …  the report counters (ADDs, on the shard its success went to), the receipt (still as read), the
 *      case (still REFUND_DUE with as many trail entries), the PaymentRefunded outbox record.
 * A refused condition at 0 is a duplicate; anywhere else, something changed since the read and the
 * caller decides again on what is there now. No closures add writes: the decision says everything.
 */
const RETENTION_SECONDS = 90 * 24 * 60 * 60;
export const DEDUPE_ITEM = 0;

export function refundAnswerDedupeKey(answer: Pick<RefundAnswer, 'provider' | 'eventId'>) {
  return { pk: `CALLBACK#${answer.provider}#refund:${answer.eventId}`, sk: 'CALLBACK' };
}

export function refundAnswerDedupeWrite(tableName: string, answer: RefundAnswer, outcome: string, now: Date): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...refundAnswerDedupeKey(answer),
        entity: 'CALLBACK',
        provider: answer.provider,
        eventId: answer.eventId,
        paymentId: answer.paymentId,
        refundId: answer.refundId,
        providerRefundId: answer.providerRefundId,
        status: answer.status,
        outcome,
        receivedAt: now.toISOString(),
        expiresAtEpoch: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function refundEffectsWrites(tableName: string, answer: RefundAnswer, effects: RefundEffects, now: Date): TransactWriteItem[] {
  const { refund, payment } = effects;
  const setRefund: Record<string, unknown> = { status: refund.to, ...refund.set };
  const names: Record<string, string> = { '#events': 'events' };
  const values: Record<string, unknown> = { ':from': refund.from, ':event': [refund.event] };
  const assignments = ['#events = list_append(#events, :event)'];
  Object.entries(setRefund).forEach(([name, value], i) => {
    names[`#r${i}`] = name;
    values[`:r${i}`] = value;
    assignments.push(`#r${i} = :r${i}`);
  });
  names['#status'] = 'status';

  const writes: TransactWriteItem[] = [
    refundAnswerDedupeWrite(tableName, answer, effects.outcome, now),
    {
      Update: {
        TableName: tableName,
        Key: refundKey(refund.paymentId, refund.refundId),
        UpdateExpression: `SET ${assignments.join(', ')} REMOVE gsi2pk, gsi2sk`,
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: paymentKey(payment.paymentId),
        UpdateExpression: 'SET refundsReserved = :reservedAfter, refundedAmount = :refundedAfter, #events = list_append(#events, :event), updatedAt = :at',
        ConditionExpression: `refundsReserved = :reservedBefore AND ${payment.refundedBefore === 0 ? '(attribute_not_exists(refundedAmount) OR refundedAmount = :refundedBefore)' : 'refundedAmount = :refundedBefore'}`,
        ExpressionAttributeNames: { '#events': 'events' },
        ExpressionAttributeValues: {
          ':reservedBefore': payment.reservedBefore,
          ':reservedAfter': payment.reservedAfter,
          ':refundedBefore': payment.refundedBefore,
          ':refundedAfter': payment.refundedAfter,
          ':event': [payment.event],
          ':at': payment.event.at,
        },
      },
    },
    // On the shard its success went to, so every shard of a counter stays a true count on its own.
    ...counterUpdateItems(tableName, effects.counterDeltas, shardOfPayment(payment.paymentId)),
  ];
  if (effects.receipt) writes.push(receiptRefundWrite(tableName, effects.receipt.before, effects.receipt.after));
  if (effects.caseResolved) {
    const at = payment.event.at;
    writes.push(
      ...caseActionWrites(tableName, effects.caseResolved, { action: 'REFUNDED', note: null, by: 'refund', at, status: 'RESOLVED' }, { action: 'REFUNDED', note: null, by: 'refund', at, effect: 'REFUNDED' }),
    );
  }
  if (effects.outbox) writes.push(outboxPut(tableName, { messageId: effects.outbox.eventId, queue: PAYMENT_EVENTS_QUEUE, body: effects.outbox }, now));
  return writes;
}

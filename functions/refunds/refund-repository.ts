import { TransactionCanceledException, type AttributeValue, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Refund } from '../../domain/refunds/refund';
import type { RefundRequestDecision } from '../../domain/refunds/refund-request';
import { toVietnamIso } from '../../domain/shared/business-date';
import { queryAll } from '../adapters/dynamodb/query-all';
import { retryPause, type TransactWriteItem } from '../adapters/dynamodb/transact-write';
import { paymentKey } from '../payments/payment-items';
import { CREATE_TRANSACTION_TRIES, IDEMPOTENCY_RETENTION_SECONDS } from '../payments/payment-request-repository';
import { REFUND_SK_PREFIX, refundIdempotencyKey, refundItem, refundKey, SUBMITTED_PARTITION, toRefund } from './refund-items';

/**
 * Refunds as stored (refund-items.ts): reading a payment's refunds, and asking for a new one in ONE
 * transaction — the key's record, the SUBMITTED refund, and the payment's reserve moved from what the
 * decision read to what it adds — conditioned on the reserve still being what was read. Two officers
 * with the same refundAmountAvailable: one transaction commits, the other's payment condition fails
 * and it decides again on what is there now (a mismatch). Eight clicks with one key: one commits,
 * the others find the key's record and replay it.
 */
export interface RefundKeyRecord {
  readonly fingerprint: string;
  readonly paymentId: string;
  readonly refundId: string;
}

export type CreateRefundOutcome =
  | { readonly kind: 'CREATED'; readonly refund: Refund }
  /** The key is live: it already asked for a refund (this request or another). Nothing written. */
  | { readonly kind: 'KEY_TAKEN'; readonly record: RefundKeyRecord }
  /** The payment's reserve (or status) is no longer what the decision read. Nothing written. */
  | { readonly kind: 'PAYMENT_CHANGED' }
  /** Another transaction on the same key was in flight at every try. Nothing written. */
  | { readonly kind: 'KEY_BUSY' };

const KEY_ITEM = 0;
const PAYMENT_ITEM = 2;

export class DynamoDbRefundRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A payment's refunds, oldest first (refund ids are time-ordered). */
  async listRefunds(paymentId: string): Promise<Refund[]> {
    const items = await queryAll<Record<string, unknown>>(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': paymentKey(paymentId).pk, ':prefix': REFUND_SK_PREFIX },
      ConsistentRead: true,
    });
    return items.map(toRefund);
  }

  async getRefund(paymentId: string, refundId: string): Promise<Refund | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: refundKey(paymentId, refundId), ConsistentRead: true }));
    return Item ? toRefund(Item) : undefined;
  }

  /** SUBMITTED refunds asked for before `createdBefore`, oldest first (the mop-up's list). */
  async listSubmittedBefore(createdBefore: Date, limit = 500): Promise<Refund[]> {
    const items = await queryAll<Record<string, unknown>>(
      this.doc,
      {
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
        ExpressionAttributeValues: { ':pk': SUBMITTED_PARTITION, ':before': createdBefore.toISOString() },
      },
      limit,
    );
    return items.map(toRefund);
  }

  /** The live record of a key, if any; a record past its retention counts as none. */
  async findKey(caller: string, key: string, now: Date): Promise<RefundKeyRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: refundIdempotencyKey(caller, key), ConsistentRead: true }));
    if (!Item || (Item.expiresAtEpoch as number) < epochSeconds(now)) return undefined;
    return { fingerprint: Item.fingerprint as string, paymentId: Item.paymentId as string, refundId: Item.refundId as string };
  }

  async createRefund(
    accepted: Extract<RefundRequestDecision, { kind: 'ACCEPTED' }>,
    request: { caller: string; key: string; fingerprint: string },
    alsoWrites: readonly TransactWriteItem[] = [],
  ): Promise<CreateRefundOutcome> {
    const { refund } = accepted;
    const now = new Date(refund.createdAt);
    const nowEpoch = epochSeconds(now);
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...refundIdempotencyKey(request.caller, request.key),
            entity: 'REFUND_KEY',
            fingerprint: request.fingerprint,
            paymentId: refund.paymentId,
            refundId: refund.refundId,
            createdAt: refund.createdAt,
            expiresAtEpoch: nowEpoch + IDEMPOTENCY_RETENTION_SECONDS,
          },
          // A key past its retention is free again even before TTL has deleted its record.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAtEpoch < :nowEpoch',
          ExpressionAttributeValues: { ':nowEpoch': nowEpoch },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { Put: { TableName: this.tableName, Item: refundItem(refund), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          TableName: this.tableName,
          Key: paymentKey(refund.paymentId),
          UpdateExpression: 'SET refundsReserved = :after, #events = list_append(#events, :event), updatedAt = :now',
          // The reserve as the decision read it is what makes refundAmountAvailable true (refund-summary.ts).
          ConditionExpression:
            '#status = :succeeded AND attribute_not_exists(reversal) AND ' +
            (accepted.reservedBefore === 0 ? '(attribute_not_exists(refundsReserved) OR refundsReserved = :before)' : 'refundsReserved = :before'),
          ExpressionAttributeNames: { '#status': 'status', '#events': 'events' },
          ExpressionAttributeValues: {
            ':after': accepted.reservedAfter,
            ':before': accepted.reservedBefore,
            ':succeeded': 'SUCCEEDED',
            ':event': [{ type: 'RefundSubmitted', at: toVietnamIso(now), refundId: refund.refundId, amount: refund.amount, by: refund.createdBy }],
            ':now': toVietnamIso(now),
          },
        },
      },
      ...alsoWrites,
    ];
    for (let attempt = 0; ; attempt++) {
      const reasons = await this.tryTransaction(items);
      if (reasons === undefined) return { kind: 'CREATED', refund };
      const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
      // The key first: a request seen before is answered from its record, whatever the payment says now.
      if (failed(KEY_ITEM)) {
        const record = recordOf(reasons[KEY_ITEM]?.Item) ?? (await this.findKey(request.caller, request.key, now));
        if (record) return { kind: 'KEY_TAKEN', record };
      } else if (failed(PAYMENT_ITEM)) {
        return { kind: 'PAYMENT_CHANGED' };
      } else if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) {
        throw new Error(`a write of refund ${refund.refundId} was refused`);
      }
      if (attempt + 1 >= CREATE_TRANSACTION_TRIES) {
        if (reasons[KEY_ITEM]?.Code === 'TransactionConflict') return { kind: 'KEY_BUSY' };
        throw new Error(`could not create refund ${refund.refundId} after repeated transaction conflicts`);
      }
      await retryPause(attempt);
    }
  }

  /** Undefined when the transaction committed; the reason of each item when it was cancelled. */
  private async tryTransaction(items: readonly TransactWriteItem[]): Promise<readonly CancellationReason[] | undefined> {
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: [...items] }));
      return undefined;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons) return error.CancellationReasons;
      throw error;
    }
  }
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

// Items that come back with a cancellation are in DynamoDB's own form (the document client translates answers, not errors).
function recordOf(item: Record<string, AttributeValue> | undefined): RefundKeyRecord | undefined {
  const fingerprint = item?.fingerprint?.S;
  const paymentId = item?.paymentId?.S;
  const refundId = item?.refundId?.S;
  return fingerprint && paymentId && refundId ? { fingerprint, paymentId, refundId } : undefined;
}

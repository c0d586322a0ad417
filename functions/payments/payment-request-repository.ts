import { TransactionCanceledException, type AttributeValue, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scopedCaller } from '../../domain/payments/idempotency';
import type { Payment } from '../../domain/payments/payment';
import { dossierKey, dossierNotPaid, getDossier, getPayment, paymentKey, pendingShard } from './payment-items';
import { retryPause, type TransactWriteItem } from '../adapters/dynamodb/transact-write';

/**
 * Tries of a creation's transaction in all, while it keeps meeting another in flight on its items
 * (a double click on the same key or dossier): about 1.3 s of growing pauses, well inside the
 * function's timeout, before the caller is told the key is in use (or, on the dossier, a 500).
 */
export const CREATE_TRANSACTION_TRIES = 8;
/** How long a completed key is remembered, as Stripe does (24 h). */
export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 60 * 60;

export interface IdempotencyScope {
  /** The caller's principal subject: keys of different callers never meet. */
  readonly caller: string;
  readonly key: string;
}

/** A key's record: the request it was first used for, and the payment that request made. */
export interface IdempotencyRecord {
  readonly fingerprint: string;
  readonly paymentId: string;
}

export type CreateOutcome =
  | { readonly kind: 'CREATED'; readonly payment: Payment }
  /** The key is live: it already made a payment (for this request or another one). Nothing written. */
  | { readonly kind: 'KEY_TAKEN'; readonly record: IdempotencyRecord }
  /** Another transaction on the same key was still in flight at every try. Nothing written. */
  | { readonly kind: 'KEY_BUSY' }
  | { readonly kind: 'DOSSIER_ALREADY_PAID'; readonly paidPaymentId: string }
  | { readonly kind: 'DOSSIER_PROCEDURE_MISMATCH'; readonly procedureCode: string };

const IDEMPOTENCY_SK = 'IDEMPOTENCY';
/** The three items of a creation, in transaction order (cancellation reasons come in this order). */
const KEY_ITEM = 0;
const PAYMENT_ITEM = 1;
const DOSSIER_ITEM = 2;

const keyNotTaken = 'attribute_not_exists(pk)';
const keyForgotten = 'expiresAtEpoch < :nowEpoch';
const dossierOfThisProcedure = '(attribute_not_exists(procedureCode) OR procedureCode = :procedureCode)';

/**
 * Creating payment requests: the new PENDING payment with its idempotency record and dossier guard
 * (the items are described in payment-items.ts). It is a repository of its own, apart from the one
 * that moves and reads payments afterwards (payment-repository.ts), because only the CreatePayment
 * function creates payments: its bundle carries this class and not the other, and no other
 * function's bundle carries this one.
 */
export class DynamoDbPaymentRequestRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The live record of a key, if any; a record past its retention counts as none. */
  async findIdempotencyRecord(scope: IdempotencyScope, now: Date): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: idempotencyKey(scope), ConsistentRead: true }));
    if (!Item || (Item.expiresAtEpoch as number) < epochSeconds(now)) return undefined;
    return { fingerprint: Item.fingerprint as string, paymentId: Item.paymentId as string };
  }

  /**
   * Stores a new PENDING payment in ONE transaction with its key's record and the dossier guard:
   * either the key points at the payment, the payment exists and the dossier counts the attempt, or
   * nothing was written. This is the whole happy path of a creation, one round trip.
   *
   * When the transaction is refused, the cancellation says which condition failed, and the refused
   * items come back with it (ReturnValuesOnConditionCheckFailure), so the answer needs no read: a live
   * key (KEY_TAKEN, with what it was used for), a paid dossier, or a dossier of another procedure. A
   * conflict with another transaction in flight on the same items (a double click) is tried again;
   * once that one commits, this one meets its key.
   */
  async createPayment(payment: Payment, request: { scope: IdempotencyScope; fingerprint: string }): Promise<CreateOutcome> {
    const nowEpoch = epochSeconds(new Date(payment.createdAt));
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...idempotencyKey(request.scope),
            entity: 'IDEMPOTENCY',
            fingerprint: request.fingerprint,
            paymentId: payment.paymentId,
            createdAt: payment.createdAt,
            expiresAtEpoch: nowEpoch + IDEMPOTENCY_RETENTION_SECONDS,
          },
          // A key past its retention is free again even before TTL has deleted its record.
          ConditionExpression: `${keyNotTaken} OR ${keyForgotten}`,
          ExpressionAttributeValues: { ':nowEpoch': nowEpoch },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { Put: { TableName: this.tableName, Item: paymentItem(payment), ConditionExpression: keyNotTaken } },
      {
        Update: {
          TableName: this.tableName,
          Key: dossierKey(payment.dossierId),
          UpdateExpression:
            'SET dossierId = :dossierId, procedureCode = if_not_exists(procedureCode, :procedureCode), agencyCode = if_not_exists(agencyCode, :agencyCode), ' +
            'createdAt = if_not_exists(createdAt, :now), updatedAt = :now, lastPaymentId = :paymentId, entity = :entity ADD attempts :one',
          ConditionExpression: `${dossierNotPaid} AND ${dossierOfThisProcedure}`,
          ExpressionAttributeValues: {
            ':dossierId': payment.dossierId,
            ':procedureCode': payment.procedureCode,
            ':agencyCode': payment.agencyCode,
            ':now': payment.createdAt,
            ':paymentId': payment.paymentId,
            ':entity': 'DOSSIER',
            ':one': 1,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ];
    for (let attempt = 0; ; attempt++) {
      const reasons = await this.tryTransaction(items);
      if (reasons === undefined) return { kind: 'CREATED', payment };
      const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
      // The key first: a request seen before is answered from its record, whatever the dossier says now.
      if (failed(KEY_ITEM)) {
        const record = recordOf(reasons[KEY_ITEM]?.Item) ?? (await this.findIdempotencyRecord(request.scope, new Date(payment.createdAt)));
        if (record) return { kind: 'KEY_TAKEN', record };
      } else if (failed(PAYMENT_ITEM)) {
        throw new Error(`payment id ${payment.paymentId} is already taken`);
      } else if (failed(DOSSIER_ITEM)) {
        const dossier = dossierOf(reasons[DOSSIER_ITEM]?.Item) ?? (await getDossier(this.doc, this.tableName, payment.dossierId));
        if (dossier?.paidPaymentId) return { kind: 'DOSSIER_ALREADY_PAID', paidPaymentId: dossier.paidPaymentId };
        if (dossier?.procedureCode && dossier.procedureCode !== payment.procedureCode) return { kind: 'DOSSIER_PROCEDURE_MISMATCH', procedureCode: dossier.procedureCode };
      }
      if (attempt + 1 >= CREATE_TRANSACTION_TRIES) {
        // A conflict on the key at the last try: another request with it is still in flight.
        if (reasons[KEY_ITEM]?.Code === 'TransactionConflict') return { kind: 'KEY_BUSY' };
        throw new Error(`could not create payment ${payment.paymentId} after repeated transaction conflicts`);
      }
      // A conflict with another transaction in flight, or a condition that failed a moment ago and
      // holds no more (a record that just expired): try again.
      await retryPause(attempt);
    }
  }

  /** The payment a key's record points at, for answering a replay. */
  async getPayment(paymentId: string): Promise<Payment | undefined> {
    return getPayment(this.doc, this.tableName, paymentId);
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

/** A new payment as stored (its keys and the PENDING index keys beside it); exported for bench/reconcile.ts. */
export function paymentItem(payment: Payment): Record<string, unknown> {
  const createdAtUtc = new Date(payment.createdAt).toISOString();
  const expiresAt = new Date(payment.expiresAt);
  return {
    ...payment,
    ...paymentKey(payment.paymentId),
    entity: 'PAYMENT',
    gsi1pk: `DOSSIER#${payment.dossierId}`,
    gsi1sk: `PAYMENT#${createdAtUtc}#${payment.paymentId}`,
    gsi2pk: `PENDING#${pendingShard(payment.paymentId)}`,
    gsi2sk: `${expiresAt.toISOString()}#${payment.paymentId}`,
    // The payable deadline in milliseconds, for write conditions. Not the TTL attribute: a payment
    // is money and is never deleted by TTL.
    expiresAtMs: expiresAt.getTime(),
  };
}

function idempotencyKey(scope: IdempotencyScope) {
  return { pk: `IDEMPOTENCY#${scopedCaller(scope.caller)}#${scope.key}`, sk: IDEMPOTENCY_SK };
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

// The items that come back with a cancellation are in DynamoDB's own form (the document client
// translates answers, not errors); only a few string attributes are needed from them.
function recordOf(item: Record<string, AttributeValue> | undefined): IdempotencyRecord | undefined {
  const fingerprint = item?.fingerprint?.S;
  const paymentId = item?.paymentId?.S;
  return fingerprint && paymentId ? { fingerprint, paymentId } : undefined;
}

function dossierOf(item: Record<string, AttributeValue> | undefined): { paidPaymentId?: string; procedureCode?: string } | undefined {
  if (!item) return undefined;
  return { ...(item.paidPaymentId?.S ? { paidPaymentId: item.paidPaymentId.S } : {}), ...(item.procedureCode?.S ? { procedureCode: item.procedureCode.S } : {}) };
}

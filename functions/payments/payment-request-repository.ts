import { createHash, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Payment } from '../../domain/payments/payment';
import { toVietnamIso } from '../../domain/shared/business-date';
import {
  dossierKey,
  dossierNotPaid,
  getDossier,
  getPayment,
  MAX_TRANSACTION_ATTEMPTS,
  paymentKey,
  pendingShard,
} from './payment-items';
import { retryPause, transactWrite, type TransactWriteItem } from '../adapters/dynamodb/transact-write';

/** How long an unfinished first request holds its key; longer than the create function's timeout. */
export const IDEMPOTENCY_LEASE_MS = 30_000;
/** How long a completed key is remembered, as Stripe does (24 h). */
export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 60 * 60;

export interface IdempotencyScope {
  /** The caller's principal subject: keys of different callers never meet. */
  readonly caller: string;
  readonly key: string;
}

export type IdempotencyRecord =
  | { readonly status: 'IN_PROGRESS'; readonly fingerprint: string; readonly leaseExpiresAtMs: number }
  | { readonly status: 'COMPLETED'; readonly fingerprint: string; readonly paymentId: string };

export type ClaimOutcome =
  | { readonly kind: 'CLAIMED'; readonly claimToken: string }
  | { readonly kind: 'EXISTING'; readonly record: IdempotencyRecord };

export type CreateOutcome =
  | { readonly kind: 'CREATED'; readonly payment: Payment }
  | { readonly kind: 'DOSSIER_ALREADY_PAID'; readonly paidPaymentId: string }
  | { readonly kind: 'DOSSIER_PROCEDURE_MISMATCH'; readonly procedureCode: string }
  /** Another request took the key over after this one's lease ran out. */
  | { readonly kind: 'CLAIM_LOST' };

const IDEMPOTENCY_SK = 'IDEMPOTENCY';

const keyNotTaken = 'attribute_not_exists(pk)';
const keyForgotten = 'expiresAtEpoch < :nowEpoch';
const leaseRunOut = '(#status = :inProgress AND leaseExpiresAtMs < :nowMs)';
const heldByThisClaim = '#status = :inProgress AND claimToken = :claimToken';
const dossierOfThisProcedure = '(attribute_not_exists(procedureCode) OR procedureCode = :procedureCode)';

/**
 * Creating payment requests: the idempotency records of a caller's keys, and the new PENDING payment
 * with its dossier guard (the items are described in payment-items.ts). It is a repository of its own,
 * apart from the one that moves and reads payments afterwards (payment-repository.ts), because only the
 * CreatePayment function creates payments: its bundle carries this class and not the other, and no
 * other function's bundle carries this one.
 */
export class DynamoDbPaymentRequestRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // ------------------------------------------------------------------------------------------
  // Idempotency keys

  /** The live record of a key, if any; a record past its retention counts as none. */
  async findIdempotencyRecord(scope: IdempotencyScope, now: Date): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: idempotencyKey(scope), ConsistentRead: true }));
    if (!Item || (Item.expiresAtEpoch as number) < epochSeconds(now)) return undefined;
    return Item.status === 'COMPLETED'
      ? { status: 'COMPLETED', fingerprint: Item.fingerprint as string, paymentId: Item.paymentId as string }
      : { status: 'IN_PROGRESS', fingerprint: Item.fingerprint as string, leaseExpiresAtMs: Item.leaseExpiresAtMs as number };
  }

  /**
   * Takes a key for one request. Free keys, forgotten keys and keys whose first request died
   * without finishing (lease run out) can be taken; otherwise the record that holds it is returned.
   */
  async claimIdempotencyKey(scope: IdempotencyScope, fingerprint: string, now: Date): Promise<ClaimOutcome> {
    const claimToken = randomUUID();
    for (let attempt = 0; attempt < MAX_TRANSACTION_ATTEMPTS; attempt++) {
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...idempotencyKey(scope),
              entity: 'IDEMPOTENCY',
              status: 'IN_PROGRESS',
              fingerprint,
              claimToken,
              leaseExpiresAtMs: now.getTime() + IDEMPOTENCY_LEASE_MS,
              createdAt: toVietnamIso(now),
              expiresAtEpoch: epochSeconds(now) + IDEMPOTENCY_RETENTION_SECONDS,
            },
            ConditionExpression: `${keyNotTaken} OR ${keyForgotten} OR ${leaseRunOut}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':nowEpoch': epochSeconds(now), ':nowMs': now.getTime(), ':inProgress': 'IN_PROGRESS' },
          }),
        );
        return { kind: 'CLAIMED', claimToken };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) && !isTransactionConflict(error)) throw error;
      }
      const record = await this.findIdempotencyRecord(scope, now);
      if (record) return { kind: 'EXISTING', record };
      // The holder vanished between the two reads (its record was just released): try again.
    }
    throw new Error('could not claim an idempotency key after repeated conflicts');
  }

  /** Gives a key back after a refusal or a fault, so the caller's retry is not told "in use". */
  async releaseIdempotencyKey(scope: IdempotencyScope, claimToken: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: idempotencyKey(scope),
          ConditionExpression: heldByThisClaim,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':claimToken': claimToken },
        }),
      );
    } catch (error) {
      // Someone else holds the key now, or it completed: either way it is not ours to delete.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Creating payments

  /**
   * Stores a new PENDING payment in one transaction with the key's completion and the dossier guard:
   * either the key points at the payment, the payment exists and the dossier counts the attempt,
   * or nothing was written. A paid dossier, or a dossier of another procedure, refuses the payment.
   */
  async createPayment(payment: Payment, claim: { scope: IdempotencyScope; claimToken: string }): Promise<CreateOutcome> {
    const now = payment.createdAt;
    const items: TransactWriteItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: idempotencyKey(claim.scope),
          UpdateExpression: 'SET #status = :completed, paymentId = :paymentId REMOVE claimToken, leaseExpiresAtMs',
          ConditionExpression: heldByThisClaim,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':completed': 'COMPLETED', ':paymentId': payment.paymentId, ':inProgress': 'IN_PROGRESS', ':claimToken': claim.claimToken },
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
            ':now': now,
            ':paymentId': payment.paymentId,
            ':entity': 'DOSSIER',
            ':one': 1,
          },
        },
      },
    ];
    for (let attempt = 0; attempt < MAX_TRANSACTION_ATTEMPTS; attempt++) {
      const failed = await transactWrite(this.doc, items);
      if (failed === undefined) return { kind: 'CREATED', payment };
      if (failed === 0) return { kind: 'CLAIM_LOST' };
      if (failed === 1) throw new Error(`payment id ${payment.paymentId} is already taken`);
      if (failed === 2) {
        const dossier = await getDossier(this.doc, this.tableName, payment.dossierId);
        if (dossier?.paidPaymentId) return { kind: 'DOSSIER_ALREADY_PAID', paidPaymentId: dossier.paidPaymentId };
        if (dossier && dossier.procedureCode !== payment.procedureCode) return { kind: 'DOSSIER_PROCEDURE_MISMATCH', procedureCode: dossier.procedureCode };
      }
      // A transaction conflict on the dossier (another attempt for it at the same moment): retry.
      await retryPause(attempt);
    }
    throw new Error(`could not create payment ${payment.paymentId} after repeated transaction conflicts`);
  }

  /** The payment a completed key points at, for answering a replay. */
  async getPayment(paymentId: string): Promise<Payment | undefined> {
    return getPayment(this.doc, this.tableName, paymentId);
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

/** Callers' subjects are URL-encoded so no subject can forge another's key; very long ones are hashed. */
function idempotencyKey(scope: IdempotencyScope) {
  const encoded = encodeURIComponent(scope.caller);
  const caller = encoded.length <= 200 ? encoded : `sha256:${createHash('sha256').update(scope.caller).digest('base64url')}`;
  return { pk: `IDEMPOTENCY#${caller}#${scope.key}`, sk: IDEMPOTENCY_SK };
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function isTransactionConflict(error: unknown): boolean {
  return error instanceof Error && error.name === 'TransactionConflictException';
}

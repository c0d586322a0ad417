import { createHash, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Payment, PaymentEvent, ReconciliationNote } from '../../domain/payments/payment';
import { transition, statusesThatMayBecome, type PaymentStatus } from '../../domain/payments/payment-state-machine';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { businessDateOf, toVietnamIso } from '../../domain/shared/business-date';
import type { AmountVnd } from '../../domain/shared/money';
import { queryAll } from '../adapters/dynamodb/query-all';

/**
 * Payments, their dossiers' guards and the idempotency records of payment requests, in the service
 * table. Items:
 *
 *   payment       pk PAYMENT#<paymentId>                 sk PAYMENT
 *                 gsi1pk DOSSIER#<dossierId>             gsi1sk PAYMENT#<createdAt, UTC ISO>#<paymentId>
 *                 while PENDING:   gsi2pk PENDING#<shard 0..7>                gsi2sk <expiresAt, UTC ISO>#<paymentId>
 *                 once SUCCEEDED:  gsi2pk SUCCEEDED#<provider>#<businessDate> gsi2sk <paidAt, UTC ISO>#<paymentId>
 *                 (its history is the `events` list on the item, appended in the same write as each move)
 *   dossier guard pk DOSSIER#<dossierId>                 sk DOSSIER
 *                 procedureCode, agencyCode, attempts, lastPaymentId; paidPaymentId + paidAt once paid
 *   idempotency   pk IDEMPOTENCY#<caller>#<key>          sk IDEMPOTENCY
 *                 status IN_PROGRESS (claimToken, leaseExpiresAtMs) | COMPLETED (paymentId),
 *                 fingerprint, expiresAtEpoch (TTL: the only item here that expires)
 *
 * Access patterns, each a GetItem or a Query:
 *   payment by id                              GetItem  PAYMENT#<id> / PAYMENT
 *   payments of a dossier, oldest first        Query    gsi1  gsi1pk = DOSSIER#<dossierId>
 *   is the dossier paid, and by which payment  GetItem  DOSSIER#<id> / DOSSIER (and a condition in every create)
 *   idempotency key of a caller → payment      GetItem  IDEMPOTENCY#<caller>#<key> / IDEMPOTENCY
 *   PENDING payments past their expiry         Query    gsi2  gsi2pk = PENDING#<s> AND gsi2sk <= now, for s in 0..7
 *   successes of a provider on a business day  Query    gsi2  gsi2pk = SUCCEEDED#<provider>#<date>, in paidAt order
 *                                              (streamed page by page for reconciliation: succeededPages)
 *   payments by id, in batches                 BatchGetItem  PAYMENT#<id> / PAYMENT, 100 at a time
 *
 * Reconciliation notes facts on a succeeded payment without moving it (the state machine has no edge
 * out of SUCCEEDED): `autoApplied` when its success came from a settlement file, `reversal` when the
 * provider reversed it. Each is set once, by a conditional write that also appends its event.
 * The PENDING index keys exist only while a payment is PENDING (every move out of PENDING removes
 * them), so the expiry job reads due payments and nothing else. They are spread over eight shards so
 * a peak of payment creations does not make one index partition hot.
 *
 * Every move of a payment is a conditional write on its current status (the state machine's table
 * decides which statuses may make each move), so two writers racing never both win.
 */
export const PENDING_SHARDS = 8;
/** How long an unfinished first request holds its key; longer than the create function's timeout. */
export const IDEMPOTENCY_LEASE_MS = 30_000;
/** How long a completed key is remembered, as Stripe does (24 h). */
export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 60 * 60;
const MAX_TRANSACTION_ATTEMPTS = 4;
const EXPIRY_PAGE_SIZE = 100;
const EXPIRY_PARALLELISM = 8;
const SUCCEEDED_PAGE_SIZE = 1_000;
const BATCH_GET_SIZE = 100;
const MAX_BATCH_ATTEMPTS = 8;

export type TransactWriteItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

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

export type NoteOutcome =
  | { readonly kind: 'RECORDED' }
  /** The same fact was recorded before (a re-run, a redelivered message). */
  | { readonly kind: 'ALREADY_RECORDED' }
  /** The payment is not SUCCEEDED (or, for AutoApplied, not with that provider transaction). */
  | { readonly kind: 'NOT_APPLICABLE' }
  | { readonly kind: 'UNKNOWN_PAYMENT' }
  | { readonly kind: 'ADDITIONAL_WRITE_REFUSED'; readonly writeIndex: number };

export type CancelOutcome =
  | { readonly kind: 'CANCELLED'; readonly payment: Payment }
  | { readonly kind: 'INVALID_STATE'; readonly status: PaymentStatus }
  | { readonly kind: 'NOT_FOUND' };

export interface DossierGuard {
  readonly dossierId: string;
  readonly procedureCode: string;
  readonly agencyCode: string;
  readonly attempts: number;
  readonly lastPaymentId: string;
  readonly paidPaymentId?: string;
  readonly paidAt?: string;
}

/** What a provider reported about a payment, once its protocol is verified and translated. */
export interface ProviderSuccess {
  readonly paymentId: string;
  readonly provider: ProviderName;
  readonly providerTxnId: string;
  readonly amount: AmountVnd;
  /** The provider's payment time; its UTC+7 date is the payment's business date. */
  readonly occurredAt: Date | string;
}

export interface ProviderFailure {
  readonly paymentId: string;
  readonly provider: ProviderName;
  readonly providerTxnId?: string;
  readonly occurredAt: Date | string;
  readonly reason?: string;
}

export interface TransitionOptions {
  /**
   * Writes that must commit with the move or not at all: a callback's dedupe record, report counters,
   * an outbox record. If one of their conditions fails nothing is written and the outcome says which.
   */
  readonly additionalWrites?: readonly TransactWriteItem[];
}

/** The move a success is about to commit, for writes that depend on it (counters, outbox, review). */
export interface SuccessEffect {
  readonly kind: 'APPLIED' | 'LATE_SUCCESS' | 'DUPLICATE_FOR_DOSSIER';
  /** The payment as it was read before the move. */
  readonly payment: Payment;
  readonly paidAt: string;
  readonly businessDate: string;
  readonly paidPaymentId?: string;
}

export interface SuccessOptions extends TransitionOptions {
  /**
   * Writes that depend on which move commits: called for each transaction attempted and added after
   * `additionalWrites` (so a refused one's writeIndex counts from the start of additionalWrites).
   */
  readonly writesFor?: (effect: SuccessEffect) => readonly TransactWriteItem[];
}

export type SuccessOutcome =
  | { readonly kind: 'APPLIED'; readonly payment: Payment }
  | { readonly kind: 'LATE_SUCCESS'; readonly payment: Payment; readonly previousStatus: PaymentStatus }
  /** The money came in, but another payment had already paid the dossier: kept for refund, counted once. */
  | { readonly kind: 'DUPLICATE_FOR_DOSSIER'; readonly payment: Payment; readonly paidPaymentId: string }
  /** Nothing written: the payment was SUCCEEDED already (the same provider transaction or another one). */
  | { readonly kind: 'ALREADY_SUCCEEDED'; readonly payment: Payment; readonly sameProviderTxn: boolean }
  | { readonly kind: 'UNKNOWN_PAYMENT' }
  | { readonly kind: 'ADDITIONAL_WRITE_REFUSED'; readonly writeIndex: number };

export type FailureOutcome =
  | { readonly kind: 'APPLIED'; readonly payment: Payment }
  /** Nothing written: the payment is no longer PENDING (a failure never undoes a success). */
  | { readonly kind: 'IGNORED'; readonly status: PaymentStatus }
  | { readonly kind: 'UNKNOWN_PAYMENT' }
  | { readonly kind: 'ADDITIONAL_WRITE_REFUSED'; readonly writeIndex: number };

const PAYMENT_SK = 'PAYMENT';
const DOSSIER_SK = 'DOSSIER';
const IDEMPOTENCY_SK = 'IDEMPOTENCY';
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'expiresAtMs', 'entity'] as const;

const keyNotTaken = 'attribute_not_exists(pk)';
const keyForgotten = 'expiresAtEpoch < :nowEpoch';
const leaseRunOut = '(#status = :inProgress AND leaseExpiresAtMs < :nowMs)';
const heldByThisClaim = '#status = :inProgress AND claimToken = :claimToken';
const dossierNotPaid = 'attribute_not_exists(paidPaymentId)';
const dossierOfThisProcedure = '(attribute_not_exists(procedureCode) OR procedureCode = :procedureCode)';

export class DynamoDbPaymentRepository {
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
  // Creating and reading payments

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
      { Put: { TableName: this.tableName, Item: this.paymentItem(payment), ConditionExpression: keyNotTaken } },
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
      const failed = await this.transact(items);
      if (failed === undefined) return { kind: 'CREATED', payment };
      if (failed === 0) return { kind: 'CLAIM_LOST' };
      if (failed === 1) throw new Error(`payment id ${payment.paymentId} is already taken`);
      if (failed === 2) {
        const dossier = await this.getDossier(payment.dossierId);
        if (dossier?.paidPaymentId) return { kind: 'DOSSIER_ALREADY_PAID', paidPaymentId: dossier.paidPaymentId };
        if (dossier && dossier.procedureCode !== payment.procedureCode) return { kind: 'DOSSIER_PROCEDURE_MISMATCH', procedureCode: dossier.procedureCode };
      }
      // A transaction conflict on the dossier (another attempt for it at the same moment): retry.
      await pause(attempt);
    }
    throw new Error(`could not create payment ${payment.paymentId} after repeated transaction conflicts`);
  }

  async getPayment(paymentId: string): Promise<Payment | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: paymentKey(paymentId), ConsistentRead: true }));
    return Item ? toPayment(Item) : undefined;
  }

  async listDossierPayments(dossierId: string): Promise<Payment[]> {
    const items = await queryAll<Record<string, unknown>>(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `DOSSIER#${dossierId}` },
    });
    return items.map(toPayment);
  }

  async getDossier(dossierId: string): Promise<DossierGuard | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: dossierKey(dossierId), ConsistentRead: true }));
    if (!Item) return undefined;
    return {
      dossierId: Item.dossierId as string,
      procedureCode: Item.procedureCode as string,
      agencyCode: Item.agencyCode as string,
      attempts: Item.attempts as number,
      lastPaymentId: Item.lastPaymentId as string,
      ...(Item.paidPaymentId ? { paidPaymentId: Item.paidPaymentId as string, paidAt: Item.paidAt as string } : {}),
    };
  }

  /** Successful payments of a provider on a business date, in payment-time order (reconciliation's side). */
  async listSucceeded(provider: ProviderName, businessDate: string): Promise<Payment[]> {
    const items = await queryAll<Record<string, unknown>>(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': `SUCCEEDED#${provider}#${businessDate}` },
    });
    return items.map(toPayment);
  }

  /**
   * The same successes as listSucceeded, one Query page at a time, so a day of any size is read in
   * bounded memory (reconciliation streams them into the matching engine).
   */
  async *succeededPages(provider: ProviderName, businessDate: string, pageSize = SUCCEEDED_PAGE_SIZE): AsyncGenerator<Payment[]> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': `SUCCEEDED#${provider}#${businessDate}` },
          Limit: pageSize,
          ExclusiveStartKey: startKey,
        }),
      );
      if (page.Items && page.Items.length > 0) yield page.Items.map(toPayment);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /** The payments with these ids that exist (any order); strongly consistent, 100 per request. */
  async getPayments(paymentIds: readonly string[]): Promise<Payment[]> {
    const found: Payment[] = [];
    const ids = [...new Set(paymentIds)];
    for (let start = 0; start < ids.length; start += BATCH_GET_SIZE) {
      let keys: Record<string, unknown>[] = ids.slice(start, start + BATCH_GET_SIZE).map(paymentKey);
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt >= MAX_BATCH_ATTEMPTS) throw new Error(`${keys.length} payments stayed unread after ${MAX_BATCH_ATTEMPTS} attempts`);
        if (attempt > 0) await pause(attempt);
        const result = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
        found.push(...(result.Responses?.[this.tableName] ?? []).map(toPayment));
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  // ------------------------------------------------------------------------------------------
  // Reconciliation's notes on succeeded payments

  /** Notes that the payment's success (from `note.providerTxnId`) was applied from a settlement file. */
  async recordAutoApplied(paymentId: string, note: ReconciliationNote, now: Date): Promise<NoteOutcome> {
    const event: PaymentEvent = { type: 'AutoApplied', at: note.at, provider: note.provider, providerTxnId: note.providerTxnId, settlementBusinessDate: note.settlementBusinessDate, runId: note.runId };
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: paymentKey(paymentId),
          UpdateExpression: 'SET autoApplied = :note, #events = list_append(#events, :event), updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND #status = :succeeded AND providerTxnId = :providerTxnId AND attribute_not_exists(autoApplied)',
          ExpressionAttributeNames: { '#events': 'events', '#status': 'status' },
          ExpressionAttributeValues: { ':note': note, ':event': [event], ':now': toVietnamIso(now), ':succeeded': 'SUCCEEDED', ':providerTxnId': note.providerTxnId },
        }),
      );
      return { kind: 'RECORDED' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return this.whyNotNoted(paymentId, (payment) => payment.autoApplied !== undefined);
    }
  }

  /**
   * Notes the provider's reversal of a SUCCEEDED payment, with `additionalWrites` (the report
   * counters it takes back) in the same transaction; once only.
   */
  async recordProviderReversal(paymentId: string, note: ReconciliationNote, now: Date, options: TransitionOptions = {}): Promise<NoteOutcome> {
    const event: PaymentEvent = { type: 'PaymentReversed', at: note.at, provider: note.provider, providerTxnId: note.providerTxnId, settlementBusinessDate: note.settlementBusinessDate, runId: note.runId };
    const failed = await this.transact([
      {
        Update: {
          TableName: this.tableName,
          Key: paymentKey(paymentId),
          UpdateExpression: 'SET reversal = :note, #events = list_append(#events, :event), updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND #status = :succeeded AND attribute_not_exists(reversal)',
          ExpressionAttributeNames: { '#events': 'events', '#status': 'status' },
          ExpressionAttributeValues: { ':note': note, ':event': [event], ':now': toVietnamIso(now), ':succeeded': 'SUCCEEDED' },
        },
      },
      ...(options.additionalWrites ?? []),
    ]);
    if (failed === undefined) return { kind: 'RECORDED' };
    if (failed >= 1) return { kind: 'ADDITIONAL_WRITE_REFUSED', writeIndex: failed - 1 };
    return this.whyNotNoted(paymentId, (payment) => payment.reversal !== undefined);
  }

  private async whyNotNoted(paymentId: string, noted: (payment: Payment) => boolean): Promise<NoteOutcome> {
    const payment = await this.getPayment(paymentId);
    if (!payment) return { kind: 'UNKNOWN_PAYMENT' };
    return noted(payment) ? { kind: 'ALREADY_RECORDED' } : { kind: 'NOT_APPLICABLE' };
  }

  // ------------------------------------------------------------------------------------------
  // Moves of the state machine

  async cancel(paymentId: string, now: Date): Promise<CancelOutcome> {
    const update = this.moveUpdate(paymentId, statusesThatMayBecome('CANCELLED'), 'CANCELLED', { type: 'PaymentCancelled', at: toVietnamIso(now) }, now);
    try {
      const { Attributes } = await this.doc.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
      return { kind: 'CANCELLED', payment: toPayment(Attributes!) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.getPayment(paymentId);
      return current ? { kind: 'INVALID_STATE', status: current.status } : { kind: 'NOT_FOUND' };
    }
  }

  /**
   * Expires every PENDING payment whose expiresAt is at or before `now`: a Query per shard of the
   * PENDING index, then a conditional write per payment (a payment paid or cancelled meanwhile is
   * left alone). Bounded by `limit` per run; the next run picks up the rest.
   */
  async expireDue(now: Date, limit = 1_000): Promise<{ expired: string[]; skipped: number }> {
    const expired: string[] = [];
    let skipped = 0;
    const upper = `${now.toISOString()}#~`;
    for (let shard = 0; shard < PENDING_SHARDS && expired.length + skipped < limit; shard++) {
      const due = await queryAll<{ paymentId: string }>(
        this.doc,
        {
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :upper',
          ExpressionAttributeValues: { ':pk': `PENDING#${shard}`, ':upper': upper },
          ProjectionExpression: 'paymentId',
          Limit: EXPIRY_PAGE_SIZE,
        },
        limit - expired.length - skipped,
      );
      for (let i = 0; i < due.length; i += EXPIRY_PARALLELISM) {
        const results = await Promise.all(due.slice(i, i + EXPIRY_PARALLELISM).map(({ paymentId }) => this.expireOne(paymentId, now)));
        results.forEach((result, j) => (result ? expired.push(due[i + j]!.paymentId) : skipped++));
      }
    }
    return { expired, skipped };
  }

  /**
   * PENDING payments created at or before `createdBefore` (the mop-up job's list), read from the
   * PENDING index: every payment created by then expires by `createdBefore + expiry`, so the index
   * range ends there, and the item's own createdAt decides. Bounded by `limit`.
   */
  async listPendingCreatedBefore(createdBefore: Date, expiryMinutes: number, limit = 500): Promise<Array<Pick<Payment, 'paymentId' | 'provider' | 'createdAt'>>> {
    const upper = `${new Date(createdBefore.getTime() + expiryMinutes * 60_000).toISOString()}#~`;
    const found: Array<Pick<Payment, 'paymentId' | 'provider' | 'createdAt'>> = [];
    for (let shard = 0; shard < PENDING_SHARDS && found.length < limit; shard++) {
      const items = await queryAll<Pick<Payment, 'paymentId' | 'provider' | 'createdAt'>>(
        this.doc,
        {
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :upper',
          ExpressionAttributeValues: { ':pk': `PENDING#${shard}`, ':upper': upper },
          ProjectionExpression: 'paymentId, provider, createdAt',
          Limit: EXPIRY_PAGE_SIZE,
        },
        limit - found.length,
      );
      found.push(...items.filter((item) => Date.parse(item.createdAt) <= createdBefore.getTime()));
    }
    return found;
  }

  private async expireOne(paymentId: string, now: Date): Promise<boolean> {
    const update = this.moveUpdate(paymentId, statusesThatMayBecome('EXPIRED'), 'EXPIRED', { type: 'PaymentExpired', at: toVietnamIso(now) }, now);
    try {
      await this.doc.send(
        new UpdateCommand({
          ...update,
          // The index is eventually consistent; the item itself decides whether it is due.
          ConditionExpression: `${update.ConditionExpression} AND expiresAtMs <= :nowMs`,
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':nowMs': now.getTime() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Applies a provider's success (the callback and reconciliation work call this). In one transaction:
   * the payment becomes SUCCEEDED (from PENDING; from FAILED/EXPIRED/CANCELLED as a late success),
   * enters the provider's business-day index, the dossier guard records it as the dossier's payment,
   * and `additionalWrites` commit with them. If another payment had already paid the dossier, this
   * one still becomes SUCCEEDED (money moved) but is marked `duplicateOfPaymentId` and the guard keeps
   * the first. A payment already SUCCEEDED is left as it is.
   */
  async recordSuccess(report: ProviderSuccess, now: Date, options: SuccessOptions = {}): Promise<SuccessOutcome> {
    const additional = options.additionalWrites ?? [];
    for (let attempt = 0; attempt < MAX_TRANSACTION_ATTEMPTS; attempt++) {
      const payment = await this.getPayment(report.paymentId);
      if (!payment) return { kind: 'UNKNOWN_PAYMENT' };
      if (payment.status === 'SUCCEEDED') {
        return { kind: 'ALREADY_SUCCEEDED', payment, sameProviderTxn: payment.providerTxnId === report.providerTxnId };
      }
      const move = transition(payment.status, 'SUCCEEDED');
      if (!move.ok) throw new Error(move.reason);
      const paidAt = toVietnamIso(new Date(report.occurredAt));
      const businessDate = businessDateOf(report.occurredAt);
      const event: PaymentEvent = {
        type: move.edge.event,
        at: toVietnamIso(now),
        provider: report.provider,
        providerTxnId: report.providerTxnId,
        amount: report.amount,
        paidAt,
        ...(move.edge.lateSuccess ? { previousStatus: payment.status } : {}),
      };
      const set = {
        paidAt,
        businessDate,
        providerTxnId: report.providerTxnId,
        paidAmount: report.amount,
        gsi2pk: `SUCCEEDED#${report.provider}#${businessDate}`,
        gsi2sk: `${new Date(report.occurredAt).toISOString()}#${payment.paymentId}`,
        ...(move.edge.lateSuccess ? { lateSuccess: true } : {}),
      };
      const paymentUpdate = (extra: Record<string, unknown>) => ({
        Update: this.moveUpdate(payment.paymentId, [payment.status], 'SUCCEEDED', event, now, { ...set, ...extra }, { removeIndex: false }),
      });
      const claimDossier: TransactWriteItem = {
        Update: {
          TableName: this.tableName,
          Key: dossierKey(payment.dossierId),
          UpdateExpression: 'SET paidPaymentId = :paymentId, paidAt = :paidAt, updatedAt = :now',
          ConditionExpression: `${dossierNotPaid} OR paidPaymentId = :paymentId`,
          ExpressionAttributeValues: { ':paymentId': payment.paymentId, ':paidAt': paidAt, ':now': toVietnamIso(now) },
        },
      };
      const effect = { payment, paidAt, businessDate };
      const firstWrites = options.writesFor?.({ ...effect, kind: move.edge.lateSuccess ? 'LATE_SUCCESS' : 'APPLIED' }) ?? [];
      const failed = await this.transact([paymentUpdate({}), claimDossier, ...additional, ...firstWrites]);
      if (failed === undefined) {
        const updated = (await this.getPayment(payment.paymentId))!;
        return move.edge.lateSuccess ? { kind: 'LATE_SUCCESS', payment: updated, previousStatus: payment.status } : { kind: 'APPLIED', payment: updated };
      }
      if (failed >= 2) return { kind: 'ADDITIONAL_WRITE_REFUSED', writeIndex: failed - 2 };
      if (failed === 1) {
        const dossier = await this.getDossier(payment.dossierId);
        const paidPaymentId = dossier?.paidPaymentId;
        if (paidPaymentId && paidPaymentId !== payment.paymentId) {
          const stillPaidByOther: TransactWriteItem = {
            ConditionCheck: {
              TableName: this.tableName,
              Key: dossierKey(payment.dossierId),
              ConditionExpression: 'paidPaymentId = :other',
              ExpressionAttributeValues: { ':other': paidPaymentId },
            },
          };
          const duplicateWrites = options.writesFor?.({ ...effect, kind: 'DUPLICATE_FOR_DOSSIER', paidPaymentId }) ?? [];
          const duplicateFailed = await this.transact([paymentUpdate({ duplicateOfPaymentId: paidPaymentId }), stillPaidByOther, ...additional, ...duplicateWrites]);
          if (duplicateFailed === undefined) {
            return { kind: 'DUPLICATE_FOR_DOSSIER', payment: (await this.getPayment(payment.paymentId))!, paidPaymentId };
          }
          if (duplicateFailed >= 2) return { kind: 'ADDITIONAL_WRITE_REFUSED', writeIndex: duplicateFailed - 2 };
        }
      }
      // The payment or its dossier changed between the read and the write: read again.
      await pause(attempt);
    }
    throw new Error(`could not record the success of ${report.paymentId} after repeated conflicts`);
  }

  /** Applies a provider's failure: PENDING becomes FAILED; any other status is left alone (IGNORED). */
  async recordFailure(report: ProviderFailure, now: Date, options: TransitionOptions = {}): Promise<FailureOutcome> {
    const event: PaymentEvent = {
      type: 'PaymentFailed',
      at: toVietnamIso(now),
      provider: report.provider,
      occurredAt: toVietnamIso(new Date(report.occurredAt)),
      ...(report.providerTxnId ? { providerTxnId: report.providerTxnId } : {}),
      ...(report.reason ? { reason: report.reason } : {}),
    };
    const update = this.moveUpdate(report.paymentId, statusesThatMayBecome('FAILED'), 'FAILED', event, now);
    const failed = await this.transact([{ Update: update }, ...(options.additionalWrites ?? [])]);
    if (failed === undefined) return { kind: 'APPLIED', payment: (await this.getPayment(report.paymentId))! };
    if (failed >= 1) return { kind: 'ADDITIONAL_WRITE_REFUSED', writeIndex: failed - 1 };
    const current = await this.getPayment(report.paymentId);
    return current ? { kind: 'IGNORED', status: current.status } : { kind: 'UNKNOWN_PAYMENT' };
  }

  // ------------------------------------------------------------------------------------------

  private paymentItem(payment: Payment): Record<string, unknown> {
    const createdAtUtc = new Date(payment.createdAt).toISOString();
    const expiresAt = new Date(payment.expiresAt);
    return {
      ...payment,
      pk: `PAYMENT#${payment.paymentId}`,
      sk: PAYMENT_SK,
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

  /**
   * The conditional update for one move of the state machine: sets the status, appends the event to
   * the payment's history, and (unless told otherwise) takes the payment out of the PENDING index.
   * The condition lists the statuses the move is legal from.
   */
  private moveUpdate(
    paymentId: string,
    from: readonly PaymentStatus[],
    to: PaymentStatus,
    event: PaymentEvent,
    now: Date,
    set: Record<string, unknown> = {},
    options: { removeIndex: boolean } = { removeIndex: true },
  ) {
    if (from.length === 0) throw new Error(`no status may become ${to}`);
    const names: Record<string, string> = { '#status': 'status', '#events': 'events', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':to': to, ':event': [event], ':updatedAt': toVietnamIso(now) };
    const assignments = ['#status = :to', '#events = list_append(#events, :event)', '#updatedAt = :updatedAt'];
    Object.entries(set).forEach(([name, value], i) => {
      names[`#s${i}`] = name;
      values[`:s${i}`] = value;
      assignments.push(`#s${i} = :s${i}`);
    });
    from.forEach((status, i) => (values[`:from${i}`] = status));
    const fromList = from.map((_, i) => `:from${i}`).join(', ');
    return {
      TableName: this.tableName,
      Key: paymentKey(paymentId),
      UpdateExpression: `SET ${assignments.join(', ')}${options.removeIndex ? ' REMOVE gsi2pk, gsi2sk' : ''}`,
      ConditionExpression: `attribute_exists(pk) AND #status IN (${fromList})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  /**
   * Runs a transaction; answers undefined when it committed, or the index of the first item whose
   * condition failed. A conflict with another transaction in flight is retried here.
   */
  private async transact(items: readonly TransactWriteItem[]): Promise<number | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: [...items] }));
        return undefined;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
        const failed = codes.indexOf('ConditionalCheckFailed');
        if (failed >= 0) return failed;
        if (codes.includes('TransactionConflict') && attempt < MAX_TRANSACTION_ATTEMPTS) {
          await pause(attempt);
          continue;
        }
        throw error;
      }
    }
  }
}

function paymentKey(paymentId: string) {
  return { pk: `PAYMENT#${paymentId}`, sk: PAYMENT_SK };
}

function dossierKey(dossierId: string) {
  return { pk: `DOSSIER#${dossierId}`, sk: DOSSIER_SK };
}

/** Callers' subjects are URL-encoded so no subject can forge another's key; very long ones are hashed. */
function idempotencyKey(scope: IdempotencyScope) {
  const encoded = encodeURIComponent(scope.caller);
  const caller = encoded.length <= 200 ? encoded : `sha256:${createHash('sha256').update(scope.caller).digest('base64url')}`;
  return { pk: `IDEMPOTENCY#${caller}#${scope.key}`, sk: IDEMPOTENCY_SK };
}

export function pendingShard(paymentId: string): number {
  return createHash('sha256').update(paymentId).digest()[0]! % PENDING_SHARDS;
}

function toPayment(item: Record<string, unknown>): Payment {
  const payment: Record<string, unknown> = { ...item };
  for (const name of KEY_ATTRIBUTES) delete payment[name];
  return payment as unknown as Payment;
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function isTransactionConflict(error: unknown): boolean {
  return error instanceof Error && error.name === 'TransactionConflictException';
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt + Math.floor(Math.random() * 10)));
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Payment, PaymentEvent, ReconciliationNote } from '../../domain/payments/payment';
import { transition, statusesThatMayBecome, type PaymentStatus } from '../../domain/payments/payment-state-machine';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { businessDateOf, startOfBusinessDate, toVietnamIso } from '../../domain/shared/business-date';
import type { AmountVnd } from '../../domain/shared/money';
import { queryAll } from '../adapters/dynamodb/query-all';
import {
  dossierKey,
  dossierNotPaid,
  getDossier,
  getPayment,
  MAX_TRANSACTION_ATTEMPTS,
  paymentKey,
  PENDING_SHARDS,
  toPayment,
  type DossierGuard,
} from './payment-items';
import { retryPause, transactWrite, type TransactWriteItem } from '../adapters/dynamodb/transact-write';

/**
 * Payments after their creation (creating them, with the idempotency keys of payment requests, is
 * payment-request-repository.ts; the items are described in payment-items.ts): the state machine's
 * moves — cancel, expire, a provider's success or failure — reconciliation's notes, and reads. The
 * functions that move or read payments carry this class, and not the creation's.
 *
 * Reconciliation notes facts on a succeeded payment without moving it (the state machine has no edge
 * out of SUCCEEDED): `autoApplied` when its success came from a settlement file, `reversal` when the
 * provider reversed it. Each is set once, by a conditional write that also appends its event.
 *
 * Every move of a payment is a conditional write on its current status (the state machine's table
 * decides which statuses may make each move), so two writers racing never both win.
 */
const EXPIRY_PAGE_SIZE = 100;
const EXPIRY_PARALLELISM = 8;
const SUCCEEDED_PAGE_SIZE = 1_000;
/** Ranges of payment time a day's successes are read in, at once (see succeededPages). */
const DAY_SLICES = 12;
const MAX_DAY_SLICES = 48;
const DAY_MS = 86_400_000;
const BATCH_GET_SIZE = 100;
const MAX_BATCH_ATTEMPTS = 8;

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
  /**
   * The payment as the caller read it (consistently) just before: the first attempt writes on its
   * word instead of reading it again. Its status is a condition of the write, so a stale one only
   * costs a read and another attempt.
   */
  readonly payment?: Payment;
  /**
   * Notes in the move itself that the success comes from a settlement file (the AutoApplied event
   * follows the move's event), so that the move and its note commit together.
   */
  readonly autoApplied?: ReconciliationNote;
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

export class DynamoDbPaymentRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // ------------------------------------------------------------------------------------------
  // Reading payments

  async getPayment(paymentId: string): Promise<Payment | undefined> {
    return getPayment(this.doc, this.tableName, paymentId);
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
    return getDossier(this.doc, this.tableName, dossierId);
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
   * The same successes as listSucceeded, a Query page at a time, so a day of any size is read in
   * bounded memory (reconciliation streams them into the matching engine). The day is cut into
   * `slices` ranges of payment time, each read by its own chain of Query pages, all at once: a day
   * read one page after another waits a round trip per page. Pages come in the order they arrive,
   * not in payment-time order; each slice keeps at most one page waiting beyond the one in flight.
   */
  async *succeededPages(provider: ProviderName, businessDate: string, options: { slices?: number; pageSize?: number } = {}): AsyncGenerator<Payment[]> {
    const slices = Math.max(1, Math.min(MAX_DAY_SLICES, options.slices ?? DAY_SLICES));
    const pageSize = options.pageSize ?? SUCCEEDED_PAGE_SIZE;
    const startMs = startOfBusinessDate(businessDate).getTime();
    // Inner bounds are instants; the first and last ranges are open, so that every key of the
    // partition falls in exactly one range whatever its time.
    const bounds = Array.from({ length: slices - 1 }, (_, i) => new Date(startMs + Math.round(((i + 1) * DAY_MS) / slices)).toISOString());
    const ranges = Array.from({ length: slices }, (_, i) => ({ from: i === 0 ? undefined : bounds[i - 1], to: bounds[i] }));
    yield* interleave(ranges.map((range) => this.succeededSlice(provider, businessDate, range, pageSize)));
  }

  private async *succeededSlice(provider: ProviderName, businessDate: string, range: { from?: string | undefined; to?: string | undefined }, pageSize: number): AsyncGenerator<Payment[]> {
    const values: Record<string, unknown> = { ':pk': `SUCCEEDED#${provider}#${businessDate}` };
    const conditions = ['gsi2pk = :pk'];
    // gsi2sk is "<paidAt, UTC ISO>#<paymentId>", ISO of fixed width: BETWEEN from AND to (both
    // inclusive) holds the keys paid in [from, to), as no key is the bare instant `to` itself.
    if (range.from !== undefined && range.to !== undefined) {
      conditions.push('gsi2sk BETWEEN :from AND :to');
      values[':from'] = range.from;
      values[':to'] = range.to;
    } else if (range.from !== undefined) {
      conditions.push('gsi2sk >= :from');
      values[':from'] = range.from;
    } else if (range.to !== undefined) {
      conditions.push('gsi2sk < :to');
      values[':to'] = range.to;
    }
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: conditions.join(' AND '),
          ExpressionAttributeValues: values,
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
        if (attempt > 0) await retryPause(attempt);
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
    const failed = await transactWrite(this.doc, [
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
    let known = options.payment?.paymentId === report.paymentId ? options.payment : undefined;
    for (let attempt = 0; attempt < MAX_TRANSACTION_ATTEMPTS; attempt++) {
      const payment = known ?? (await this.getPayment(report.paymentId));
      known = undefined;
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
        ...successAttributes(payment.paymentId, report),
        ...(move.edge.lateSuccess ? { lateSuccess: true } : {}),
        ...(options.autoApplied ? { autoApplied: options.autoApplied } : {}),
      };
      const note = options.autoApplied;
      const events: PaymentEvent[] = note
        ? [event, { type: 'AutoApplied', at: note.at, provider: note.provider, providerTxnId: note.providerTxnId, settlementBusinessDate: note.settlementBusinessDate, runId: note.runId }]
        : [event];
      // What the item is once the move commits, so that no read is needed to answer it.
      const moved = (extra: Record<string, unknown>): Payment => ({ ...payment, ...set, ...extra, status: 'SUCCEEDED', events: [...payment.events, ...events], updatedAt: toVietnamIso(now) });
      const paymentUpdate = (extra: Record<string, unknown>) => ({
        Update: this.moveUpdate(payment.paymentId, [payment.status], 'SUCCEEDED', events, now, { ...set, ...extra }, { removeIndex: false }),
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
      const failed = await transactWrite(this.doc, [paymentUpdate({}), claimDossier, ...additional, ...firstWrites]);
      if (failed === undefined) {
        const updated = moved({});
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
          const duplicateFailed = await transactWrite(this.doc, [paymentUpdate({ duplicateOfPaymentId: paidPaymentId }), stillPaidByOther, ...additional, ...duplicateWrites]);
          if (duplicateFailed === undefined) {
            return { kind: 'DUPLICATE_FOR_DOSSIER', payment: moved({ duplicateOfPaymentId: paidPaymentId }), paidPaymentId };
          }
          if (duplicateFailed >= 2) return { kind: 'ADDITIONAL_WRITE_REFUSED', writeIndex: duplicateFailed - 2 };
        }
      }
      // The payment or its dossier changed between the read and the write: read again.
      await retryPause(attempt);
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
    const failed = await transactWrite(this.doc, [{ Update: update }, ...(options.additionalWrites ?? [])]);
    if (failed === undefined) return { kind: 'APPLIED', payment: (await this.getPayment(report.paymentId))! };
    if (failed >= 1) return { kind: 'ADDITIONAL_WRITE_REFUSED', writeIndex: failed - 1 };
    const current = await this.getPayment(report.paymentId);
    return current ? { kind: 'IGNORED', status: current.status } : { kind: 'UNKNOWN_PAYMENT' };
  }

  // ------------------------------------------------------------------------------------------

  /**
   * The conditional update for one move of the state machine: sets the status, appends the event to
   * the payment's history, and (unless told otherwise) takes the payment out of the PENDING index.
   * The condition lists the statuses the move is legal from.
   */
  private moveUpdate(
    paymentId: string,
    from: readonly PaymentStatus[],
    to: PaymentStatus,
    event: PaymentEvent | readonly PaymentEvent[],
    now: Date,
    set: Record<string, unknown> = {},
    options: { removeIndex: boolean } = { removeIndex: true },
  ) {
    if (from.length === 0) throw new Error(`no status may become ${to}`);
    const names: Record<string, string> = { '#status': 'status', '#events': 'events', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':to': to, ':event': Array.isArray(event) ? event : [event], ':updatedAt': toVietnamIso(now) };
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
}

/** What a success sets on the payment item: the provider's figures and the business-day index keys. */
export function successAttributes(paymentId: string, report: ProviderSuccess) {
  const businessDate = businessDateOf(report.occurredAt);
  return {
    paidAt: toVietnamIso(new Date(report.occurredAt)),
    businessDate,
    providerTxnId: report.providerTxnId,
    paidAmount: report.amount,
    gsi2pk: `SUCCEEDED#${report.provider}#${businessDate}`,
    gsi2sk: `${new Date(report.occurredAt).toISOString()}#${paymentId}`,
  };
}

/**
 * The pages of several sources as they arrive. Each source has one request in flight while the
 * caller works on what came before, so memory holds at most one page per source beyond the caller's.
 */
async function* interleave<T>(sources: readonly AsyncGenerator<T>[]): AsyncGenerator<T> {
  const next = (i: number) => sources[i]!.next().then((result) => ({ i, result }));
  const inFlight = new Map(sources.map((_, i) => [i, next(i)]));
  try {
    while (inFlight.size > 0) {
      const { i, result } = await Promise.race(inFlight.values());
      if (result.done) {
        inFlight.delete(i);
        continue;
      }
      inFlight.set(i, next(i));
      yield result.value;
    }
  } finally {
    // A caller that stops early (an error in the run) leaves no Query chain running.
    await Promise.allSettled([...inFlight.keys()].map((i) => sources[i]!.return(undefined)));
  }
}

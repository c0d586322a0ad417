import { startOfBusinessDate, toVietnamIso, type BusinessDate } from '../shared/business-date';
import { isAmountVnd, type AmountVnd } from '../shared/money';
import { ByteKeyTable, KeyBatch } from './byte-key-table';
import { decodeText, identifierProblem } from './csv-bytes';
import { DossierLog } from './dossier-log';
import {
  emptyDiscrepancyCounts, type CarriedOverPayment, type Discrepancy, type DiscrepancyReason,
  type DiscrepancyType, type ReconciliationSummary,
} from './discrepancy';
import { InternalTransactionCsvParser } from './internal-transaction-csv-parser';
import {
  InternalTransactionBatch, PAYMENT_STATUSES, TRANSACTION_BATCH_SIZE, type InternalTransaction, type PaymentStatus,
} from './internal-transaction';
import { parseIsoInstantBytes } from './iso-instant-bytes';
import { InternalTransactionError, ReconciliationError } from './reconciliation-error';
import type { SettlementCsvOptions } from './settlement-csv-parser';
import { SettlementFileReader } from './settlement-file-reader';
import { ROW_BATCH_SIZE, type SettlementRowBatch, type SettlementStatus } from './settlement-row';

/**
 * The reconciliation matching engine: classifies one provider's settlement file for one business
 * date against the service's own transactions of that date. The rules are in RULES.md beside this
 * file; the benchmark (bench/reconcile.ts) checks them against an SQL rendering of the same rules.
 *
 * Memory stays bounded by the day's internal transactions: their payment ids are hashed into compact
 * keys with their data in typed arrays, their dossier ids appended to one byte arena (about 80 bytes
 * per payment in all), while the settlement file is streamed in row batches and only its
 * provider_txn_ids are kept (to find repeats, about 30 bytes a row). Discrepancies leave through
 * `onDiscrepancies` after each chunk instead of piling up; only out-of-day rows wait, one lookup
 * batch at a time.
 */

const DAY_MS = 86_400_000;
const DEFAULT_PENDING_NEXT_DAY_WINDOW_MS = 30 * 60 * 1000;
const DEFAULT_LOOKUP_BATCH_SIZE = 100;
const END_SCAN_BATCH = 10_000;

// Status codes (indexes in PAYMENT_STATUSES), local because CommonJS output reads imports through getters.
const STATUS_SUCCEEDED = 0;
const STATUS_PENDING = 1;
const STATUS_EXPIRED = 2;

const SEEN = 1; // some settlement row referred to the payment
const CLAIMED = 2; // a SUCCEEDED row (not a repeat) settled it, matched or not
const CARRIED = 4; // carried over from the previous day's run
const DOSSIER_DUPLICATE = 8; // a second (or later) success for its dossier

export type InternalTransactionSource =
  | {
      readonly format: 'records';
      /** Transactions one by one, or in pages as a DynamoDB query returns them. */
      readonly records:
        | AsyncIterable<InternalTransaction | readonly InternalTransaction[]>
        | Iterable<InternalTransaction | readonly InternalTransaction[]>;
    }
  | { readonly format: 'csv'; readonly chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> }
  /** The CSV already parsed (by InternalTransactionCsvParser, on another thread for instance). */
  | { readonly format: 'rows'; readonly batches: AsyncIterable<InternalTransactionBatch> | Iterable<InternalTransactionBatch> };

/**
 * The settlement file: its bytes, or its rows already read by a {@link SettlementFileReader} built
 * with {@link settlementFileOptions} of the same input (which is how a caller reads the file on
 * another thread while the engine takes in the day's transactions).
 */
export type SettlementFileSource =
  | AsyncIterable<Uint8Array>
  | Iterable<Uint8Array>
  | { readonly format: 'rows'; readonly batches: AsyncIterable<SettlementRowBatch> | Iterable<SettlementRowBatch> };

/** A payment the service knows, as the payment lookup port returns it. */
export interface KnownPayment {
  readonly paymentId: string;
  readonly dossierId: string;
  readonly amount: AmountVnd;
  readonly status: PaymentStatus;
  readonly paidAt?: string | null;
}

/**
 * Port: finds payments by id among all the service ever issued (a BatchGetItem in the worker). It is
 * asked only about payment ids of the file that are not among the day's transactions, at most
 * `lookupBatchSize` at a time, and returns those it knows (in any order).
 */
export type PaymentLookup = (paymentIds: readonly string[]) => Promise<readonly KnownPayment[]>;

/** Receives the discrepancies found while reading one chunk; awaited, so it paces the run. */
export type DiscrepancySink = (discrepancies: readonly Discrepancy[]) => void | Promise<void>;

export interface ReconciliationInput {
  readonly businessDate: BusinessDate;
  /**
   * The day's transactions of the provider: every SUCCEEDED payment whose payment time falls on
   * `businessDate`, plus every other payment of the provider a row may refer to (see RULES.md,
   * "Inputs") unless `lookupPayments` is given.
   */
  readonly internalTransactions: InternalTransactionSource;
  readonly settlementFile: SettlementFileSource;
  /** The previous day's PENDING_NEXT_DAY payments (its result's `carryOver`). */
  readonly carriedOver?: readonly CarriedOverPayment[];
  readonly lookupPayments?: PaymentLookup;
  readonly onDiscrepancies?: DiscrepancySink;
  /** An internal success paid this close before midnight and absent from the file is PENDING_NEXT_DAY. Default 30 minutes. */
  readonly pendingNextDayWindowMs?: number;
  /**
   * Refuse the file when a row's paid_at is not on `businessDate` (rows inside the next-day window
   * before the date starts are accepted: they are the previous day's late payments). Default true.
   */
  readonly requireRowsOnBusinessDate?: boolean;
  /** Sizes the hash tables up front; a guess is fine. */
  readonly expectedTransactions?: number;
  readonly lookupBatchSize?: number;
}

export interface ReconciliationResult {
  readonly summary: ReconciliationSummary;
  /** The PENDING_NEXT_DAY payments, to pass as `carriedOver` to the next day's run. */
  readonly carryOver: readonly CarriedOverPayment[];
}

/** How the settlement file of `input` is to be read (the business date of each row, see RULES.md). */
export function settlementFileOptions(
  input: Pick<ReconciliationInput, 'businessDate' | 'pendingNextDayWindowMs' | 'requireRowsOnBusinessDate'>,
): SettlementCsvOptions {
  if (input.requireRowsOnBusinessDate === false) return {};
  return { businessDate: input.businessDate, previousDayToleranceMs: pendingNextDayWindowOf(input) };
}

function pendingNextDayWindowOf(input: Pick<ReconciliationInput, 'pendingNextDayWindowMs'>): number {
  const windowMs = input.pendingNextDayWindowMs ?? DEFAULT_PENDING_NEXT_DAY_WINDOW_MS;
  if (!(windowMs >= 0 && windowMs <= DAY_MS)) throw new RangeError('pendingNextDayWindowMs must be within 0..24 h');
  return windowMs;
}

/** Reconciles one provider's settlement file for one business date. See RULES.md. */
export async function reconcile(input: ReconciliationInput): Promise<ReconciliationResult> {
  try {
    const engine = new MatchingEngine(input);
    await engine.readInternalTransactions(input.internalTransactions);
    // After the day's transactions, not while a reader thread starts: run first, the few thousand
    // carried-over payments would go through code the JIT has not compiled yet, and take longer than
    // the thread's start they were meant to fill.
    engine.readCarriedOver(input.carriedOver ?? []);
    engine.flagDossierDuplicates();
    await engine.flush();
    await engine.readSettlementFile(input.settlementFile);
    await engine.flagUnsettledPayments();
    return engine.result();
  } finally {
    // A run that fails before reading its inputs to the end still ends their readers (threads, say).
    const internal = input.internalTransactions;
    await closeIterable(internal.format === 'rows' ? internal.batches : internal.format === 'csv' ? internal.chunks : internal.records);
    const settlementFile = input.settlementFile;
    if ('format' in settlementFile) await closeIterable(settlementFile.batches);
    else await closeIterable(settlementFile);
  }
}

async function closeIterable(iterable: AsyncIterable<unknown> | Iterable<unknown>): Promise<void> {
  const iterator = Symbol.asyncIterator in iterable ? iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]();
  await iterator.return?.();
}

interface PendingRow {
  readonly line: number;
  readonly providerTxnId: string;
  readonly paymentId: string;
  readonly amount: AmountVnd;
  readonly statusCode: 0 | 1;
  readonly paidAt: string;
}

interface OutOfDayPayment {
  readonly payment: KnownPayment;
  readonly statusCode: number;
  claimed: boolean;
}

class MatchingEngine {
  private readonly payments: ByteKeyTable;
  private readonly dossiers: DossierLog;
  // Per payment entry (index from `payments`).
  private amounts: Float64Array;
  private paidAtMs: Float64Array;
  private statuses: Uint8Array;
  private flags: Uint8Array;

  private readonly dayStartMs: number;
  private readonly dayEndMs: number;
  private readonly windowStartMs: number;
  private readonly summary: ReconciliationSummary = {
    internal: { count: 0, amount: 0 },
    provider: { count: 0, amount: 0, fee: 0 },
    matched: { count: 0, amount: 0 },
    discrepancies: emptyDiscrepancyCounts(),
    rows: 0,
    providerReversed: { count: 0, amount: 0 },
    carriedOverSettled: { count: 0, amount: 0 },
    autoApplicable: 0,
  };
  private readonly carryOver: CarriedOverPayment[] = [];
  private batch: Discrepancy[] = [];
  private readonly sink: DiscrepancySink | undefined;
  private pending: PendingRow[] = [];
  private readonly outOfDay = new Map<string, OutOfDayPayment | null>();
  private readonly lookupBatchSize: number;
  private readonly encoder = new TextEncoder();
  private paymentKeys = new KeyBatch(Math.max(ROW_BATCH_SIZE, TRANSACTION_BATCH_SIZE));
  /** The payment entry of each row of a window (-1: none). */
  private readonly found = new Int32Array(ROW_BATCH_SIZE);
  /** Keeps the reads of touchEntries from being optimised away. */
  touched = 0;
  // Object records (and carried-over payments) are written as bytes into a batch of their own.
  private readonly recordBatch = new InternalTransactionBatch();
  private readonly recordBytes = new Uint8Array(1 << 20);
  private recordBytesLength = 0;

  constructor(private readonly input: ReconciliationInput) {
    const expected = Math.max(1024, input.expectedTransactions ?? 1 << 16);
    this.payments = new ByteKeyTable(expected);
    this.dossiers = new DossierLog(expected);
    // Half again as much room as expected, as the key table keeps: untouched memory costs nothing.
    const capacity = Math.ceil(expected * 1.5);
    this.amounts = new Float64Array(capacity);
    this.paidAtMs = new Float64Array(capacity);
    this.statuses = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.dayStartMs = startOfBusinessDate(input.businessDate).getTime();
    this.dayEndMs = this.dayStartMs + DAY_MS;
    this.windowStartMs = this.dayEndMs - pendingNextDayWindowOf(input);
    this.sink = input.onDiscrepancies;
    this.lookupBatchSize = Math.max(1, input.lookupBatchSize ?? DEFAULT_LOOKUP_BATCH_SIZE);
  }

  // ---- internal side -------------------------------------------------------------------------

  async readInternalTransactions(source: InternalTransactionSource): Promise<void> {
    if (source.format === 'csv') {
      const parser = new InternalTransactionCsvParser((batch) => this.addInternalBatch(batch, false));
      for await (const chunk of source.chunks) parser.push(chunk);
      parser.finish();
      return;
    }
    if (source.format === 'rows') {
      for await (const batch of source.batches) this.addInternalBatch(batch, false);
      return;
    }
    let position = 0;
    for await (const item of source.records) {
      const page = Array.isArray(item) ? (item as readonly InternalTransaction[]) : [item as InternalTransaction];
      for (const record of page) this.addRecord(record, ++position, false);
    }
    this.flushRecords(false);
  }

  readCarriedOver(items: readonly CarriedOverPayment[]): void {
    items.forEach((item, i) => this.addRecord({ ...item, status: 'SUCCEEDED' }, i + 1, true));
    this.flushRecords(true);
  }

  /** Validates an object record and appends it, as bytes, to the record batch. */
  private addRecord(record: InternalTransaction | KnownPayment, position: number, carried: boolean): void {
    const fail = (field: string, message: string): never => {
      throw new InternalTransactionError(position, carried ? `carriedOver.${field}` : field, message);
    };
    if (typeof record.paymentId !== 'string' || record.paymentId.length > 200) fail('paymentId', 'is not an identifier');
    if (typeof record.dossierId !== 'string' || record.dossierId.length > 200) fail('dossierId', 'is not an identifier');
    if (!isAmountVnd(record.amount)) fail('amount', `${String(record.amount)} is not a whole, non-negative VND amount`);
    const statusCode = PAYMENT_STATUSES.indexOf(record.status);
    if (statusCode < 0) fail('status', `must be one of ${PAYMENT_STATUSES.join(', ')}`);
    const paidAt = record.paidAt ?? '';
    if (typeof paidAt !== 'string' || paidAt.length > 64) fail('paidAt', 'is not an ISO 8601 instant');

    if (this.recordBytes.length - this.recordBytesLength < 2048) this.flushRecords(carried);
    const buf = this.recordBytes;
    const paymentIdStart = this.recordBytesLength;
    const paymentIdEnd = paymentIdStart + this.encoder.encodeInto(record.paymentId, buf.subarray(paymentIdStart)).written;
    const dossierIdEnd = paymentIdEnd + this.encoder.encodeInto(record.dossierId, buf.subarray(paymentIdEnd)).written;
    const paidAtEnd = dossierIdEnd + this.encoder.encodeInto(paidAt, buf.subarray(dossierIdEnd)).written;
    const paymentIdProblem = identifierProblem(buf, paymentIdStart, paymentIdEnd, true);
    if (paymentIdProblem !== null) fail('paymentId', paymentIdProblem);
    const dossierIdProblem = identifierProblem(buf, paymentIdEnd, dossierIdEnd, true);
    if (dossierIdProblem !== null) fail('dossierId', dossierIdProblem);
    let paidAtMs = NaN;
    if (paidAtEnd > dossierIdEnd) {
      paidAtMs = parseIsoInstantBytes(buf, dossierIdEnd, paidAtEnd);
      if (paidAtMs !== paidAtMs) fail('paidAt', `"${paidAt}" is not an ISO 8601 instant with an offset`);
    }
    this.recordBytesLength = paidAtEnd;

    const batch = this.recordBatch;
    const r = batch.count;
    batch.position[r] = position;
    batch.paymentIdStart[r] = paymentIdStart;
    batch.paymentIdEnd[r] = paymentIdEnd;
    batch.dossierIdStart[r] = paymentIdEnd;
    batch.dossierIdEnd[r] = dossierIdEnd;
    batch.amount[r] = record.amount;
    batch.statusCode[r] = statusCode;
    batch.paidAtMs[r] = paidAtMs;
    batch.count = r + 1;
    if (batch.count === TRANSACTION_BATCH_SIZE) this.flushRecords(carried);
  }

  private flushRecords(carried: boolean): void {
    const batch = this.recordBatch;
    batch.buf = this.recordBytes;
    if (batch.count > 0) this.addInternalBatch(batch, carried);
    batch.count = 0;
    this.recordBytesLength = 0;
  }

  private addInternalBatch(batch: InternalTransactionBatch, carried: boolean): void {
    const { buf, count } = batch;
    if (this.paymentKeys.shapes.length < count) this.paymentKeys = new KeyBatch(count);
    for (let from = 0; from < count; from += TRANSACTION_BATCH_SIZE) {
      const to = Math.min(count, from + TRANSACTION_BATCH_SIZE);
      this.payments.prepare(buf, batch.paymentIdStart, batch.paymentIdEnd, from, to, this.paymentKeys, true);
      for (let r = from; r < to; r++) this.addInternal(batch, r, carried);
    }
  }

  private addInternal(batch: InternalTransactionBatch, r: number, carried: boolean): void {
    const buf = batch.buf;
    const index = this.payments.insertPrepared(this.paymentKeys, r, buf, batch.paymentIdStart[r]!, batch.paymentIdEnd[r]!);
    if (!this.payments.inserted) {
      throw new InternalTransactionError(batch.position[r]!, carried ? 'carriedOver.paymentId' : 'paymentId',
        `${decodeText(buf, batch.paymentIdStart[r]!, batch.paymentIdEnd[r]!)} is listed twice (or both carried over and in the day)`);
    }
    if (index >= this.amounts.length) this.growPayments();
    const statusCode = batch.statusCode[r]!;
    const amount = batch.amount[r]!;
    const paidAtMs = batch.paidAtMs[r]!;
    this.amounts[index] = amount;
    this.statuses[index] = statusCode;
    this.paidAtMs[index] = paidAtMs;
    this.flags[index] = carried ? CARRIED : 0;
    this.dossiers.append(index, buf, batch.dossierIdStart[r]!, batch.dossierIdEnd[r]!, statusCode === STATUS_SUCCEEDED && !carried);
    if (carried) {
      if (!(paidAtMs < this.dayStartMs)) {
        throw new InternalTransactionError(batch.position[r]!, 'carriedOver.paidAt', 'a carried-over payment must be paid before the business date');
      }
      return;
    }
    if (statusCode !== STATUS_SUCCEEDED) return;

    if (!(paidAtMs >= this.dayStartMs && paidAtMs < this.dayEndMs)) {
      throw new InternalTransactionError(batch.position[r]!, 'paidAt',
        `a SUCCEEDED payment must be paid on ${this.input.businessDate} (UTC+7), got ${paidAtMs === paidAtMs ? toVietnamIso(paidAtMs) : 'none'}`);
    }
    this.summary.internal.count++;
    this.summary.internal.amount += amount;
  }

  /** A dossier's first success: the earliest paidAt, ties broken by the smaller paymentId (bytes). */
  private paidEarlier(a: number, b: number): boolean {
    const at = this.paidAtMs[a]!;
    const bt = this.paidAtMs[b]!;
    return at < bt || (at === bt && this.payments.compareKeys(a, b) < 0);
  }

  /** Rule 7: every success of a dossier but its first is a DUPLICATE. */
  flagDossierDuplicates(): void {
    const flags = this.flags;
    const duplicates: number[] = [];
    this.dossiers.forEachShared((group) => {
      const first = group.reduce((a, b) => (this.paidEarlier(b, a) ? b : a));
      for (const index of group) {
        if (index === first) continue;
        flags[index] = flags[index]! | DOSSIER_DUPLICATE;
        duplicates.push(index);
      }
    });
    // In payment order, as the other discrepancies of the day's transactions are raised.
    duplicates.sort((a, b) => a - b);
    for (const index of duplicates) this.raiseInternal('DUPLICATE', 'DOSSIER_PAID_TWICE', index);
  }

  // ---- settlement side -----------------------------------------------------------------------

  async readSettlementFile(source: SettlementFileSource): Promise<void> {
    if ('format' in source) {
      for await (const batch of source.batches) {
        this.classifyBatch(batch);
        await this.afterBatch();
      }
    } else {
      // A file has about as many rows as the day has transactions: sized so, the table rarely regrows.
      const expectedRows = Math.max(this.input.expectedTransactions ?? 0, this.payments.size);
      const reader = new SettlementFileReader((batch) => this.classifyBatch(batch), { ...settlementFileOptions(this.input), expectedRows });
      for await (const chunk of source) {
        reader.push(chunk);
        await this.afterBatch();
      }
      reader.finish();
    }
    await this.resolvePending();
    await this.flush();
  }

  private async afterBatch(): Promise<void> {
    if (this.pending.length >= this.lookupBatchSize) await this.resolvePending();
    if (this.batch.length > 0) await this.flush();
  }

  private classifyBatch(batch: SettlementRowBatch): void {
    const { buf, count } = batch;
    if (this.paymentKeys.shapes.length < count) this.paymentKeys = new KeyBatch(count);
    const found = this.found;
    // A window at a time, so that what prepare() brought into the cache is still there when used.
    for (let from = 0; from < count; from += ROW_BATCH_SIZE) {
      const to = Math.min(count, from + ROW_BATCH_SIZE);
      this.payments.prepare(buf, batch.paymentIdStart, batch.paymentIdEnd, from, to, this.paymentKeys, false);
      for (let r = from; r < to; r++) {
        found[r - from] = this.payments.findPrepared(this.paymentKeys, r, buf, batch.paymentIdStart[r]!, batch.paymentIdEnd[r]!);
      }
      this.touchEntries(found, to - from);
      for (let r = from; r < to; r++) this.classifyRow(batch, r, found[r - from]!);
    }
  }

  /** Reads the data of a window's payments in one tight loop, for the reason prepare() reads slots. */
  private touchEntries(found: Int32Array, count: number): void {
    const { amounts, statuses, flags } = this;
    let touched = 0;
    for (let i = 0; i < count; i++) {
      const index = found[i]!;
      if (index >= 0) touched += amounts[index]! + statuses[index]! + flags[index]!;
    }
    this.touched = touched;
  }

  private classifyRow(batch: SettlementRowBatch, r: number, index: number): void {
    const summary = this.summary;
    const rowAmount = batch.amount[r]!;
    const rowStatus = batch.statusCode[r]!;
    summary.rows++;
    if (rowStatus === 0) {
      summary.provider.count++;
      summary.provider.amount += rowAmount;
    } else {
      summary.providerReversed.count++;
      summary.providerReversed.amount += rowAmount;
    }
    summary.provider.fee += batch.fee[r]!;

    const buf = batch.buf;
    if (batch.repeated[r] === 1) {
      this.raiseRow('DUPLICATE', 'PROVIDER_TXN_REPEATED', batch, r, -1);
      return;
    }
    if (index < 0) {
      if (this.input.lookupPayments === undefined) this.raiseRow('UNKNOWN_REFERENCE', 'PAYMENT_NOT_ISSUED', batch, r, -1);
      else this.pending.push(pendingRowOf(batch, r));
      return;
    }

    const status = this.statuses[index]!;
    const flags = this.flags[index]!;
    if (rowStatus === 1) {
      this.flags[index] = flags | SEEN;
      if (status === STATUS_SUCCEEDED) this.raiseRow('STATUS_MISMATCH', 'REVERSED_SUCCESS', batch, r, index);
      return;
    }
    if ((flags & CLAIMED) !== 0) {
      this.raiseRow('DUPLICATE', 'PAYMENT_SETTLED_TWICE', batch, r, index);
      return;
    }
    this.flags[index] = flags | SEEN | CLAIMED;
    if (rowAmount !== this.amounts[index]) {
      this.raiseRow('AMOUNT_MISMATCH', 'AMOUNT_DIFFERS', batch, r, index);
    } else if (status === STATUS_SUCCEEDED) {
      const bucket = (flags & CARRIED) !== 0 ? summary.carriedOverSettled : summary.matched;
      bucket.count++;
      bucket.amount += rowAmount;
    } else if (status === STATUS_PENDING || status === STATUS_EXPIRED) {
      this.raiseRow('MISSING_INTERNAL', 'LOST_CALLBACK', batch, r, index);
    } else {
      this.raiseRow('MISSING_INTERNAL', 'SUCCESS_AFTER_FAILURE', batch, r, index);
    }
  }

  /** Rows whose payment is not among the day's transactions, classified once the lookup answered. */
  private async resolvePending(): Promise<void> {
    const lookup = this.input.lookupPayments;
    if (lookup === undefined || this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    const unknownIds = [...new Set(rows.map((row) => row.paymentId))].filter((id) => !this.outOfDay.has(id));
    for (let i = 0; i < unknownIds.length; i += this.lookupBatchSize) {
      const ids = unknownIds.slice(i, i + this.lookupBatchSize);
      const found = await lookup(ids);
      for (const id of ids) this.outOfDay.set(id, null);
      for (const payment of found) {
        if (!this.outOfDay.has(payment.paymentId)) continue;
        const statusCode = PAYMENT_STATUSES.indexOf(payment.status);
        if (statusCode < 0 || !isAmountVnd(payment.amount)) {
          throw new ReconciliationError(`payment lookup returned an invalid payment ${payment.paymentId}`);
        }
        this.outOfDay.set(payment.paymentId, { payment, statusCode, claimed: false });
      }
    }
    for (const row of rows) this.classifyOutOfDayRow(row, this.outOfDay.get(row.paymentId) ?? null);
  }

  private classifyOutOfDayRow(row: PendingRow, known: OutOfDayPayment | null): void {
    if (known === null) {
      this.raisePending('UNKNOWN_REFERENCE', 'PAYMENT_NOT_ISSUED', row, null);
      return;
    }
    const status = known.statusCode;
    if (row.statusCode === 1) {
      if (status === STATUS_SUCCEEDED) this.raisePending('STATUS_MISMATCH', 'REVERSED_SUCCESS', row, known);
      return;
    }
    if (known.claimed) {
      this.raisePending('DUPLICATE', 'PAYMENT_SETTLED_TWICE', row, known);
      return;
    }
    known.claimed = true;
    if (row.amount !== known.payment.amount) this.raisePending('AMOUNT_MISMATCH', 'AMOUNT_DIFFERS', row, known);
    else if (status === STATUS_SUCCEEDED) this.raisePending('MISSING_INTERNAL', 'SUCCESS_NOT_IN_DAY', row, known);
    else if (status === STATUS_PENDING || status === STATUS_EXPIRED) this.raisePending('MISSING_INTERNAL', 'LOST_CALLBACK', row, known);
    else this.raisePending('MISSING_INTERNAL', 'SUCCESS_AFTER_FAILURE', row, known);
  }

  /** Internal successes no row referred to: PENDING_NEXT_DAY near midnight, else MISSING_AT_PROVIDER. */
  async flagUnsettledPayments(): Promise<void> {
    const { flags, statuses, paidAtMs } = this;
    for (let index = 0; index < this.payments.size; index++) {
      if (statuses[index] !== STATUS_SUCCEEDED || (flags[index]! & SEEN) !== 0) continue;
      if ((flags[index]! & CARRIED) !== 0) {
        this.raiseInternal('MISSING_AT_PROVIDER', 'CARRIED_OVER_NOT_IN_FILE', index);
      } else if (paidAtMs[index]! >= this.windowStartMs) {
        this.raiseInternal('PENDING_NEXT_DAY', 'PAID_BEFORE_MIDNIGHT', index);
        this.carryOver.push({
          paymentId: this.payments.keyText(index),
          dossierId: this.dossiers.text(index),
          amount: this.amounts[index]!,
          paidAt: toVietnamIso(paidAtMs[index]!),
          businessDate: this.input.businessDate,
        });
      } else {
        this.raiseInternal('MISSING_AT_PROVIDER', 'NOT_IN_FILE', index);
      }
      if (this.batch.length >= END_SCAN_BATCH) await this.flush();
    }
    await this.flush();
  }

  result(): ReconciliationResult {
    const { summary } = this;
    for (const total of [summary.internal.amount, summary.provider.amount, summary.provider.fee, summary.matched.amount]) {
      if (!Number.isSafeInteger(total)) throw new ReconciliationError('a total exceeds the safe integer range');
    }
    return { summary, carryOver: this.carryOver };
  }

  // ---- discrepancies -------------------------------------------------------------------------

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    if (this.sink !== undefined) await this.sink(batch);
  }

  private count(type: DiscrepancyType, autoApply: boolean): void {
    this.summary.discrepancies[type]++;
    if (autoApply) this.summary.autoApplicable++;
  }

  private raiseRow(type: DiscrepancyType, reason: DiscrepancyReason, rows: SettlementRowBatch, r: number, index: number): void {
    const autoApply = reason === 'LOST_CALLBACK';
    this.count(type, autoApply);
    if (this.sink === undefined) return;
    const buf = rows.buf;
    const internal = index >= 0;
    this.batch.push({
      type,
      reason,
      line: rows.line[r]!,
      providerTxnId: decodeText(buf, rows.providerTxnIdStart[r]!, rows.providerTxnIdEnd[r]!),
      paymentId: decodeText(buf, rows.paymentIdStart[r]!, rows.paymentIdEnd[r]!),
      dossierId: internal ? this.dossiers.text(index) : null,
      internalAmount: internal ? this.amounts[index]! : null,
      providerAmount: rows.amount[r]!,
      internalStatus: internal ? PAYMENT_STATUSES[this.statuses[index]!]! : null,
      providerStatus: rows.statusCode[r] === 0 ? 'SUCCEEDED' : 'REVERSED',
      internalPaidAt: internal ? this.isoOrNull(this.paidAtMs[index]!) : null,
      providerPaidAt: decodeText(buf, rows.paidAtStart[r]!, rows.paidAtEnd[r]!),
      autoApply,
    });
  }

  private raisePending(type: DiscrepancyType, reason: DiscrepancyReason, row: PendingRow, known: OutOfDayPayment | null): void {
    const autoApply = reason === 'LOST_CALLBACK';
    this.count(type, autoApply);
    if (this.sink === undefined) return;
    const payment = known?.payment;
    this.batch.push({
      type,
      reason,
      line: row.line,
      providerTxnId: row.providerTxnId,
      paymentId: row.paymentId,
      dossierId: payment?.dossierId ?? null,
      internalAmount: payment?.amount ?? null,
      providerAmount: row.amount,
      internalStatus: payment?.status ?? null,
      providerStatus: (row.statusCode === 0 ? 'SUCCEEDED' : 'REVERSED') as SettlementStatus,
      internalPaidAt: payment?.paidAt ?? null,
      providerPaidAt: row.paidAt,
      autoApply,
    });
  }

  private raiseInternal(type: DiscrepancyType, reason: DiscrepancyReason, index: number): void {
    this.count(type, false);
    if (this.sink === undefined) return;
    this.batch.push({
      type,
      reason,
      line: null,
      providerTxnId: null,
      paymentId: this.payments.keyText(index),
      dossierId: this.dossiers.text(index),
      internalAmount: this.amounts[index]!,
      providerAmount: null,
      internalStatus: PAYMENT_STATUSES[this.statuses[index]!]!,
      providerStatus: null,
      internalPaidAt: this.isoOrNull(this.paidAtMs[index]!),
      providerPaidAt: null,
      autoApply: false,
    });
  }

  private isoOrNull(ms: number): string | null {
    return ms === ms ? toVietnamIso(ms) : null;
  }

  // ---- storage -------------------------------------------------------------------------------

  private growPayments(): void {
    const capacity = this.amounts.length * 2;
    this.amounts = grow(this.amounts, new Float64Array(capacity));
    this.paidAtMs = grow(this.paidAtMs, new Float64Array(capacity));
    this.statuses = grow(this.statuses, new Uint8Array(capacity));
    this.flags = grow(this.flags, new Uint8Array(capacity));
  }

}

function grow<T extends Float64Array | Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

function pendingRowOf(rows: SettlementRowBatch, r: number): PendingRow {
  const buf = rows.buf;
  return {
    line: rows.line[r]!,
    providerTxnId: decodeText(buf, rows.providerTxnIdStart[r]!, rows.providerTxnIdEnd[r]!),
    paymentId: decodeText(buf, rows.paymentIdStart[r]!, rows.paymentIdEnd[r]!),
    amount: rows.amount[r]!,
    statusCode: rows.statusCode[r] === 0 ? 0 : 1,
    paidAt: decodeText(buf, rows.paidAtStart[r]!, rows.paidAtEnd[r]!),
  };
}

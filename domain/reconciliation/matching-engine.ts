import { startOfBusinessDate, toVietnamIso, type BusinessDate } from '../shared/business-date';
import { isAmountVnd, type AmountVnd } from '../shared/money';
import { decodeText, identifierProblem } from './csv-bytes';
import {
  emptyDiscrepancyCounts, type CarriedOverPayment, type Discrepancy, type DiscrepancyReason,
  type DiscrepancyType, type ReconciliationSummary,
} from './discrepancy';
import { PAYMENT_STATUSES, type InternalTransaction, type PaymentStatus } from './internal-transaction';
import { parseIsoInstantBytes } from './iso-instant-bytes';
import { InternalTransactionError, ReconciliationError } from './reconciliation-error';
import { SettlementCsvParser, type SettlementCsvOptions } from './settlement-csv-parser';
import type { SettlementRowBatch, SettlementStatus } from './settlement-row';

/**
 * The reconciliation matching engine: classifies one provider's settlement file for one business
 * date against the service's own transactions of that date. The rules are in RULES.md beside this
 * file.
 *
 * The day's transactions are kept in a Map by payment id (a run holds a day's worth: about 200 bytes
 * a payment), while the settlement file is streamed through SettlementCsvParser and only its
 * provider_txn_ids are kept (to find repeats). Discrepancies leave through `onDiscrepancies` after
 * each chunk of the file instead of piling up; only out-of-day rows wait, one lookup batch at a time.
 * On a real run matching is a small part of the time: reading the day from DynamoDB and writing what
 * it finds are the rest (docs/RECONCILIATION.md).
 */

const DAY_MS = 86_400_000;
const DEFAULT_PENDING_NEXT_DAY_WINDOW_MS = 30 * 60 * 1000;
const DEFAULT_LOOKUP_BATCH_SIZE = 100;
const END_SCAN_BATCH = 10_000;
const MAX_RECORD_ID_LENGTH = 200;
const MAX_PAID_AT_LENGTH = 64;

/** The day's transactions one by one, or in pages as a DynamoDB query returns them. */
export type InternalTransactionSource =
  | AsyncIterable<InternalTransaction | readonly InternalTransaction[]>
  | Iterable<InternalTransaction | readonly InternalTransaction[]>;

/** The settlement file's bytes, in chunks of any size. */
export type SettlementFileSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

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
   * "Inputs") unless `lookupPayments` is given. In any order.
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
    engine.readCarriedOver(input.carriedOver ?? []);
    engine.flagDossierDuplicates();
    await engine.flush();
    await engine.readSettlementFile(input.settlementFile);
    await engine.flagUnsettledPayments();
    return engine.result();
  } finally {
    // A run that fails before reading its inputs to the end still ends their readers (Query chains, say).
    await closeIterable(input.internalTransactions);
    await closeIterable(input.settlementFile);
  }
}

async function closeIterable(iterable: AsyncIterable<unknown> | Iterable<unknown>): Promise<void> {
  const iterator = Symbol.asyncIterator in iterable ? iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]();
  await iterator.return?.();
}

/** A payment of the day (or carried over into it), with what the file said about it so far. */
interface DayPayment {
  readonly paymentId: string;
  readonly dossierId: string;
  readonly amount: AmountVnd;
  readonly status: PaymentStatus;
  /** NaN when the payment has no payment time. */
  readonly paidAtMs: number;
  readonly carried: boolean;
  /** Some settlement row (not a repeat) referred to it. */
  seen: boolean;
  /** A SUCCEEDED row (not a repeat) settled it, matched or not. */
  claimed: boolean;
}

/** A payment the lookup port returned for a row naming a payment outside the day. */
interface OutOfDayPayment {
  readonly payment: KnownPayment;
  claimed: boolean;
}

interface SettlementRowFields {
  readonly line: number;
  readonly providerTxnId: string;
  readonly paymentId: string;
  readonly amount: AmountVnd;
  readonly status: SettlementStatus;
  readonly paidAt: string;
}

class MatchingEngine {
  private readonly payments = new Map<string, DayPayment>();
  /** The day's successes by dossier: one payment, or several once a dossier is paid twice. */
  private readonly dossiers = new Map<string, DayPayment | DayPayment[]>();
  private readonly providerTxnIds = new Set<string>();
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
  private pending: SettlementRowFields[] = [];
  private readonly outOfDay = new Map<string, OutOfDayPayment | null>();
  private readonly lookupBatchSize: number;
  private readonly encoder = new TextEncoder();

  constructor(private readonly input: ReconciliationInput) {
    this.dayStartMs = startOfBusinessDate(input.businessDate).getTime();
    this.dayEndMs = this.dayStartMs + DAY_MS;
    this.windowStartMs = this.dayEndMs - pendingNextDayWindowOf(input);
    this.sink = input.onDiscrepancies;
    this.lookupBatchSize = Math.max(1, input.lookupBatchSize ?? DEFAULT_LOOKUP_BATCH_SIZE);
  }

  // ---- internal side -------------------------------------------------------------------------

  async readInternalTransactions(source: InternalTransactionSource): Promise<void> {
    let position = 0;
    for await (const item of source) {
      const page = Array.isArray(item) ? (item as readonly InternalTransaction[]) : [item as InternalTransaction];
      for (const record of page) this.add(record, ++position, false);
    }
  }

  readCarriedOver(items: readonly CarriedOverPayment[]): void {
    items.forEach((item, i) => this.add({ ...item, status: 'SUCCEEDED' }, i + 1, true));
  }

  private add(record: InternalTransaction | KnownPayment, position: number, carried: boolean): void {
    const fail = (field: string, message: string): never => {
      throw new InternalTransactionError(position, carried ? `carriedOver.${field}` : field, message);
    };
    const identifier = (field: string, value: unknown): string => {
      if (typeof value !== 'string' || value.length > MAX_RECORD_ID_LENGTH) return fail(field, 'is not an identifier');
      const bytes = this.encoder.encode(value);
      const problem = identifierProblem(bytes, 0, bytes.length, true);
      return problem === null ? value : fail(field, problem);
    };
    const paymentId = identifier('paymentId', record.paymentId);
    const dossierId = identifier('dossierId', record.dossierId);
    if (!isAmountVnd(record.amount)) fail('amount', `${String(record.amount)} is not a whole, non-negative VND amount`);
    if (!PAYMENT_STATUSES.includes(record.status)) fail('status', `must be one of ${PAYMENT_STATUSES.join(', ')}`);
    const paidAt = record.paidAt ?? '';
    if (typeof paidAt !== 'string' || paidAt.length > MAX_PAID_AT_LENGTH) fail('paidAt', 'is not an ISO 8601 instant');
    let paidAtMs = NaN;
    if (paidAt !== '') {
      const bytes = this.encoder.encode(paidAt);
      paidAtMs = parseIsoInstantBytes(bytes, 0, bytes.length);
      if (Number.isNaN(paidAtMs)) fail('paidAt', `"${paidAt}" is not an ISO 8601 instant with an offset`);
    }
    if (this.payments.has(paymentId)) fail('paymentId', `${paymentId} is listed twice (or both carried over and in the day)`);

    const payment: DayPayment = { paymentId, dossierId, amount: record.amount, status: record.status, paidAtMs, carried, seen: false, claimed: false };
    this.payments.set(paymentId, payment);
    if (carried) {
      if (!(paidAtMs < this.dayStartMs)) fail('paidAt', 'a carried-over payment must be paid before the business date');
      return;
    }
    if (payment.status !== 'SUCCEEDED') return;
    if (!(paidAtMs >= this.dayStartMs && paidAtMs < this.dayEndMs)) {
      fail('paidAt', `a SUCCEEDED payment must be paid on ${this.input.businessDate} (UTC+7), got ${Number.isNaN(paidAtMs) ? 'none' : toVietnamIso(paidAtMs)}`);
    }
    this.summary.internal.count++;
    this.summary.internal.amount += payment.amount;
    const other = this.dossiers.get(dossierId);
    if (other === undefined) this.dossiers.set(dossierId, payment);
    else if (Array.isArray(other)) other.push(payment);
    else this.dossiers.set(dossierId, [other, payment]);
  }

  /** Rule 7: every success of a dossier but its first is a DUPLICATE. */
  flagDossierDuplicates(): void {
    const duplicates: DayPayment[] = [];
    for (const group of this.dossiers.values()) {
      if (!Array.isArray(group)) continue;
      const first = group.reduce((a, b) => (this.paidEarlier(b, a) ? b : a));
      for (const payment of group) if (payment !== first) duplicates.push(payment);
    }
    duplicates.sort((a, b) => (this.paidEarlier(a, b) ? -1 : 1));
    for (const payment of duplicates) this.raiseInternal('DUPLICATE', 'DOSSIER_PAID_TWICE', payment);
  }

  /** Payment-time order; ties broken by the smaller paymentId (its UTF-8 bytes). */
  private paidEarlier(a: DayPayment, b: DayPayment): boolean {
    if (a.paidAtMs !== b.paidAtMs) return a.paidAtMs < b.paidAtMs;
    return compareBytes(this.encoder.encode(a.paymentId), this.encoder.encode(b.paymentId)) < 0;
  }

  // ---- settlement side -----------------------------------------------------------------------

  async readSettlementFile(source: SettlementFileSource): Promise<void> {
    const parser = new SettlementCsvParser((batch) => this.classifyBatch(batch), settlementFileOptions(this.input));
    for await (const chunk of source) {
      parser.push(chunk);
      if (this.pending.length >= this.lookupBatchSize) await this.resolvePending();
      await this.flush();
    }
    parser.finish();
    await this.resolvePending();
    await this.flush();
  }

  private classifyBatch(batch: SettlementRowBatch): void {
    const { buf } = batch;
    for (let r = 0; r < batch.count; r++) {
      this.classifyRow({
        line: batch.line[r]!,
        providerTxnId: decodeText(buf, batch.providerTxnIdStart[r]!, batch.providerTxnIdEnd[r]!),
        paymentId: decodeText(buf, batch.paymentIdStart[r]!, batch.paymentIdEnd[r]!),
        amount: batch.amount[r]!,
        status: batch.statusCode[r] === 0 ? 'SUCCEEDED' : 'REVERSED',
        paidAt: decodeText(buf, batch.paidAtStart[r]!, batch.paidAtEnd[r]!),
      }, batch.fee[r]!);
    }
  }

  private classifyRow(row: SettlementRowFields, fee: AmountVnd): void {
    const summary = this.summary;
    summary.rows++;
    if (row.status === 'SUCCEEDED') {
      summary.provider.count++;
      summary.provider.amount += row.amount;
    } else {
      summary.providerReversed.count++;
      summary.providerReversed.amount += row.amount;
    }
    summary.provider.fee += fee;

    if (this.providerTxnIds.has(row.providerTxnId)) {
      this.raiseRow('DUPLICATE', 'PROVIDER_TXN_REPEATED', row, null);
      return;
    }
    this.providerTxnIds.add(row.providerTxnId);
    const payment = this.payments.get(row.paymentId);
    if (payment === undefined) {
      if (this.input.lookupPayments === undefined) this.raiseRow('UNKNOWN_REFERENCE', 'PAYMENT_NOT_ISSUED', row, null);
      else this.pending.push(row);
      return;
    }
    if (row.status === 'REVERSED') {
      payment.seen = true;
      if (payment.status === 'SUCCEEDED') this.raiseRow('STATUS_MISMATCH', 'REVERSED_SUCCESS', row, payment);
      return;
    }
    if (payment.claimed) {
      this.raiseRow('DUPLICATE', 'PAYMENT_SETTLED_TWICE', row, payment);
      return;
    }
    payment.seen = true;
    payment.claimed = true;
    if (row.amount !== payment.amount) {
      this.raiseRow('AMOUNT_MISMATCH', 'AMOUNT_DIFFERS', row, payment);
    } else if (payment.status === 'SUCCEEDED') {
      const bucket = payment.carried ? summary.carriedOverSettled : summary.matched;
      bucket.count++;
      bucket.amount += row.amount;
    } else if (payment.status === 'PENDING' || payment.status === 'EXPIRED') {
      this.raiseRow('MISSING_INTERNAL', 'LOST_CALLBACK', row, payment);
    } else {
      this.raiseRow('MISSING_INTERNAL', 'SUCCESS_AFTER_FAILURE', row, payment);
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
        if (!PAYMENT_STATUSES.includes(payment.status) || !isAmountVnd(payment.amount)) {
          throw new ReconciliationError(`payment lookup returned an invalid payment ${payment.paymentId}`);
        }
        this.outOfDay.set(payment.paymentId, { payment, claimed: false });
      }
    }
    for (const row of rows) this.classifyOutOfDayRow(row, this.outOfDay.get(row.paymentId) ?? null);
  }

  private classifyOutOfDayRow(row: SettlementRowFields, known: OutOfDayPayment | null): void {
    if (known === null) {
      this.raiseOutOfDay('UNKNOWN_REFERENCE', 'PAYMENT_NOT_ISSUED', row, null);
      return;
    }
    const { status } = known.payment;
    if (row.status === 'REVERSED') {
      if (status === 'SUCCEEDED') this.raiseOutOfDay('STATUS_MISMATCH', 'REVERSED_SUCCESS', row, known);
      return;
    }
    if (known.claimed) {
      this.raiseOutOfDay('DUPLICATE', 'PAYMENT_SETTLED_TWICE', row, known);
      return;
    }
    known.claimed = true;
    if (row.amount !== known.payment.amount) this.raiseOutOfDay('AMOUNT_MISMATCH', 'AMOUNT_DIFFERS', row, known);
    else if (status === 'SUCCEEDED') this.raiseOutOfDay('MISSING_INTERNAL', 'SUCCESS_NOT_IN_DAY', row, known);
    else if (status === 'PENDING' || status === 'EXPIRED') this.raiseOutOfDay('MISSING_INTERNAL', 'LOST_CALLBACK', row, known);
    else this.raiseOutOfDay('MISSING_INTERNAL', 'SUCCESS_AFTER_FAILURE', row, known);
  }

  /**
   * Successes no row referred to: PENDING_NEXT_DAY near midnight, else MISSING_AT_PROVIDER; the
   * day's in payment-time order, then the carried-over ones in the order they came.
   */
  async flagUnsettledPayments(): Promise<void> {
    const day: DayPayment[] = [];
    const carried: DayPayment[] = [];
    for (const payment of this.payments.values()) {
      if (payment.status !== 'SUCCEEDED' || payment.seen) continue;
      (payment.carried ? carried : day).push(payment);
    }
    day.sort((a, b) => (this.paidEarlier(a, b) ? -1 : 1));
    for (const payment of day) {
      if (payment.paidAtMs >= this.windowStartMs) {
        this.raiseInternal('PENDING_NEXT_DAY', 'PAID_BEFORE_MIDNIGHT', payment);
        this.carryOver.push({
          paymentId: payment.paymentId,
          dossierId: payment.dossierId,
          amount: payment.amount,
          paidAt: toVietnamIso(payment.paidAtMs),
          businessDate: this.input.businessDate,
        });
      } else {
        this.raiseInternal('MISSING_AT_PROVIDER', 'NOT_IN_FILE', payment);
      }
      if (this.batch.length >= END_SCAN_BATCH) await this.flush();
    }
    for (const payment of carried) this.raiseInternal('MISSING_AT_PROVIDER', 'CARRIED_OVER_NOT_IN_FILE', payment);
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

  private raiseRow(type: DiscrepancyType, reason: DiscrepancyReason, row: SettlementRowFields, payment: DayPayment | null): void {
    this.raise(type, reason, row, payment && { dossierId: payment.dossierId, amount: payment.amount, status: payment.status, paidAt: isoOrNull(payment.paidAtMs) });
  }

  private raiseOutOfDay(type: DiscrepancyType, reason: DiscrepancyReason, row: SettlementRowFields, known: OutOfDayPayment | null): void {
    const payment = known?.payment;
    this.raise(type, reason, row, payment ? { dossierId: payment.dossierId, amount: payment.amount, status: payment.status, paidAt: payment.paidAt ?? null } : null);
  }

  /** A finding about a settlement row, with the service's side of it when the payment is known. */
  private raise(
    type: DiscrepancyType,
    reason: DiscrepancyReason,
    row: SettlementRowFields,
    internal: { dossierId: string; amount: AmountVnd; status: PaymentStatus; paidAt: string | null } | null,
  ): void {
    const autoApply = reason === 'LOST_CALLBACK';
    this.count(type, autoApply);
    if (this.sink === undefined) return;
    this.batch.push({
      type,
      reason,
      line: row.line,
      providerTxnId: row.providerTxnId,
      paymentId: row.paymentId,
      dossierId: internal?.dossierId ?? null,
      internalAmount: internal?.amount ?? null,
      providerAmount: row.amount,
      internalStatus: internal?.status ?? null,
      providerStatus: row.status,
      internalPaidAt: internal?.paidAt ?? null,
      providerPaidAt: row.paidAt,
      autoApply,
    });
  }

  private raiseInternal(type: DiscrepancyType, reason: DiscrepancyReason, payment: DayPayment): void {
    this.count(type, false);
    if (this.sink === undefined) return;
    this.batch.push({
      type,
      reason,
      line: null,
      providerTxnId: null,
      paymentId: payment.paymentId,
      dossierId: payment.dossierId,
      internalAmount: payment.amount,
      providerAmount: null,
      internalStatus: payment.status,
      providerStatus: null,
      internalPaidAt: isoOrNull(payment.paidAtMs),
      providerPaidAt: null,
      autoApply: false,
    });
  }
}

function isoOrNull(ms: number): string | null {
  return Number.isNaN(ms) ? null : toVietnamIso(ms);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { applyCounterDeltas, REPORT_CHANNELS, type CounterDelta, type ReportChannel, type ReportCounter } from '../../domain/reports/counters';
import { isBusinessDate, type BusinessDate } from '../../domain/shared/business-date';
import { retryPause, TRANSACTION_TRIES, type TransactWriteItem } from '../adapters/dynamodb/transact-write';

/**
 * Report counters in the service table: one item per (agency, procedure, business date, channel,
 * shard), changed only by atomic ADDs inside the transaction of the payment that moves it.
 *
 *   counter   pk COUNTER#<agencyCode>
 *             sk <businessDate>#<procedureCode>#<channel>#<shard>      e.g. 2026-03-10#LLTP-CAP#ONLINE#0
 *             entity REPORT_COUNTER, agencyCode, procedureCode, businessDate, channel, shard,
 *             paymentTransactions, amount (VND), dossiersPaid   (numbers, signed deltas ADDed)
 *
 * Access pattern: a report for a period is one Query per agency in scope,
 *   pk = COUNTER#<agency> AND sk BETWEEN "<from>" AND "<to>#\uffff"
 * (business dates sort as text, so the sort key range is the period). Its cost follows the number of
 * counter items of the period, which is bounded by procedures × days × channels × shards and does not
 * grow with the number of payments. No GSI: counters are never looked up any other way.
 *
 * Sharding: every writer of a key ADDs into one shard, and readers sum every shard they find, so a
 * key may be spread over any number of shards without readers knowing how many. Writers use shard 0
 * (`unsharded`) by default. A counter is hot when concurrent transactions touching it cancel each
 * other (TransactionConflict) or its partition throttles. Provider successes are the writes that
 * come in bursts (a filing deadline, a bank's queue of callbacks released at once), all on one
 * (agency, procedure, business day): they pick one of PAYMENT_COUNTER_SHARDS shards by their payment
 * (`shardOfPayment`), so concurrent successes meet on one counter item a quarter as often. A
 * writer with no payment to commit with (applyDeltas) rebuilds its items with `randomShard()` when it
 * is retried. A reversal may land in another shard than its success: only the sum over shards has a
 * meaning, and a single shard may go below zero.
 *
 * Keys are built from codes the catalog restricts to [A-Z0-9_-], so "#" never appears inside a part.
 */

/** Picks the shard a delta is ADDed into; readers sum all shards of a key. */
export type ShardOf = (delta: CounterDelta) => number;

/** The most shards a writer may spread one counter over; a bound on what a report reads per key. */
export const COUNTER_SHARDS = 8;

export const unsharded: ShardOf = () => 0;

/**
 * The shards a provider success's counter is spread over. Real DynamoDB cancels a transaction that
 * meets another one in flight on the same item; a success transaction holds its items for tens of
 * milliseconds, so one counter item takes a few dozen successes a second before most of them cancel
 * each other (and are retried). Four shards take four times that. Few, because reports pay for them:
 * a report reads up to four items per online key instead of one (eight made bench:reports 3–4×
 * slower, docs/REPORTS.md), and only keys with several payments a day have more than one.
 */
export const PAYMENT_COUNTER_SHARDS = 4;

/** The shard of a payment's counter deltas: spread evenly over the payments, and always the same for one payment. */
export function shardOfPayment(paymentId: string, shards = PAYMENT_COUNTER_SHARDS): ShardOf {
  assertShardCount(shards);
  const shard = createHash('sha256').update(paymentId).digest()[0]! % shards;
  return () => shard;
}

/** Spreads a hot counter's writes over `shards` shards at random. */
export function randomShard(shards = COUNTER_SHARDS): ShardOf {
  assertShardCount(shards);
  return () => Math.floor(Math.random() * shards);
}

/** How many counter items one report may read before it is refused (memory and latency bound). */
export const MAX_COUNTER_ITEMS_PER_REPORT = 250_000;
/** Agencies queried at once: enough to hide latency, few enough not to flood one Lambda's sockets. */
const QUERY_PARALLELISM = 8;
const COUNTER_ENTITY = 'REPORT_COUNTER';
const CODE = /^[A-Z0-9_-]{1,64}$/;

export function counterPartitionKey(agencyCode: string): string {
  return `COUNTER#${agencyCode}`;
}

export function counterSortKey(delta: Pick<CounterDelta, 'businessDate' | 'procedureCode' | 'channel'>, shard: number): string {
  return `${delta.businessDate}#${delta.procedureCode}#${delta.channel}#${shard}`;
}

/**
 * The Update items that apply `deltas` with atomic ADDs, to be put in the same TransactWriteItems
 * as the payment write that produces them (so a counter moves exactly when the payment does).
 * Deltas with the same key are merged first (a transaction may touch an item only once) and deltas
 * that net to nothing are left out, so the result may be shorter than `deltas`, or empty.
 */
export function counterUpdateItems(tableName: string, deltas: readonly CounterDelta[], shardOf: ShardOf = unsharded): TransactWriteItem[] {
  const merged = applyCounterDeltas([], deltas).filter((d) => d.paymentTransactions !== 0 || d.amount !== 0 || d.dossiersPaid !== 0);
  return merged.map((delta) => {
    assertKeyParts(delta);
    const shard = shardOf(delta);
    if (!Number.isInteger(shard) || shard < 0 || shard >= COUNTER_SHARDS) throw new RangeError(`counter shard must be 0..${COUNTER_SHARDS - 1}, got ${shard}`);
    return {
      Update: {
        TableName: tableName,
        Key: { pk: counterPartitionKey(delta.agencyCode), sk: counterSortKey(delta, shard) },
        // The key attributes are SET on every write (same values each time) so a first ADD creates a
        // complete item; ADD starts a missing number at 0, so no read is needed first.
        UpdateExpression:
          'SET #entity = :entity, #agency = :agency, #procedure = :procedure, #date = :date, #channel = :channel, #shard = :shard ' +
          'ADD #transactions :transactions, #amount :amount, #dossiers :dossiers',
        ExpressionAttributeNames: {
          '#entity': 'entity',
          '#agency': 'agencyCode',
          '#procedure': 'procedureCode',
          '#date': 'businessDate',
          '#channel': 'channel',
          '#shard': 'shard',
          '#transactions': 'paymentTransactions',
          '#amount': 'amount',
          '#dossiers': 'dossiersPaid',
        },
        ExpressionAttributeValues: {
          ':entity': COUNTER_ENTITY,
          ':agency': delta.agencyCode,
          ':procedure': delta.procedureCode,
          ':date': delta.businessDate,
          ':channel': delta.channel,
          ':shard': shard,
          ':transactions': delta.paymentTransactions,
          ':amount': delta.amount,
          ':dossiers': delta.dossiersPaid,
        },
      },
    };
  });
}

export interface CounterQuery {
  readonly agencies: readonly string[];
  /** Business dates, both inclusive. */
  readonly from: BusinessDate;
  readonly to: BusinessDate;
}

/** A report would read more counter items than MAX_COUNTER_ITEMS_PER_REPORT. */
export class CounterReadLimitError extends Error {
  constructor(readonly limit: number) {
    super(`a report may read at most ${limit} counter items; narrow the period or the agencies`);
    this.name = 'CounterReadLimitError';
  }
}

export class DynamoDbReportCounterRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly maxItemsPerReport = MAX_COUNTER_ITEMS_PER_REPORT,
  ) {}

  /** The counters of the agencies for the period, one per key with its shards summed. */
  async queryCounters(query: CounterQuery): Promise<ReportCounter[]> {
    if (!isBusinessDate(query.from) || !isBusinessDate(query.to) || query.from > query.to) {
      throw new RangeError(`counter query needs a period of business dates, got ${query.from}..${query.to}`);
    }
    const agencies = [...new Set(query.agencies)];
    for (const agency of agencies) if (!CODE.test(agency)) throw new RangeError(`not an agency code: ${agency}`);
    const budget = { remaining: this.maxItemsPerReport };
    const shards: ReportCounter[] = [];
    for (let i = 0; i < agencies.length; i += QUERY_PARALLELISM) {
      const batch = agencies.slice(i, i + QUERY_PARALLELISM);
      const results = await Promise.all(batch.map((agency) => this.queryAgency(agency, query.from, query.to, budget)));
      for (const result of results) shards.push(...result);
    }
    return applyCounterDeltas([], shards);
  }

  /**
   * Applies deltas in a transaction of their own, for writers with no payment item to commit with
   * (tests, benchmarks, back-fills). A transaction cancelled by a conflict on a hot counter is
   * retried with the deltas spread over random shards.
   */
  async applyDeltas(deltas: readonly CounterDelta[], shardOf: ShardOf = unsharded): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const items = counterUpdateItems(this.tableName, deltas, attempt === 0 ? shardOf : randomShard());
      if (items.length === 0) return;
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!isTransactionConflict(error) || attempt + 1 >= TRANSACTION_TRIES) throw error;
        await retryPause(attempt);
      }
    }
  }

  private async queryAgency(agency: string, from: BusinessDate, to: BusinessDate, budget: { remaining: number }): Promise<ReportCounter[]> {
    const input: QueryCommandInput = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ProjectionExpression: '#procedure, #date, #channel, #transactions, #amount, #dossiers',
      ExpressionAttributeNames: {
        '#procedure': 'procedureCode',
        '#date': 'businessDate',
        '#channel': 'channel',
        '#transactions': 'paymentTransactions',
        '#amount': 'amount',
        '#dossiers': 'dossiersPaid',
      },
      ExpressionAttributeValues: { ':pk': counterPartitionKey(agency), ':from': from, ':to': `${to}#\uffff` },
    };
    const counters: ReportCounter[] = [];
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const page = await this.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      const items = page.Items ?? [];
      budget.remaining -= items.length;
      // A silently truncated read would under-count: refuse instead.
      if (budget.remaining < 0) throw new CounterReadLimitError(this.maxItemsPerReport);
      for (const item of items) counters.push(toCounter(agency, item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return counters;
  }
}

function toCounter(agencyCode: string, item: Record<string, unknown>): ReportCounter {
  const channel = item.channel as ReportChannel;
  if (!REPORT_CHANNELS.includes(channel)) throw new Error(`counter item of ${agencyCode} has an unknown channel ${String(item.channel)}`);
  return {
    agencyCode,
    procedureCode: String(item.procedureCode),
    businessDate: String(item.businessDate),
    channel,
    paymentTransactions: Number(item.paymentTransactions ?? 0),
    amount: Number(item.amount ?? 0),
    dossiersPaid: Number(item.dossiersPaid ?? 0),
  };
}

function assertKeyParts(delta: CounterDelta): void {
  if (!CODE.test(delta.agencyCode) || !CODE.test(delta.procedureCode)) {
    throw new RangeError(`counter keys need catalog codes [A-Z0-9_-], got ${delta.agencyCode}/${delta.procedureCode}`);
  }
  if (!isBusinessDate(delta.businessDate)) throw new RangeError(`not a business date: ${delta.businessDate}`);
  if (!REPORT_CHANNELS.includes(delta.channel)) throw new RangeError(`not a report channel: ${String(delta.channel)}`);
}

function assertShardCount(shards: number): void {
  if (!Number.isInteger(shards) || shards < 1 || shards > COUNTER_SHARDS) throw new RangeError(`shard count must be 1..${COUNTER_SHARDS}, got ${shards}`);
}

/** A transaction cancelled because another one held an item it touched (nothing was written). */
export function isTransactionConflict(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) {
    return (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');
  }
  return error instanceof Error && error.name === 'TransactionConflictException';
}

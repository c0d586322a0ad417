import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaContext } from './lambda-context';

/**
 * Reads the table's DynamoDB stream from DynamoDB Local and invokes a consumer handler the way a
 * Lambda DynamoDB event source does with ReportBatchItemFailures: records in order per shard, in
 * batches; when the handler reports a failed record (or throws), the batch is retried from that
 * record; after maxRetryAttempts the record is skipped and passed to onRecordDropped, as an
 * on-failure destination would receive it.
 */
export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

export interface TableStreamRunnerOptions {
  readonly dynamoDb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly tableName: string;
  readonly handler: StreamHandler;
  readonly functionName: string;
  readonly batchSize: number;
  readonly maxRetryAttempts: number;
  readonly pollIntervalMs?: number;
  /** Like a Lambda event filter: only records whose new image has `attribute` in `values` reach the handler. */
  readonly filter?: { readonly attribute: string; readonly values: readonly string[] };
  readonly onRecordDropped?: (record: DynamoDBStreamEvent['Records'][number], error: unknown) => void;
  readonly onError?: (error: unknown) => void;
}

interface ShardCursor {
  iterator: string | undefined;
  lastSequenceNumber: string | undefined;
  caughtUp: boolean;
  closed: boolean;
}

export class TableStreamRunner {
  private running = false;
  private busy = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly shards = new Map<string, ShardCursor>();
  private streamArn: string | undefined;
  /** Completed passes over every shard; a waiter compares two readings to know a full pass happened. */
  private passes = 0;

  constructor(private readonly options: TableStreamRunnerOptions) {}

  async start(): Promise<void> {
    const { Table } = await this.options.dynamoDb.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    this.streamArn = Table?.LatestStreamArn;
    if (!this.streamArn) throw new Error(`table ${this.options.tableName} has no stream`);
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loopDone;
  }

  get completedPasses(): number {
    return this.passes;
  }

  /** True when every open shard has been read to its end and no batch is being handled. */
  isIdle(): boolean {
    return !this.busy && [...this.shards.values()].every((shard) => shard.caughtUp || shard.closed);
  }

  private async loop(): Promise<void> {
    let lastDiscovery = 0;
    while (this.running) {
      try {
        if (Date.now() - lastDiscovery > 2000) {
          await this.discoverShards();
          lastDiscovery = Date.now();
        }
        let delivered = false;
        for (const [shardId, cursor] of this.shards) {
          if (!this.running) break;
          if (!cursor.closed) delivered = (await this.pollShard(shardId, cursor)) || delivered;
        }
        this.passes += 1;
        if (!delivered) await sleep(this.options.pollIntervalMs ?? 100);
      } catch (error) {
        this.options.onError?.(error);
        await sleep(500);
      }
    }
  }

  private async discoverShards(): Promise<void> {
    const { StreamDescription } = await this.options.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || this.shards.has(shard.ShardId)) continue;
      this.shards.set(shard.ShardId, { iterator: undefined, lastSequenceNumber: undefined, caughtUp: false, closed: false });
    }
  }

  /** Reads one batch from a shard and delivers it; true when records were delivered. */
  private async pollShard(shardId: string, cursor: ShardCursor): Promise<boolean> {
    cursor.iterator ??= await this.iteratorAfter(shardId, cursor.lastSequenceNumber);
    let page;
    try {
      page = await this.options.streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: this.options.batchSize }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
        cursor.iterator = undefined;
        return false;
      }
      throw error;
    }
    const records = page.Records ?? [];
    if (!page.NextShardIterator) cursor.closed = true;
    if (records.length === 0) {
      cursor.iterator = page.NextShardIterator;
      cursor.caughtUp = true;
      return false;
    }
    cursor.caughtUp = false;
    this.busy = true;
    try {
      const filter = this.options.filter;
      const delivered = records
        .map((record) => toLambdaRecord(record, this.streamArn!))
        .filter((record) => !filter || filter.values.includes((record.dynamodb?.NewImage?.[filter.attribute] as { S?: string } | undefined)?.S ?? ''));
      if (delivered.length > 0) await this.deliver(delivered);
    } finally {
      this.busy = false;
    }
    cursor.lastSequenceNumber = records.at(-1)?.dynamodb?.SequenceNumber;
    cursor.iterator = page.NextShardIterator;
    return true;
  }

  /** Delivers a batch, retrying from the first failed record, until it succeeds or a record is dropped. */
  private async deliver(batch: DynamoDBStreamEvent['Records']): Promise<void> {
    let remaining = batch;
    let attempts = 0;
    while (remaining.length > 0 && this.running) {
      let failedFrom: number;
      let failure: unknown;
      try {
        const response = await this.options.handler({ Records: remaining }, lambdaContext(this.options.functionName));
        const failedIds = new Set((response?.batchItemFailures ?? []).map((item) => item.itemIdentifier));
        failedFrom = remaining.findIndex((record) => failedIds.has(record.dynamodb?.SequenceNumber ?? ''));
        failure = new Error('reported as a batch item failure');
      } catch (error) {
        failedFrom = 0;
        failure = error;
        this.options.onError?.(error);
      }
      if (failedFrom < 0) return;
      if (failedFrom > 0) attempts = 0; // progress was made; the retry budget restarts for the new head record
      remaining = remaining.slice(failedFrom);
      attempts += 1;
      if (attempts > this.options.maxRetryAttempts) {
        this.options.onRecordDropped?.(remaining[0]!, failure);
        remaining = remaining.slice(1);
        attempts = 0;
        continue;
      }
      await sleep(Math.min(2000, 50 * 2 ** attempts));
    }
  }

  private async iteratorAfter(shardId: string, sequenceNumber: string | undefined): Promise<string | undefined> {
    const { ShardIterator } = await this.options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(sequenceNumber ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: sequenceNumber } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }
}

/** The SDK's record, reshaped as Lambda delivers it (creation time in epoch seconds). */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBStreamEvent['Records'][number] {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as 'INSERT' | 'MODIFY' | 'REMOVE',
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      Keys: record.dynamodb?.Keys as never,
      NewImage: record.dynamodb?.NewImage as never,
      OldImage: record.dynamodb?.OldImage as never,
      SequenceNumber: record.dynamodb?.SequenceNumber,
      SizeBytes: record.dynamodb?.SizeBytes,
      StreamViewType: record.dynamodb?.StreamViewType as 'NEW_IMAGE',
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Proves the local stream runner delivers the table's changes as Lambda's DynamoDB event source does: in order, retried from a failed record, a poison record dropped after its retries.
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { TableStreamRunner, type StreamHandler } from '../../functions/local/table-stream-runner';
import { createTestTable, type TestTable } from '../support/dynamodb';

function streamsClient(endpoint: string) {
  return new DynamoDBStreamsClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pkOf = (record: DynamoDBStreamEvent['Records'][number]) => record.dynamodb?.NewImage?.pk?.S;

describe('TableStreamRunner on DynamoDB Local', () => {
  let table: TestTable;
  let runner: TableStreamRunner | undefined;
  beforeEach(async () => (table = await createTestTable()));
  afterEach(async () => {
    await runner?.stop();
    await table.drop();
  });

  const start = async (handler: StreamHandler, dropped: string[] = []) => {
    runner = new TableStreamRunner({
      dynamoDb: table.client,
      streams: streamsClient(table.endpoint),
      tableName: table.tableName,
      handler,
      functionName: 'Relay',
      batchSize: 10,
      maxRetryAttempts: 2,
      pollIntervalMs: 20,
      onRecordDropped: (record) => dropped.push(pkOf(record) ?? '?'),
    });
    await runner.start();
  };
  const put = (pk: string) => table.doc.send(new PutCommand({ TableName: table.tableName, Item: { pk, sk: 'X' } }));

  it('delivers every insert once, in order, in Lambda’s record shape', async () => {
    const seen: DynamoDBStreamEvent['Records'] = [];
    await start(async (event) => void seen.push(...event.Records));
    for (const pk of ['a', 'b', 'c']) await put(pk);
    await until(() => seen.length === 3 && runner!.isIdle());
    expect(seen.map(pkOf)).toEqual(['a', 'b', 'c']);
    expect(seen[0]).toMatchObject({ eventName: 'INSERT', eventSource: 'aws:dynamodb', dynamodb: { StreamViewType: 'NEW_IMAGE' } });
    expect(typeof seen[0]?.dynamodb?.ApproximateCreationDateTime).toBe('number');
  });

  it('retries from the record the handler reports as failed, and moves on once it succeeds', async () => {
    const attempts = new Map<string, number>();
    const handled: string[] = [];
    await start(async (event): Promise<DynamoDBBatchResponse> => {
      for (const record of event.Records) {
        const pk = pkOf(record)!;
        const count = (attempts.get(pk) ?? 0) + 1;
        attempts.set(pk, count);
        if (pk === 'flaky' && count === 1) return { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
        handled.push(pk);
      }
      return { batchItemFailures: [] };
    });
    for (const pk of ['first', 'flaky', 'last']) await put(pk);
    await until(() => handled.includes('last') && runner!.isIdle());
    expect(handled.filter((pk) => pk === 'first')).toHaveLength(1);
    expect(attempts.get('flaky')).toBe(2);
    expect(handled.indexOf('flaky')).toBeLessThan(handled.indexOf('last'));
  });

  it('drops a record that keeps failing after maxRetryAttempts and reports it', async () => {
    const dropped: string[] = [];
    const handled: string[] = [];
    await start(async (event) => {
      for (const record of event.Records) {
        if (pkOf(record) === 'poison') return { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
        handled.push(pkOf(record)!);
      }
      return { batchItemFailures: [] };
    }, dropped);
    for (const pk of ['ok1', 'poison', 'ok2']) await put(pk);
    await until(() => handled.includes('ok2') && runner!.isIdle());
    expect(dropped).toEqual(['poison']);
    expect(handled).toEqual(['ok1', 'ok2']);
  });
});

// Proves the settlement-upload consumer with S3 (a local stand-in) and DynamoDB mocked: a valid uploaded file becomes the day's file (version, checksum, totals, uploader), a bad one (a malformed row, or bytes that are not UTF-8) is rejected by line without replacing it, an oversized or unknown one is refused or left alone, and an S3 fault is retried.
import { createHash } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { buildDependencies, useDependencies } from '../../functions/composition';
import { loadConfig } from '../../functions/config';
import { S3SettlementFileStore } from '../../functions/adapters/s3/s3-settlement-file-store';
import { NOT_UTF8 } from '../../functions/settlements/settlement-encoding';
import { handler } from '../../functions/settlements/settlement-uploaded.handler';
import { FakeS3 } from '../support/fake-s3';
import { ManualClock } from '../support/payments';

const s3 = new FakeS3('fee-payments-dev-settlements');
const dynamo = mockClient(DynamoDBDocumentClient);
const clock = new ManualClock(new Date('2026-03-11T09:00:00+07:00'));
const uploadId = 'upl_01KAAAAAAAAAAAAAAAAAA';
const key = `incoming/mock-bank/2026-03-10/${uploadId}.csv`;
const csv = [
  'provider_txn_id,payment_id,amount,fee,status,paid_at',
  'MB000000000001,pay_0000000000AAAAAAAAAAA,14000,112,SUCCEEDED,2026-03-10T09:01:00+07:00',
  'MB000000000002,pay_0000000000BBBBBBBBBBB,15000,0,REVERSED,2026-03-10T10:01:00+07:00',
  '',
].join('\n');

const sqsEvent = (objectKey: string, messageId = 'm-1'): SQSEvent => ({
  Records: [
    {
      messageId,
      receiptHandle: 'r',
      body: JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key: encodeURIComponent(objectKey).replace(/%2F/g, '/'), size: 10, versionId: 'v-9' } } }] }),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's3', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:settlement-uploads',
      awsRegion: 'ap-southeast-1',
    },
  ],
});
const requested = { Item: { pk: 'SETTLEMENT#mock-bank#2026-03-10', sk: `UPLOAD#${uploadId}`, status: 'REQUESTED', requestedBy: 'finance-province', uploadId, objectKey: key, source: 'UPLOAD_URL' } };
/** The uploaded object, as the notification names it (version v-9). */
const uploaded = (text: string | Buffer) => s3.putObject(key, text, { versionId: 'v-9' });

beforeAll(async () => {
  await s3.start();
  const config = loadConfig({ TABLE_NAME: 'fee-payments', SETTLEMENT_BUCKET: 'fee-payments-dev-settlements', SETTLEMENT_FILE_MAX_MB: '1' });
  const settlementFiles = new S3SettlementFileStore({
    bucket: 'fee-payments-dev-settlements',
    region: config.AWS_REGION,
    endpoint: s3.endpoint,
    credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example' }),
  });
  useDependencies(buildDependencies(config, { clock, settlementFiles }));
});
afterAll(() => s3.stop());

beforeEach(() => {
  s3.reset();
  dynamo.reset();
  dynamo.on(GetCommand).resolves(requested);
  dynamo.on(TransactWriteCommand).resolves({});
  dynamo.on(UpdateCommand).resolves({});
});

const gets = () => s3.requests.filter((request) => request.method === 'GET');

describe('settlement-uploaded handler', () => {
  it('accepts a valid file: the exact version becomes the day’s file with its totals and checksum', async () => {
    uploaded(csv);
    expect(await handler(sqsEvent(key))).toEqual({ batchItemFailures: [] });
    expect(gets().map((request) => request.url)).toEqual([`/fee-payments-dev-settlements/${key}?versionId=v-9&x-id=GetObject`]);
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Update?.ConditionExpression).toBe('#u0 = :requested');
    expect(items[1]?.Put?.Item).toMatchObject({
      pk: 'SETTLEMENT#mock-bank#2026-03-10',
      sk: 'FILE',
      uploadId,
      objectKey: key,
      versionId: 'v-9',
      rows: 2,
      totalAmount: 14_000,
      totalFee: 112,
      checksumSha256: createHash('sha256').update(csv).digest('hex'),
      uploadedBy: 'finance-province',
      source: 'UPLOAD_URL',
    });
  });

  it('rejects a malformed file with its line and field, and leaves the day’s file alone', async () => {
    uploaded(csv.replace(',15000,', ',15.000,'));
    expect(await handler(sqsEvent(key))).toEqual({ batchItemFailures: [] });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':rejected': 'REJECTED',
      ':rejection': { line: 3, field: 'amount', message: expect.any(String) },
    });
  });

  it('rejects a file with a byte that is not UTF-8 by line and column, and leaves the day’s file alone', async () => {
    const [head, rest] = [csv.slice(0, csv.indexOf('10:01')), csv.slice(csv.indexOf('10:01') + 5)];
    uploaded(Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28]), Buffer.from(rest)]));
    expect(await handler(sqsEvent(key))).toEqual({ batchItemFailures: [] });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':rejected': 'REJECTED',
      ':rejection': { line: 3, field: 'paid_at', message: NOT_UTF8 },
    });
  });

  it('refuses a file above the size limit without reading it', async () => {
    uploaded('x'.repeat(2 * 1024 * 1024));
    await handler(sqsEvent(key));
    expect(gets()).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues?.[':rejection']).toMatchObject({ line: null, field: 'file' });
  });

  it('leaves alone the API’s own objects, objects nobody asked to upload, and uploads already decided', async () => {
    await handler(sqsEvent(`settlements/mock-bank/2026-03-10/${uploadId}.csv`));
    expect(dynamo.calls()).toHaveLength(0);
    dynamo.on(GetCommand).resolves({});
    await handler(sqsEvent(key));
    dynamo.on(GetCommand).resolves({ Item: { ...requested.Item, status: 'ACCEPTED' } });
    await handler(sqsEvent(key));
    expect(s3.requests).toHaveLength(0);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('reports the message as failed when S3 faults, so the queue retries it', async () => {
    uploaded(csv);
    // Three 500s: the store's own retries give up, and the message goes back to the queue.
    s3.failNext(...Array.from({ length: 3 }, () => ({ status: 500, code: 'InternalError', method: 'GET' as const })));
    expect(await handler(sqsEvent(key, 'm-7'))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-7' }] });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});

// Proves the settlement-upload consumer with S3 and DynamoDB mocked: a valid uploaded file becomes the day's file (version, checksum, totals, uploader), a bad one is rejected by line without replacing it, an oversized or unknown one is refused or left alone, and an S3 fault is retried.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { buildDependencies, useDependencies } from '../../functions/composition';
import { loadConfig } from '../../functions/config';
import { handler } from '../../functions/settlements/settlement-uploaded.handler';
import { ManualClock } from '../support/payments';

const s3 = mockClient(S3Client);
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
const stream = (text: string) => Readable.from([Buffer.from(text, 'utf8')]) as never;

beforeAll(() => {
  const config = loadConfig({ TABLE_NAME: 'fee-payments', SETTLEMENT_BUCKET: 'fee-payments-dev-settlements', SETTLEMENT_FILE_MAX_MB: '1' });
  useDependencies(buildDependencies(config, { clock }));
});

beforeEach(() => {
  s3.reset();
  dynamo.reset();
  dynamo.on(GetCommand).resolves(requested);
  dynamo.on(TransactWriteCommand).resolves({});
  dynamo.on(UpdateCommand).resolves({});
  s3.on(HeadObjectCommand).resolves({ ContentLength: Buffer.byteLength(csv), VersionId: 'v-9' });
});

describe('settlement-uploaded handler', () => {
  it('accepts a valid file: the exact version becomes the day’s file with its totals and checksum', async () => {
    s3.on(GetObjectCommand).resolves({ Body: stream(csv) });
    expect(await handler(sqsEvent(key))).toEqual({ batchItemFailures: [] });
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({ Key: key, VersionId: 'v-9' });
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
    s3.on(GetObjectCommand).resolves({ Body: stream(csv.replace(',15000,', ',15.000,')) });
    expect(await handler(sqsEvent(key))).toEqual({ batchItemFailures: [] });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':rejected': 'REJECTED',
      ':rejection': { line: 3, field: 'amount', message: expect.any(String) },
    });
  });

  it('refuses a file above the size limit without reading it', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 2 * 1024 * 1024 });
    await handler(sqsEvent(key));
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues?.[':rejection']).toMatchObject({ line: null, field: 'file' });
  });

  it('leaves alone the API’s own objects, objects nobody asked to upload, and uploads already decided', async () => {
    await handler(sqsEvent(`settlements/mock-bank/2026-03-10/${uploadId}.csv`));
    expect(dynamo.calls()).toHaveLength(0);
    dynamo.on(GetCommand).resolves({});
    await handler(sqsEvent(key));
    dynamo.on(GetCommand).resolves({ Item: { ...requested.Item, status: 'ACCEPTED' } });
    await handler(sqsEvent(key));
    expect(s3.calls()).toHaveLength(0);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('reports the message as failed when S3 faults, so the queue retries it', async () => {
    s3.on(GetObjectCommand).rejects(new S3ServiceException({ name: 'InternalError', $fault: 'server', $metadata: { httpStatusCode: 500 }, message: 'We encountered an internal error' }));
    expect(await handler(sqsEvent(key, 'm-7'))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-7' }] });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});

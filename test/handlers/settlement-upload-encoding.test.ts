// Proves a settlement file uploaded through an upload URL with bytes that are not UTF-8 is REJECTED naming its line and column, and never becomes the day's file.
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
const uploadId = 'upl_01KAAAAAAAAAAAAAAAAAB';
const key = `incoming/mock-portal/2026-03-10/${uploadId}.csv`;

const notification: SQSEvent = {
  Records: [
    {
      messageId: 'm-1',
      receiptHandle: 'r',
      body: JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key, size: 10, versionId: 'v-1' } } }] }),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's3', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:settlement-uploads',
      awsRegion: 'ap-southeast-1',
    },
  ],
};

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

describe('settlement-uploaded handler and encoding', () => {
  it('rejects a file with a byte that is not UTF-8 by line and column, and leaves the day’s file alone', async () => {
    dynamo.on(GetCommand).resolves({ Item: { pk: 'SETTLEMENT#mock-portal#2026-03-10', sk: `UPLOAD#${uploadId}`, status: 'REQUESTED', requestedBy: 'kt', uploadId, objectKey: key, source: 'UPLOAD_URL' } });
    dynamo.on(UpdateCommand).resolves({});
    const file = Buffer.concat([
      Buffer.from('provider_txn_id,payment_id,amount,fee,status,paid_at\n'),
      Buffer.from('MP000000000001,pay_0000000000AAAAAAAAAAA,14000,0,SUCCEEDED,2026-03-10T09:01:00+07:00\n'),
      Buffer.from('MP000000000002,pay_0000000000BBBBBBBBBBB,15000,0,SUCCEEDED,2026-03-10T09:0'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('+07:00\n'),
    ]);
    s3.putObject(key, file, { versionId: 'v-1' });

    expect(await handler(notification)).toEqual({ batchItemFailures: [] });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':rejected': 'REJECTED',
      ':rejection': { line: 3, field: 'paid_at', message: NOT_UTF8 },
    });
  });
});

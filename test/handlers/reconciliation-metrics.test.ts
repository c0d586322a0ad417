// Proves the reconciliation worker feeds the ReconciliationFailed alarm: a run that ends FAILED, or that throws on its last delivery, writes a CloudWatch EMF line with ReconciliationFailed = 1 in the namespace and with the dimensions the alarm reads, and a retried delivery writes none.
import type { SQSEvent } from 'aws-lambda';
import { SettlementObjectMissingError } from '../../domain/ports/settlement-file-store';
import { useDependencies, type Dependencies } from '../../functions/composition';
import { RECONCILIATION_MAX_RECEIVES } from '../../functions/reconciliation/reconciliation-jobs';
import { handler } from '../../functions/reconciliation/run-reconciliation.handler';
import { emfLines, metricValues, withEmfEnabled } from '../support/emf';

withEmfEnabled();

const RUN_ID = 'rec_0000000000AAAAAAAAAAA';
const message = (receiveCount: number): SQSEvent['Records'][number] => ({
  messageId: `m-${receiveCount}`,
  receiptHandle: `r-${receiveCount}`,
  body: JSON.stringify({ runId: RUN_ID }),
  attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:reconciliation-jobs',
  awsRegion: 'ap-southeast-1',
});
const run = {
  runId: RUN_ID,
  provider: 'mock-bank',
  businessDate: '2026-03-10',
  status: 'RUNNING',
  attempts: 1,
  settlementFile: { uploadId: 'upl_1', objectKey: 'settlements/mock-bank/2026-03-10/upl_1.csv', checksumSha256: '0'.repeat(64), sizeBytes: 10, rows: 1, totalAmount: 1000 },
};

describe('the ReconciliationFailed metric', () => {
  const failRun = jest.fn(async () => undefined);
  const markRunning = jest.fn();

  beforeAll(() => {
    useDependencies({
      clock: { now: () => new Date('2026-03-11T09:00:00+07:00') },
      messageRetries: { retryLater: async () => undefined },
      reconciliations: { markRunning, failRun, releaseDay: async () => undefined, getDay: async () => undefined },
      autoApplies: { list: async () => new Map() },
      settlementFiles: {
        read: async () => {
          throw new SettlementObjectMissingError(run.settlementFile.objectKey);
        },
      },
    } as unknown as Dependencies);
  });
  beforeEach(() => markRunning.mockReset());

  it('is emitted in EMF when a run ends FAILED (its settlement file is gone)', async () => {
    markRunning.mockResolvedValue({ kind: 'RUNNING', run });

    const lines = await emfLines(() => handler({ Records: [message(1)] }));

    expect(failRun).toHaveBeenCalledWith(RUN_ID, expect.objectContaining({ reason: 'SETTLEMENT_FILE_MISSING', final: true }));
    expect(metricValues(lines, 'ReconciliationFailed')).toEqual([{ value: 1, namespace: 'FeePayments', dimensions: { service: 'fee-payments' } }]);
    expect(metricValues(lines, 'ReconciliationCompleted')).toEqual([]);
  });

  it('is emitted when a run throws on its last delivery, and not on a delivery the queue retries', async () => {
    markRunning.mockRejectedValue(new Error('DynamoDB is unreachable'));

    const retried = await emfLines(() => handler({ Records: [message(RECONCILIATION_MAX_RECEIVES - 1)] }));
    const last = await emfLines(() => handler({ Records: [message(RECONCILIATION_MAX_RECEIVES)] }));

    expect(metricValues(retried, 'ReconciliationFailed')).toEqual([]);
    expect(metricValues(last, 'ReconciliationFailed')).toEqual([{ value: 1, namespace: 'FeePayments', dimensions: { service: 'fee-payments' } }]);
  });
});

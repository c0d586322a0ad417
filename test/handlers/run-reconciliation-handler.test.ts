// Proves the reconciliation-jobs consumer: a run that fails unexpectedly is reported failed and its retry delayed by a backoff growing with the attempt, and a message that is not a run is dropped.
import type { SQSEvent } from 'aws-lambda';
import { useDependencies, type Dependencies } from '../../functions/composition';
import { handler } from '../../functions/reconciliation/run-reconciliation.handler';

const message = (body: string, receiveCount: number): SQSEvent['Records'][number] => ({
  messageId: `m-${receiveCount}`,
  receiptHandle: `r-${receiveCount}`,
  body,
  attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:reconciliation-jobs',
  awsRegion: 'ap-southeast-1',
});

describe('run-reconciliation handler', () => {
  const retryLater = jest.fn(async () => undefined);
  const markRunning = jest.fn(async () => {
    throw new Error('DynamoDB is unreachable');
  });

  beforeAll(() => {
    useDependencies({
      clock: { now: () => new Date('2026-03-11T09:00:00+07:00') },
      messageRetries: { retryLater },
      reconciliations: { markRunning },
    } as unknown as Dependencies);
  });

  it('reports an unexpected failure and delays the retry by 30 s times the attempt', async () => {
    const response = await handler({ Records: [message(JSON.stringify({ runId: 'rec_0000000000AAAAAAAAAAA' }), 2)] });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    expect(retryLater).toHaveBeenCalledWith('reconciliation-jobs', 'r-2', 60);
  });

  it('drops a message that names no run', async () => {
    markRunning.mockClear();
    const response = await handler({ Records: [message('{"runId": "../etc"}', 1), message('not json', 1)] });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(markRunning).not.toHaveBeenCalled();
  });
});

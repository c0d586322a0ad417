// Proves the consumers' retryLater on @aws-sdk/client-sqs: it asks SQS to hide the received message for the delay (whole seconds, 0 to 12 hours) on the queue URL from the environment, and with faults injected through aws-sdk-client-mock it names the refusal, throttling, 5xx or missing answer the SDK could not get past, keeping the SDK's error as the cause.
import { ChangeMessageVisibilityCommand, ReceiptHandleIsInvalid, SQSClient, SQSServiceException } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { SqsMessageRetries, SqsRequestError } from '../../functions/adapters/sqs/sqs-message-retries';

const QUEUE_URL = 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/fee-payments-dev-reconciliation-jobs';
const RECEIPT = 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a+/=';
const sqs = mockClient(SQSClient);
const retries = new SqsMessageRetries({ region: 'ap-southeast-1' }, { QUEUE_URL_RECONCILIATION_JOBS: QUEUE_URL });
const sqsError = (name: string, httpStatusCode: number) =>
  new SQSServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode }, message: `${name} (injected)` });

beforeEach(() => sqs.reset());
afterAll(() => sqs.restore());

describe('SqsMessageRetries', () => {
  it.each([
    [30, 30],
    [2.2, 3],
    [-5, 0],
    [100_000, 43_200],
  ])('hides the message on its queue for a delay of %s s as %s s', async (delaySeconds, visibilityTimeout) => {
    sqs.on(ChangeMessageVisibilityCommand).resolves({});

    await retries.retryLater('reconciliation-jobs', RECEIPT, delaySeconds);

    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, ReceiptHandle: RECEIPT, VisibilityTimeout: visibilityTimeout },
    ]);
  });

  it.each([
    ['a refusal', new ReceiptHandleIsInvalid({ message: 'The input receipt handle is invalid.', $metadata: { httpStatusCode: 400 } }), 'SQS ChangeMessageVisibility failed: HTTP 400 ReceiptHandleIsInvalid'],
    ['throttling', sqsError('RequestThrottled', 400), 'SQS ChangeMessageVisibility failed: HTTP 400 RequestThrottled'],
    ['a 5xx', sqsError('InternalError', 500), 'SQS ChangeMessageVisibility failed: HTTP 500 InternalError'],
    ['no answer at all', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } }), 'SQS ChangeMessageVisibility failed: no answer'],
  ])('names %s, keeping the SDK’s error as the cause', async (_, fault, message) => {
    sqs.on(ChangeMessageVisibilityCommand).rejects(fault);

    const failure = retries.retryLater('reconciliation-jobs', RECEIPT, 8);

    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toBeInstanceOf(SqsRequestError);
    await expect(failure).rejects.toMatchObject({ cause: fault });
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(1);
  });

  it('fails loudly when the queue URL is not configured, calling nothing', async () => {
    await expect(retries.retryLater('unknown-queue', RECEIPT, 8)).rejects.toThrow('QUEUE_URL_UNKNOWN_QUEUE environment variable is not set');
    expect(sqs.calls()).toHaveLength(0);
  });
});

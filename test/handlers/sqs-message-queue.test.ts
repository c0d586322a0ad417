// Proves the SQS adapter batches by ten, retries entries SQS reports as failed, and throws rather than drop a message.
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { QueueSendError, SqsMessageQueue } from '../../functions/adapters/sqs/sqs-message-queue';

const sqs = mockClient(SQSClient);
const env = { QUEUE_URL_PAYMENT_EVENTS: 'https://sqs.local/000/payment-events' };
const aQueue = () => new SqsMessageQueue('ap-southeast-1', new SQSClient({ region: 'ap-southeast-1' }), env);
const messages = (n: number) => Array.from({ length: n }, (_, i) => ({ body: `m${i}` }));

beforeEach(() => sqs.reset());

describe('SqsMessageQueue', () => {
  it('sends 23 messages as batches of 10, 10 and 3 to the URL from the environment', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    await aQueue().send('payment-events', messages(23));
    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(calls.map((call) => call.args[0].input.Entries?.length)).toEqual([10, 10, 3]);
    expect(calls[0]?.args[0].input.QueueUrl).toBe(env.QUEUE_URL_PAYMENT_EVENTS);
    expect(calls[2]?.args[0].input.Entries?.map((entry) => entry.MessageBody)).toEqual(['m20', 'm21', 'm22']);
  });

  it('resends only the entries SQS reported as failed', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }], Successful: [] })
      .resolves({ Failed: [], Successful: [] });
    await aQueue().send('payment-events', messages(3));
    const retry = sqs.commandCalls(SendMessageBatchCommand)[1]?.args[0].input.Entries;
    expect(retry?.map((entry) => entry.MessageBody)).toEqual(['m1']);
  });

  it('throws QueueSendError when entries keep failing, so the caller retries', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false }], Successful: [] });
    await expect(aQueue().send('payment-events', messages(1))).rejects.toBeInstanceOf(QueueSendError);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(3);
  });

  it('lets a throttling error from SQS reach the caller', async () => {
    sqs.on(SendMessageBatchCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(aQueue().send('payment-events', messages(1))).rejects.toThrow('Rate exceeded');
  });

  it('caps delays at the SQS maximum of 900 seconds', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Failed: [], Successful: [] });
    await aQueue().send('payment-events', [{ body: 'x', delaySeconds: 5000 }]);
    expect(sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.Entries?.[0]?.DelaySeconds).toBe(900);
  });

  it('fails loudly when the queue URL is not configured', async () => {
    await expect(aQueue().send('unknown-queue', messages(1))).rejects.toThrow('QUEUE_URL_UNKNOWN_QUEUE environment variable is not set');
  });
});

// Proves the outbox relay sends only outbox inserts, in order, and stops at the first failed send so nothing is lost or reordered.
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { MessageQueue, QueueMessage } from '../../../domain/ports/message-queue';
import { relayOutbox } from '../../../functions/outbox/relay-outbox';

type StreamRecord = DynamoDBStreamEvent['Records'][number];

const aRecord = (sequence: string, image: Record<string, string>, eventName: StreamRecord['eventName'] = 'INSERT'): StreamRecord => ({
  eventName,
  dynamodb: { SequenceNumber: sequence, NewImage: Object.fromEntries(Object.entries(image).map(([k, v]) => [k, { S: v }])) as never },
});
const outbox = (sequence: string, body: string) => aRecord(sequence, { pk: `OUTBOX#${sequence}`, recordType: 'OUTBOX', queue: 'payment-events', body });

function recordingQueue(failOn?: string) {
  const sent: Array<{ queue: string; message: QueueMessage }> = [];
  const queue: MessageQueue = {
    async send(name, messages) {
      for (const message of messages) {
        if (message.body === failOn) throw new Error('SQS unavailable');
        sent.push({ queue: name, message });
      }
    },
  };
  return { queue, sent };
}

describe('relayOutbox', () => {
  it('sends outbox inserts to their queue and ignores every other change', async () => {
    const { queue, sent } = recordingQueue();
    const result = await relayOutbox(
      [outbox('1', 'a'), aRecord('2', { pk: 'PAYMENT#x', recordType: 'PAYMENT' }), { ...outbox('3', 'b'), eventName: 'REMOVE' }, outbox('4', 'c')],
      queue,
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sent).toEqual([
      { queue: 'payment-events', message: { body: 'a' } },
      { queue: 'payment-events', message: { body: 'c' } },
    ]);
  });

  it('stops at the first failed send and reports that record for retry', async () => {
    const { queue, sent } = recordingQueue('b');
    const result = await relayOutbox([outbox('1', 'a'), outbox('2', 'b'), outbox('3', 'c')], queue);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(sent.map((entry) => entry.message.body)).toEqual(['a']);
  });
});

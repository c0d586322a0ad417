import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { MessageQueue } from '../../domain/ports/message-queue';
import { OUTBOX_RECORD_TYPE } from './outbox-record';

type StreamRecord = DynamoDBStreamEvent['Records'][number];

/**
 * Sends each new outbox record of a stream batch to its queue, in order. On the first failure it
 * stops and reports that record, so the event source retries from there: records after it are not
 * sent out of order, and records before it are not sent twice by this batch.
 */
export async function relayOutbox(records: readonly StreamRecord[], queue: MessageQueue): Promise<DynamoDBBatchResponse> {
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || image?.recordType?.S !== OUTBOX_RECORD_TYPE) continue;
    const queueName = image.queue?.S;
    const body = image.body?.S;
    if (!queueName || !body) continue; // not a well-formed outbox record: nothing could ever send it
    try {
      await queue.send(queueName, [{ body }]);
    } catch {
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}

import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { MAX_DELAY_SECONDS, type MessageQueue, type QueueMessage } from '../../../domain/ports/message-queue';
import { queueUrlOf } from './queue-urls';

/**
 * The MessageQueue port over SQS, to the queue URLs of ./queue-urls.ts. Messages go in batches of
 * ten (the SQS limit); entries SQS reports as failed are retried, and a send that still fails throws
 * so the caller's own retry (Lambda or the provider) takes over — nothing is dropped silently.
 */
const MAX_BATCH = 10;
const MAX_ATTEMPTS = 3;

export class QueueSendError extends Error {
  constructor(queueName: string, readonly failedIds: readonly string[]) {
    super(`could not send ${failedIds.length} message(s) to ${queueName}`);
    this.name = 'QueueSendError';
  }
}

export class SqsMessageQueue implements MessageQueue {
  private readonly client: SQSClient;

  constructor(region: string, client?: SQSClient, private readonly env: NodeJS.ProcessEnv = process.env) {
    this.client = client ?? new SQSClient({ region });
  }

  async send(queueName: string, messages: readonly QueueMessage[]): Promise<void> {
    const queueUrl = queueUrlOf(queueName, this.env);
    for (let start = 0; start < messages.length; start += MAX_BATCH) {
      let entries: SendMessageBatchRequestEntry[] = messages.slice(start, start + MAX_BATCH).map((message, i) => ({
        Id: String(start + i),
        MessageBody: message.body,
        ...(message.delaySeconds ? { DelaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.round(message.delaySeconds))) } : {}),
      }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        const result = await this.client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
        const failed = new Set((result.Failed ?? []).map((failure) => failure.Id));
        entries = entries.filter((entry) => failed.has(entry.Id));
        if (entries.length > 0 && attempt >= MAX_ATTEMPTS) throw new QueueSendError(queueName, entries.map((entry) => entry.Id ?? '?'));
      }
    }
  }

}

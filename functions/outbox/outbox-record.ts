import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * The transactional outbox. A use case that must publish a message after changing money state (e.g.
 * PaymentSucceeded) writes an outbox record in the SAME DynamoDB transaction as the change; the
 * table's stream carries the record to the relay, which sends it to its queue. A crash between the
 * commit and a publish therefore cannot lose the message: there is no separate publish to skip.
 *
 *   pk OUTBOX#<messageId> / sk OUTBOX, recordType OUTBOX, queue, body, createdAt, expiresAtEpoch
 *
 * The message id is derived from the fact it announces (e.g. PaymentSucceeded#<paymentId>), so the
 * same fact can never be announced twice. Outbox records expire after 30 days: they are delivery
 * bookkeeping, not money, and the stream has long delivered them by then.
 */
export const OUTBOX_RECORD_TYPE = 'OUTBOX';
const RETENTION_SECONDS = 30 * 24 * 60 * 60;

export interface OutboxMessage {
  readonly messageId: string;
  readonly queue: string;
  readonly body: unknown;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export function outboxPut(tableName: string, message: OutboxMessage, now: Date): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: `OUTBOX#${message.messageId}`,
        sk: 'OUTBOX',
        recordType: OUTBOX_RECORD_TYPE,
        messageId: message.messageId,
        queue: message.queue,
        body: JSON.stringify(message.body),
        createdAt: now.toISOString(),
        expiresAtEpoch: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Asynchronous work goes through named queues with SQS semantics: at-least-once delivery, so every
 * consumer must be idempotent. In AWS the adapter is SQS; locally an in-process queue.
 */
export interface QueueMessage {
  readonly body: string;
  /** Delivery delay, at most 900 s (the SQS limit). */
  readonly delaySeconds?: number;
}

export interface MessageQueue {
  send(queueName: string, messages: readonly QueueMessage[]): Promise<void>;
}

/** What a queue's consumer may do with a message it received, apart from the queue it sends to. */
export interface MessageRetries {
  /**
   * Makes a received message invisible for `delaySeconds` from now (SQS ChangeMessageVisibility), so
   * a consumer that reports it as failed sees it again only after a backoff of its choosing. Every
   * delivery still counts towards the queue's maxReceiveCount, so retries end in the dead-letter queue.
   */
  retryLater(queueName: string, receiptHandle: string, delaySeconds: number): Promise<void>;
}

export const MAX_DELAY_SECONDS = 900;

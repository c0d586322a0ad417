import { randomUUID } from 'node:crypto';
import type { MessageQueue, MessageRetries, QueueMessage } from '../../domain/ports/message-queue';

/**
 * A queue with the SQS semantics the consumers are written for, for local runs and tests (no SQS
 * emulator installs on this machine):
 * - at-least-once: a received message stays in the queue, invisible, until it is deleted;
 * - visibility timeout: a message not deleted in time becomes visible again and is redelivered;
 * - every receive counts; a message received maxReceiveCount times is moved to the dead-letter
 *   queue on its next receive, as SQS's redrive policy does;
 * - per-message delay.
 */
export interface InProcessQueueOptions {
  readonly name: string;
  readonly visibilityTimeoutMs: number;
  readonly maxReceiveCount: number;
  readonly deadLetterQueue?: InProcessQueue;
  readonly now?: () => number;
}

export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly sentAt: number;
  readonly firstReceivedAt: number;
}

interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  visibleAt: number;
  receiveCount: number;
  receiptHandle?: string;
  firstReceivedAt?: number;
}

export class InProcessQueue {
  readonly name: string;
  private readonly messages = new Map<string, StoredMessage>();
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;

  constructor(private readonly options: InProcessQueueOptions) {
    this.name = options.name;
    this.now = options.now ?? Date.now;
  }

  send(body: string, delayMs = 0): string {
    const messageId = randomUUID();
    const sentAt = this.now();
    this.messages.set(messageId, { messageId, body, sentAt, visibleAt: sentAt + delayMs, receiveCount: 0 });
    this.notify();
    return messageId;
  }

  receive(maxMessages: number): ReceivedMessage[] {
    const now = this.now();
    const received: ReceivedMessage[] = [];
    for (const message of this.messages.values()) {
      if (received.length >= maxMessages) break;
      if (message.visibleAt > now) continue;
      if (message.receiveCount >= this.options.maxReceiveCount) {
        this.messages.delete(message.messageId);
        this.options.deadLetterQueue?.send(message.body);
        continue;
      }
      message.receiveCount += 1;
      message.visibleAt = now + this.options.visibilityTimeoutMs;
      message.receiptHandle = randomUUID();
      message.firstReceivedAt ??= now;
      received.push({
        messageId: message.messageId,
        receiptHandle: message.receiptHandle,
        body: message.body,
        receiveCount: message.receiveCount,
        sentAt: message.sentAt,
        firstReceivedAt: message.firstReceivedAt,
      });
    }
    return received;
  }

  /** Deletes a message if the receipt handle is its latest one (an expired receipt deletes nothing). */
  delete(receiptHandle: string): boolean {
    for (const message of this.messages.values()) {
      if (message.receiptHandle === receiptHandle) return this.messages.delete(message.messageId);
    }
    return false;
  }

  changeVisibility(receiptHandle: string, timeoutMs: number): void {
    for (const message of this.messages.values()) {
      if (message.receiptHandle === receiptHandle) message.visibleAt = this.now() + timeoutMs;
    }
  }

  /** Counts like SQS's ApproximateNumberOfMessages{,NotVisible,Delayed}. */
  depth(): { visible: number; inFlight: number; delayed: number } {
    const now = this.now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now) visible++;
      else if (message.receiveCount > 0) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  /** Message bodies currently held, oldest first (for tests and the dead-letter report). */
  peekBodies(): string[] {
    return [...this.messages.values()].map((message) => message.body);
  }

  /** Milliseconds until the next message becomes visible, or undefined when the queue is empty. */
  msUntilNextVisible(): number | undefined {
    let next: number | undefined;
    for (const message of this.messages.values()) next = next === undefined ? message.visibleAt : Math.min(next, message.visibleAt);
    return next === undefined ? undefined : Math.max(0, next - this.now());
  }

  onMessage(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The MessageQueue and MessageRetries ports over a set of in-process queues, addressed by logical name. */
export class InProcessMessageQueue implements MessageQueue, MessageRetries {
  constructor(private readonly queuesByName: ReadonlyMap<string, InProcessQueue>) {}

  async send(queueName: string, messages: readonly QueueMessage[]): Promise<void> {
    const queue = this.queuesByName.get(queueName);
    if (!queue) throw new Error(`no queue named ${queueName}`);
    for (const message of messages) queue.send(message.body, (message.delaySeconds ?? 0) * 1000);
  }

  async retryLater(queueName: string, receiptHandle: string, delaySeconds: number): Promise<void> {
    const queue = this.queuesByName.get(queueName);
    if (!queue) throw new Error(`no queue named ${queueName}`);
    queue.changeVisibility(receiptHandle, delaySeconds * 1000);
  }
}

import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { InProcessQueue, ReceivedMessage } from './in-process-queue';
import { lambdaContext } from './lambda-context';

/**
 * Polls an in-process queue and invokes a consumer handler with SQS events, as Lambda's SQS event
 * source mapping does with ReportBatchItemFailures: messages the handler reports as failed (or the
 * whole batch, if it throws) are left to reappear after the visibility timeout; the rest are deleted.
 */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface QueueWorkerOptions {
  readonly batchSize: number;
  readonly functionName: string;
  readonly timeoutMs?: number;
  readonly onError?: (error: unknown) => void;
}

export class QueueWorker {
  private running = false;
  private busy = false;
  private wake: (() => void) | undefined;
  private loopDone: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly queue: InProcessQueue,
    private readonly handler: SqsHandler,
    private readonly options: QueueWorkerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.queue.onMessage(() => this.wake?.());
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loopDone;
  }

  /** True when nothing is visible, in flight or being handled (delayed messages may remain). */
  isIdle(): boolean {
    const depth = this.queue.depth();
    return !this.busy && depth.visible === 0 && depth.inFlight === 0;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const batch = this.queue.receive(this.options.batchSize);
      if (batch.length === 0) {
        await this.sleep(Math.min(this.queue.msUntilNextVisible() ?? 1000, 1000));
        continue;
      }
      this.busy = true;
      try {
        await this.deliver(batch);
      } finally {
        this.busy = false;
      }
    }
  }

  private async deliver(batch: readonly ReceivedMessage[]): Promise<void> {
    let failedIds: Set<string>;
    try {
      const response = await this.handler(toSqsEvent(this.queue.name, batch), lambdaContext(this.options.functionName, this.options.timeoutMs));
      failedIds = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch (error) {
      this.options.onError?.(error);
      failedIds = new Set(batch.map((message) => message.messageId));
    }
    for (const message of batch) {
      if (!failedIds.has(message.messageId)) this.queue.delete(message.receiptHandle);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

export function toSqsEvent(queueName: string, batch: readonly ReceivedMessage[]): SQSEvent {
  return {
    Records: batch.map((message) => ({
      messageId: message.messageId,
      receiptHandle: message.receiptHandle,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:local:000000000000:${queueName}`,
      awsRegion: 'local',
    })),
  };
}

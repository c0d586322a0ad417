import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { MessageRetries } from '../../../domain/ports/message-queue';
import { queueUrlOf } from './queue-urls';

/**
 * The MessageRetries port over SQS: ChangeMessageVisibility through @aws-sdk/client-sqs, to the queue
 * URL of ./queue-urls.ts. The SDK retries network errors, 5xx and throttling (three attempts in all);
 * what still fails is thrown as SqsRequestError naming the call, the status and SQS's error code, the
 * SDK's error kept as its cause, so the consumer reports the message as failed and SQS redelivers it
 * after its ordinary visibility timeout.
 */
export class SqsRequestError extends Error {
  constructor(
    readonly operation: string,
    /** 0 when no answer came at all. */
    readonly statusCode: number,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`SQS ${operation} failed: ${statusCode === 0 ? 'no answer' : `HTTP ${statusCode}`}${code ? ` ${code}` : ''}`, options);
    this.name = 'SqsRequestError';
  }
}

/** SQS takes whole seconds up to 12 hours; the message stays in flight until then. */
const MAX_VISIBILITY_SECONDS = 43_200;

export class SqsMessageRetries implements MessageRetries {
  private readonly client: SQSClient;

  constructor(
    options: { readonly region: string },
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.client = new SQSClient({ region: options.region });
  }

  async retryLater(queueName: string, receiptHandle: string, delaySeconds: number): Promise<void> {
    const queueUrl = queueUrlOf(queueName, this.env);
    const visibilityTimeout = Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(delaySeconds)));
    try {
      await this.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: visibilityTimeout }));
    } catch (error) {
      const answered = (error as { $metadata?: { httpStatusCode?: number }; $fault?: unknown }) ?? {};
      const statusCode = answered.$metadata?.httpStatusCode ?? 0;
      // A service error is named by SQS's code; a network error is not an SQS answer and has none.
      const code = answered.$fault !== undefined && statusCode !== 0 ? (error as Error).name : undefined;
      throw new SqsRequestError('ChangeMessageVisibility', statusCode, code, { cause: error });
    }
  }
}

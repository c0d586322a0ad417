import { HttpRequest } from '@smithy/core/protocols';
import type { MessageRetries } from '../../../domain/ports/message-queue';
import { discard, SignedRequests, type SignedRequestsOptions } from '../aws/signed-requests';
import { queueUrlOf } from './queue-urls';

/**
 * The MessageRetries port over SQS: ChangeMessageVisibility, in SQS's JSON protocol, sent to the
 * queue URL's own host as the SDK client sends it (its `useQueueUrlAsEndpoint`).
 *
 * Why it is written by hand: the queue consumers (the portal notifier, the reconciliation worker) make
 * only this one call, and @aws-sdk/client-sqs would add about 24 KB to each (every operation's schema
 * and error class comes with the client). Signing and retrying are ../aws/signed-requests.ts;
 * test/handlers/sqs-message-retries.test.ts checks the request against the SDK client's, signature
 * included, for the same inputs, credentials and clock.
 */
export class SqsRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly statusCode: number,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`SQS ${operation} failed: ${statusCode === NO_ANSWER ? 'no answer' : `HTTP ${statusCode}`}${code ? ` ${code}` : ''}`, options);
    this.name = 'SqsRequestError';
  }
}

/** A "network error" status for SqsRequestError when no answer came at all. */
const NO_ANSWER = 0;

export class SqsMessageRetries implements MessageRetries {
  private readonly requests: SignedRequests;

  constructor(
    options: Omit<SignedRequestsOptions, 'service' | 's3PathAndPayload' | 'errorCodeOf'>,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.requests = new SignedRequests({ ...options, service: 'sqs', errorCodeOf: errorCodeIn });
  }

  async retryLater(queueName: string, receiptHandle: string, delaySeconds: number): Promise<void> {
    const queueUrl = queueUrlOf(queueName, this.env);
    await this.call('ChangeMessageVisibility', queueUrl, { QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: visibilitySeconds(delaySeconds) });
  }

  private async call(operation: string, queueUrl: string, input: Record<string, unknown>): Promise<void> {
    const { protocol, hostname, port } = new URL(queueUrl);
    const body = JSON.stringify(input);
    const request = new HttpRequest({
      method: 'POST',
      protocol,
      hostname,
      ...(port ? { port: Number(port) } : {}),
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `AmazonSQS.${operation}`,
        // SQS answers errors with their query-protocol codes too (x-amzn-query-error), as the SDK asks.
        'x-amzn-query-mode': 'true',
        'content-length': String(Buffer.byteLength(body)),
        host: port ? `${hostname}:${port}` : hostname,
      },
      body,
    });
    let answer;
    try {
      answer = await this.requests.send(request);
    } catch (error) {
      throw new SqsRequestError(operation, NO_ANSWER, undefined, { cause: error });
    }
    if (answer.ok) return discard(answer.response);
    throw new SqsRequestError(operation, answer.statusCode, answer.code);
  }
}

/** SQS takes whole seconds up to 12 hours; the message stays in flight until then. */
function visibilitySeconds(delaySeconds: number): number {
  return Math.min(43_200, Math.max(0, Math.ceil(delaySeconds)));
}

/** The error's name from a JSON error answer: `{"__type":"com.amazonaws.sqs#QueueDoesNotExist", …}`. */
function errorCodeIn(json: string): string | undefined {
  try {
    const type = (JSON.parse(json) as { __type?: unknown }).__type;
    return typeof type === 'string' && type !== '' ? type.slice(type.lastIndexOf('#') + 1) : undefined;
  } catch {
    return undefined;
  }
}

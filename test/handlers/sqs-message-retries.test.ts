// Proves the hand-written ChangeMessageVisibility: its signed request is the one @aws-sdk/client-sqs sends for the same inputs, credentials and clock; against a local server standing in for SQS it goes to the queue URL's host, names SQS's error code when refused, retries a 5xx and throttling but not a refusal, and says when no answer came.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import type { Credentials } from '../../functions/adapters/aws/signed-requests';
import { SqsMessageRetries, SqsRequestError } from '../../functions/adapters/sqs/sqs-message-retries';
import { dropSdkBookkeepingHeaders, sent, signingDateOf } from '../support/sdk-requests';

const REGION = 'ap-southeast-1';
const credentials: Credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'session-token-example' };
const QUEUE_URL = 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/fee-payments-dev-reconciliation-jobs';
const RECEIPT = 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a+/=';

describe('SqsMessageRetries, compared with @aws-sdk/client-sqs', () => {
  /** The SDK client, catching what it would send. */
  function sdkClient(capture: HttpRequest[]) {
    const client = new SQSClient({
      region: REGION,
      credentials,
      requestHandler: { handle: async (request: HttpRequest) => (capture.push(request), { response: ok() }) },
    });
    dropSdkBookkeepingHeaders(client);
    return client;
  }
  const ok = () => new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from('{}')]) });

  it.each([
    [30, 30],
    [2.2, 3],
    [-5, 0],
    [100_000, 43_200],
  ])('sends the ChangeMessageVisibility the SDK sends, with the same signature (a delay of %s s is %s s)', async (delaySeconds, visibilityTimeout) => {
    const fromSdk: HttpRequest[] = [];
    await sdkClient(fromSdk).send(new ChangeMessageVisibilityCommand({ QueueUrl: QUEUE_URL, ReceiptHandle: RECEIPT, VisibilityTimeout: visibilityTimeout }));

    const fromAdapter: HttpRequest[] = [];
    const retries = new SqsMessageRetries(
      {
        region: REGION,
        credentials: async () => credentials,
        now: () => signingDateOf(fromSdk[0]!),
        httpHandler: { handle: async (request: HttpRequest) => (fromAdapter.push(request), { response: ok() }) },
      },
      { QUEUE_URL_RECONCILIATION_JOBS: QUEUE_URL },
    );
    await retries.retryLater('reconciliation-jobs', RECEIPT, delaySeconds);

    expect(fromAdapter.map(sent)).toEqual(fromSdk.map(sent));
    expect(JSON.parse(sent(fromAdapter[0]!).body!)).toEqual({ QueueUrl: QUEUE_URL, ReceiptHandle: RECEIPT, VisibilityTimeout: visibilityTimeout });
  });
});

describe('SqsMessageRetries against a stand-in SQS', () => {
  interface Received {
    readonly method: string;
    readonly url: string;
    readonly target: string | undefined;
    readonly authorization: string | undefined;
    readonly body: string;
  }
  const received: Received[] = [];
  const answers: Array<{ status: number; body: string }> = [];
  let server: Server;
  let queueUrl: string;

  const read = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      received.push({
        method: request.method!,
        url: request.url!,
        target: request.headers['x-amz-target'] as string | undefined,
        authorization: request.headers.authorization,
        body: await read(request),
      });
      const answer = answers.shift() ?? { status: 200, body: '{}' };
      response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' }).end(answer.body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    queueUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/000000000000/payment-events`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    answers.length = 0;
  });

  const aRetries = (url = queueUrl) => new SqsMessageRetries({ region: REGION, credentials: async () => credentials }, { QUEUE_URL_PAYMENT_EVENTS: url });

  it('posts the signed call to the host of the queue URL from the environment', async () => {
    await aRetries().retryLater('payment-events', 'rh-1', 8);

    expect(received).toEqual([
      {
        method: 'POST',
        url: '/',
        target: 'AmazonSQS.ChangeMessageVisibility',
        authorization: expect.stringMatching(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/ap-southeast-1\/sqs\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}$/),
        body: JSON.stringify({ QueueUrl: queueUrl, ReceiptHandle: 'rh-1', VisibilityTimeout: 8 }),
      },
    ]);
  });

  it('names the status and SQS’s error code of a refusal, and does not retry it', async () => {
    answers.push({ status: 400, body: '{"__type":"com.amazonaws.sqs#ReceiptHandleIsInvalid","message":"The input receipt handle is invalid."}' });

    const refusal = aRetries().retryLater('payment-events', 'rh-stale', 8);

    await expect(refusal).rejects.toThrow(new SqsRequestError('ChangeMessageVisibility', 400, 'ReceiptHandleIsInvalid'));
    await expect(refusal).rejects.toThrow('SQS ChangeMessageVisibility failed: HTTP 400 ReceiptHandleIsInvalid');
    expect(received).toHaveLength(1);
  });

  it('retries a 5xx up to three attempts in all, then names the last answer', async () => {
    answers.push({ status: 503, body: '' });
    await aRetries().retryLater('payment-events', 'rh-1', 8);
    expect(received).toHaveLength(2);

    received.length = 0;
    answers.push({ status: 500, body: '{"__type":"InternalError"}' }, { status: 500, body: '{"__type":"InternalError"}' }, { status: 500, body: 'not json' });
    await expect(aRetries().retryLater('payment-events', 'rh-1', 8)).rejects.toThrow(new SqsRequestError('ChangeMessageVisibility', 500, undefined));
    expect(received).toHaveLength(3);
  });

  it('retries throttling as the SDK does, whether SQS says so by status or by error code', async () => {
    answers.push({ status: 400, body: '{"__type":"com.amazonaws.sqs#RequestThrottled","message":"Request is throttled."}' }, { status: 429, body: '' });
    await aRetries().retryLater('payment-events', 'rh-1', 8);
    expect(received).toHaveLength(3);

    received.length = 0;
    const throttled = { status: 400, body: '{"__type":"com.amazonaws.coral.availability#ThrottlingException","message":"Rate exceeded"}' };
    answers.push(throttled, throttled, throttled);
    await expect(aRetries().retryLater('payment-events', 'rh-1', 8)).rejects.toThrow('SQS ChangeMessageVisibility failed: HTTP 400 ThrottlingException');
    expect(received).toHaveLength(3);
  });

  it('says no answer came when it cannot reach SQS, keeping the cause', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await aRetries(`http://127.0.0.1:${port}/000000000000/payment-events`)
      .retryLater('payment-events', 'rh-1', 8)
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(SqsRequestError);
    expect(error).toMatchObject({ statusCode: 0, message: 'SQS ChangeMessageVisibility failed: no answer', cause: expect.objectContaining({ code: 'ECONNREFUSED' }) });
  });

  it('fails loudly when the queue URL is not configured', async () => {
    await expect(aRetries().retryLater('unknown-queue', 'rh-1', 8)).rejects.toThrow('QUEUE_URL_UNKNOWN_QUEUE environment variable is not set');
    expect(received).toHaveLength(0);
  });
});

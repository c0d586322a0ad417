import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';
import { Sha256 } from '@smithy/core/checksum';
import type { HttpRequest } from '@smithy/core/protocols';
import { DEFAULT_RETRY_DELAY_BASE, isThrottlingError, THROTTLING_RETRY_DELAY_BASE } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * Signed requests to an AWS service, for the few calls the service makes without that service's SDK
 * client: S3 (adapters/s3) and SQS's ChangeMessageVisibility (adapters/sqs/sqs-message-retries.ts).
 * Each of those clients would add 20–165 KB to the functions that make one or two calls with it, and
 * the pieces a call needs are ones every function with the DynamoDB client bundles already:
 * SignatureV4 signs as the SDK clients configure it, NodeHttpHandler sends, and the credentials come
 * from the same default provider chain as the other clients (in Lambda, the role's environment:
 * infra/lambda-shims). The adapters' tests compare their requests with the SDK clients', signature
 * included, for the same inputs, credentials and clock.
 *
 * Like the SDK, a request that fails on the network, with a 5xx or because it was throttled (429, or
 * an error code the SDK counts as throttling, such as SQS's RequestThrottled or ThrottlingException)
 * is sent again, up to MAX_ATTEMPTS; a throttled one waits longer first, as the SDK does.
 */
export interface SignedRequestsOptions {
  /** The signing name: `s3`, `sqs`. */
  readonly service: string;
  readonly region: string;
  /** Default: the SDK's default credential chain, cached until the credentials near their expiry. */
  readonly credentials?: CredentialsProvider;
  readonly now?: () => Date;
  /** Default: NodeHttpHandler; tests may catch the signed requests instead. */
  readonly httpHandler?: Pick<NodeHttpHandler, 'handle'>;
  /**
   * S3 signs the path as sent (each segment encoded once), not encoded a second time as other
   * services, and its requests state their payload hash themselves (x-amz-content-sha256).
   */
  readonly s3PathAndPayload?: boolean;
  /** The error code in an error answer's body (S3's XML `<Code>`, SQS's JSON `__type`). */
  readonly errorCodeOf: (body: string) => string | undefined;
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}
export type CredentialsProvider = () => Promise<Credentials>;

export type SignedResponse = Awaited<ReturnType<NodeHttpHandler['handle']>>['response'];

/** A 2xx answer, its body still to read; or an error answer, read: its status and error code. */
export type SignedAnswer =
  | { readonly ok: true; readonly response: SignedResponse }
  | { readonly ok: false; readonly statusCode: number; readonly code: string | undefined };

/** Attempts per request, the first included; the waits between them grow from the SDK's base delays, with jitter. */
const MAX_ATTEMPTS = 3;
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
/** An error answer is a short XML or JSON document; read no more of it than this. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;
/** How long to wait for a connection; the function's own timeout bounds the rest, as with the SDK. */
const CONNECTION_TIMEOUT_MS = 5_000;

export class SignedRequests {
  readonly signer: SignatureV4;
  readonly now: () => Date;
  private readonly http: Pick<NodeHttpHandler, 'handle'>;
  private readonly errorCodeOf: (body: string) => string | undefined;

  constructor(options: SignedRequestsOptions) {
    this.now = options.now ?? (() => new Date());
    this.errorCodeOf = options.errorCodeOf;
    this.http = options.httpHandler ?? new NodeHttpHandler({ connectionTimeout: CONNECTION_TIMEOUT_MS });
    this.signer = new SignatureV4({
      service: options.service,
      region: options.region,
      credentials: options.credentials ?? memoizeIdentityProvider(defaultProvider(), isIdentityExpired, doesIdentityRequireRefresh)!,
      sha256: Sha256,
      ...(options.s3PathAndPayload ? { uriEscapePath: false, applyChecksum: false } : {}),
    });
  }

  /**
   * Signs and sends the request, again after a network error, a 5xx or throttling (signing works on a
   * copy, so each attempt signs the same request afresh). Returns the last answer; throws the network
   * error when no answer came at all.
   */
  async send(request: HttpRequest): Promise<SignedAnswer> {
    for (let attempt = 1; ; attempt++) {
      const signed = (await this.signer.sign(request, { signingDate: this.now() })) as HttpRequest;
      let response: SignedResponse;
      try {
        ({ response } = await this.http.handle(signed));
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS) throw error;
        await backOff(attempt, DEFAULT_RETRY_DELAY_BASE);
        continue;
      }
      const { statusCode } = response;
      if (statusCode >= 200 && statusCode < 300) return { ok: true, response };
      const code = this.errorCodeOf(await readText(response, MAX_ERROR_BODY_BYTES));
      const throttled = isThrottlingError({ name: code ?? '', message: '', $metadata: { httpStatusCode: statusCode } });
      if (attempt >= MAX_ATTEMPTS || !(throttled || TRANSIENT_STATUSES.has(statusCode))) return { ok: false, statusCode, code };
      await backOff(attempt, throttled ? THROTTLING_RETRY_DELAY_BASE : DEFAULT_RETRY_DELAY_BASE);
    }
  }
}

/** Up to `limit` bytes of the answer as text; the rest is read and dropped, so the connection can be reused. */
async function readText(response: SignedResponse, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    if (kept >= limit) continue;
    const part = Buffer.from(chunk).subarray(0, limit - kept);
    chunks.push(part);
    kept += part.byteLength;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads an answer whose body is not used. */
export async function discard(response: SignedResponse): Promise<void> {
  await readText(response, 0);
}

function backOff(attempt: number, baseDelayMs: number): Promise<void> {
  const delayMs = Math.random() * baseDelayMs * 2 ** (attempt - 1);
  return new Promise((resolve) => setTimeout(resolve, delayMs));
}

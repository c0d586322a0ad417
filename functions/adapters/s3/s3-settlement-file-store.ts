import { createHash } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';
import { Sha256 } from '@smithy/core/checksum';
import { buildQueryString, extendedEncodeURIComponent, HttpRequest } from '@smithy/core/protocols';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  SettlementObjectMissingError,
  type SettlementFileStore,
  type StoredObjectInfo,
  type StoredObjectRef,
  type UploadUrl,
} from '../../../domain/ports/settlement-file-store';

/**
 * The settlement-file store over an S3 bucket (SETTLEMENT_BUCKET). The bucket is versioned, so every
 * reference keeps the version it was written or read as, and reads ask for that version: an object
 * overwritten through a reused upload URL can never change a file already accepted.
 *
 * Upload URLs are presigned PUTs with the content type and the exact content length signed, so a
 * client cannot send more (or other) bytes than it announced.
 *
 * Why it is written by hand: the store needs three REST calls (PutObject, GetObject, HeadObject) and
 * a presigned PUT, and @aws-sdk/client-s3 with @aws-sdk/s3-request-presigner added about 165 KB
 * (the XML protocol, checksums, S3 middleware, the multi-region signer) to each of the four functions
 * that use the bucket. This module speaks those calls with the SDK's own pieces, which every function
 * with the DynamoDB client bundles already: SignatureV4 signs exactly as the S3 client and the
 * presigner configure it (service s3, no second escaping of the path, the payload hash in
 * x-amz-content-sha256), NodeHttpHandler sends, and the credentials come from the same default
 * provider chain as the other clients (in Lambda, the role's environment: infra/lambda-shims).
 * test/handlers/s3-settlement-file-store.test.ts checks its requests and URLs against the SDK's, byte
 * for byte, for the same inputs, credentials and clock.
 *
 * Requests go to the bucket's virtual-hosted endpoint, `https://<bucket>.s3.<region>.amazonaws.com/<key>`
 * with each segment of the key URI-encoded; `endpoint` (tests) addresses another server path-style.
 * Like the SDK it retries a request that fails on the network or with a 5xx, up to MAX_ATTEMPTS.
 * Unlike the SDK's current default it adds no CRC32 to a presigned PUT: the SDK signs the checksum of
 * the empty body there (aws-sdk-js-v3#6994), which S3 then refuses for any real upload.
 */
export interface S3SettlementFileStoreOptions {
  readonly bucket: string;
  readonly region: string;
  /** Another S3-compatible server (a local stand-in in tests), addressed path-style: `<endpoint>/<bucket>/<key>`. */
  readonly endpoint?: string;
  /** Default: the SDK's default credential chain, cached until the credentials near their expiry. */
  readonly credentials?: CredentialsProvider;
  readonly now?: () => Date;
  /** Default: NodeHttpHandler; tests may catch the signed requests instead. */
  readonly httpHandler?: Pick<NodeHttpHandler, 'handle'>;
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}
export type CredentialsProvider = () => Promise<Credentials>;

/** An S3 answer other than the ones the store expects, named by status and S3's error code. */
export class S3RequestError extends Error {
  constructor(
    readonly operation: string,
    readonly key: string,
    readonly statusCode: number,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`S3 ${operation} of ${key} failed: HTTP ${statusCode}${code ? ` ${code}` : ''}`, options);
    this.name = 'S3RequestError';
  }
}

/** Attempts per request, the first included; the waits between them grow from RETRY_BASE_DELAY_MS, with jitter. */
const MAX_ATTEMPTS = 3;
const RETRY_BASE_DELAY_MS = 100;
const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);
/** How long to wait for a connection to S3; the function's own timeout bounds the rest, as with the SDK. */
const CONNECTION_TIMEOUT_MS = 5_000;
/** An error answer is a short XML document; read no more of it than this. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;
/** A "network error" status for S3RequestError when no answer came at all. */
const NO_ANSWER = 0;
/** SHA-256 of the empty payload, as GET and HEAD sign it. */
const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Bucket names S3 serves virtual-hosted over TLS: no dots (a dotted name would not match the certificate). */
const VIRTUAL_HOSTABLE_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

interface Target {
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number;
  /** What comes before the key in the path: empty virtual-hosted, `/<bucket>` path-style. */
  readonly pathPrefix: string;
}

type Response = Awaited<ReturnType<NodeHttpHandler['handle']>>['response'];

export class S3SettlementFileStore implements SettlementFileStore {
  private readonly target: Target;
  private readonly signer: SignatureV4;
  private readonly http: Pick<NodeHttpHandler, 'handle'>;
  private readonly now: () => Date;

  constructor(options: S3SettlementFileStoreOptions) {
    this.target = targetOf(options);
    this.now = options.now ?? (() => new Date());
    this.http = options.httpHandler ?? new NodeHttpHandler({ connectionTimeout: CONNECTION_TIMEOUT_MS });
    this.signer = new SignatureV4({
      service: 's3',
      region: options.region,
      credentials: options.credentials ?? memoizeIdentityProvider(defaultProvider(), isIdentityExpired, doesIdentityRequireRefresh)!,
      sha256: Sha256,
      // S3 signs the path as sent (each segment encoded once), not encoded a second time as other services.
      uriEscapePath: false,
      // Every request states its payload hash itself (x-amz-content-sha256), as the S3 client and the presigner do.
      applyChecksum: false,
    });
  }

  async put(key: string, body: Uint8Array, options: { readonly contentType: string }): Promise<StoredObjectRef> {
    const response = await this.send(
      'PutObject',
      key,
      this.request('PUT', key, {
        query: { 'x-id': 'PutObject' },
        headers: {
          'content-type': options.contentType,
          'content-length': String(body.byteLength),
          'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
        },
        body,
      }),
    );
    await discard(response);
    const versionId = header(response, 'x-amz-version-id');
    return { key, ...(versionId ? { versionId } : {}) };
  }

  async read(ref: StoredObjectRef): Promise<AsyncIterable<Uint8Array>> {
    try {
      const response = await this.send(
        'GetObject',
        ref.key,
        this.request('GET', ref.key, { query: { 'x-id': 'GetObject', ...(ref.versionId ? { versionId: ref.versionId } : {}) }, headers: { 'x-amz-content-sha256': EMPTY_PAYLOAD_SHA256 } }),
      );
      // NodeHttpHandler's body is the response stream, an async iterable of Buffers.
      return response.body as AsyncIterable<Uint8Array>;
    } catch (error) {
      if (isMissing(error)) throw new SettlementObjectMissingError(ref.key);
      throw error;
    }
  }

  async head(ref: StoredObjectRef): Promise<StoredObjectInfo | undefined> {
    let response: Response;
    try {
      response = await this.send(
        'HeadObject',
        ref.key,
        this.request('HEAD', ref.key, { query: ref.versionId ? { versionId: ref.versionId } : {}, headers: { 'x-amz-content-sha256': EMPTY_PAYLOAD_SHA256 } }),
      );
    } catch (error) {
      // A HEAD answer has no body to name the error: any 404 means there is no such object (or version).
      if (error instanceof S3RequestError && error.statusCode === 404) return undefined;
      throw error;
    }
    await discard(response);
    const versionId = header(response, 'x-amz-version-id') ?? ref.versionId;
    return { key: ref.key, sizeBytes: Number(header(response, 'content-length') ?? 0), ...(versionId ? { versionId } : {}) };
  }

  async createUploadUrl(
    key: string,
    options: { readonly sizeBytes: number; readonly contentType: string; readonly expiresInSeconds: number },
  ): Promise<UploadUrl> {
    const signingDate = this.now();
    const request = this.request('PUT', key, {
      query: { 'x-id': 'PutObject' },
      // The presigner's own header name and value: the body is not known, so its hash is not signed.
      headers: { 'content-type': options.contentType, 'content-length': String(options.sizeBytes), 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    });
    const presigned = await this.signer.presign(request, {
      expiresIn: options.expiresInSeconds,
      signingDate,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    const { protocol, hostname, port } = this.target;
    const url = `${protocol}//${hostname}${port ? `:${port}` : ''}${presigned.path}?${buildQueryString(presigned.query ?? {})}`;
    const expiresAt = new Date(signingDate.getTime() + options.expiresInSeconds * 1000);
    return { url, method: 'PUT', headers: { 'content-type': options.contentType, 'content-length': String(options.sizeBytes) }, expiresAt };
  }

  private request(
    method: 'GET' | 'HEAD' | 'PUT',
    key: string,
    parts: { readonly query: Record<string, string>; readonly headers: Record<string, string>; readonly body?: Uint8Array },
  ): HttpRequest {
    const { protocol, hostname, port, pathPrefix } = this.target;
    return new HttpRequest({
      method,
      protocol,
      hostname,
      ...(port ? { port } : {}),
      path: `${pathPrefix}/${key.split('/').map(extendedEncodeURIComponent).join('/')}`,
      query: parts.query,
      headers: { host: port ? `${hostname}:${port}` : hostname, ...parts.headers },
      ...(parts.body ? { body: parts.body } : {}),
    });
  }

  /**
   * Signs and sends the request, again after a network error or a 5xx (signing works on a copy, so
   * each attempt signs the same request afresh); a 2xx answer is returned, any other thrown as
   * S3RequestError.
   */
  private async send(operation: string, key: string, request: HttpRequest): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const signed = (await this.signer.sign(request, { signingDate: this.now() })) as HttpRequest;
      let response: Response;
      try {
        ({ response } = await this.http.handle(signed));
      } catch (error) {
        if (attempt < MAX_ATTEMPTS) {
          await backOff(attempt);
          continue;
        }
        throw new S3RequestError(operation, key, NO_ANSWER, undefined, { cause: error });
      }
      if (response.statusCode >= 200 && response.statusCode < 300) return response;
      const code = errorCodeIn(await readText(response, MAX_ERROR_BODY_BYTES));
      if (RETRYABLE_STATUSES.has(response.statusCode) && attempt < MAX_ATTEMPTS) {
        await backOff(attempt);
        continue;
      }
      throw new S3RequestError(operation, key, response.statusCode, code);
    }
  }
}

function targetOf(options: S3SettlementFileStoreOptions): Target {
  if (options.endpoint) {
    const url = new URL(options.endpoint);
    return { protocol: url.protocol, hostname: url.hostname, ...(url.port ? { port: Number(url.port) } : {}), pathPrefix: `/${options.bucket}` };
  }
  if (!VIRTUAL_HOSTABLE_BUCKET.test(options.bucket)) {
    throw new Error(`settlement bucket ${options.bucket} cannot be addressed virtual-hosted style over TLS (lowercase letters, digits and hyphens only)`);
  }
  return { protocol: 'https:', hostname: `${options.bucket}.s3.${options.region}.amazonaws.com`, pathPrefix: '' };
}

/** A missing object, or a missing version of one; a missing bucket is a fault, not a missing file. */
function isMissing(error: unknown): boolean {
  return error instanceof S3RequestError && error.statusCode === 404 && (error.code === undefined || error.code === 'NoSuchKey' || error.code === 'NoSuchVersion');
}

function header(response: Response, name: string): string | undefined {
  const value = response.headers[name];
  return value === undefined || value === '' ? undefined : value;
}

function errorCodeIn(xml: string): string | undefined {
  return /<Code>([^<]{1,100})<\/Code>/.exec(xml)?.[1];
}

/** Up to `limit` bytes of the answer as text; the rest is read and dropped, so the connection can be reused. */
async function readText(response: Response, limit: number): Promise<string> {
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

/** Reads an answer whose body the store does not use (PUT and HEAD answer with headers only). */
async function discard(response: Response): Promise<void> {
  await readText(response, 0);
}

function backOff(attempt: number): Promise<void> {
  const delayMs = Math.random() * RETRY_BASE_DELAY_MS * 2 ** (attempt - 1);
  return new Promise((resolve) => setTimeout(resolve, delayMs));
}

import { createHash } from 'node:crypto';
import { buildQueryString, extendedEncodeURIComponent, HttpRequest } from '@smithy/core/protocols';
import {
  SettlementObjectMissingError,
  type SettlementFileStore,
  type StoredObjectInfo,
  type StoredObjectRef,
  type UploadUrl,
} from '../../../domain/ports/settlement-file-store';
import { discard, SignedRequests, type SignedRequestsOptions, type SignedResponse } from '../aws/signed-requests';

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
 * (the XML protocol, checksums, S3 middleware, the multi-region signer) to each function that uses the
 * bucket. It signs as the S3 client and the presigner configure SignatureV4 (service s3, no second
 * escaping of the path, the payload hash in x-amz-content-sha256) through ../aws/signed-requests.ts,
 * which also retries. test/handlers/s3-settlement-file-store.test.ts checks its requests and URLs
 * against the SDK's, byte for byte, for the same inputs, credentials and clock.
 *
 * Requests go to the bucket's virtual-hosted endpoint, `https://<bucket>.s3.<region>.amazonaws.com/<key>`
 * with each segment of the key URI-encoded; `endpoint` (tests) addresses another server path-style.
 * Unlike the SDK's current default it adds no CRC32 to a presigned PUT: the SDK signs the checksum of
 * the empty body there (aws-sdk-js-v3#6994), which S3 then refuses for any real upload.
 */
export interface S3SettlementFileStoreOptions extends Omit<SignedRequestsOptions, 'service' | 's3PathAndPayload' | 'errorCodeOf'> {
  readonly bucket: string;
  /** Another S3-compatible server (a local stand-in in tests), addressed path-style: `<endpoint>/<bucket>/<key>`. */
  readonly endpoint?: string;
}

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

export class S3SettlementFileStore implements SettlementFileStore {
  private readonly target: Target;
  private readonly requests: SignedRequests;

  constructor(options: S3SettlementFileStoreOptions) {
    this.target = targetOf(options);
    this.requests = new SignedRequests({ ...options, service: 's3', s3PathAndPayload: true, errorCodeOf: errorCodeIn });
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
    let response: SignedResponse;
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
    const signingDate = this.requests.now();
    const request = this.request('PUT', key, {
      query: { 'x-id': 'PutObject' },
      // The presigner's own header name and value: the body is not known, so its hash is not signed.
      headers: { 'content-type': options.contentType, 'content-length': String(options.sizeBytes), 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    });
    const presigned = await this.requests.signer.presign(request, {
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

  /** Sends the request (../aws/signed-requests.ts retries); a 2xx answer is returned, any other thrown as S3RequestError. */
  private async send(operation: string, key: string, request: HttpRequest): Promise<SignedResponse> {
    let answer;
    try {
      answer = await this.requests.send(request);
    } catch (error) {
      throw new S3RequestError(operation, key, NO_ANSWER, undefined, { cause: error });
    }
    if (answer.ok) return answer.response;
    throw new S3RequestError(operation, key, answer.statusCode, answer.code);
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

function header(response: SignedResponse, name: string): string | undefined {
  const value = response.headers[name];
  return value === undefined || value === '' ? undefined : value;
}

function errorCodeIn(xml: string): string | undefined {
  return /<Code>([^<]{1,100})<\/Code>/.exec(xml)?.[1];
}

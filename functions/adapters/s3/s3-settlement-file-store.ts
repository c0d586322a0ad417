import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException, type S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  SettlementObjectMissingError,
  type SettlementFileStore,
  type StoredObjectInfo,
  type StoredObjectRef,
  type UploadUrl,
} from '../../../domain/ports/settlement-file-store';

/**
 * The settlement-file store over an S3 bucket (SETTLEMENT_BUCKET), through @aws-sdk/client-s3 and
 * @aws-sdk/s3-request-presigner. The bucket is versioned, so every reference keeps the version it was
 * written or read as, and reads ask for that version: an object overwritten through a reused upload
 * URL can never change a file already accepted.
 *
 * Upload URLs are presigned PUTs with the content type and the exact content length signed, so a
 * client cannot send more (or other) bytes than it announced. The client computes checksums only when
 * an operation requires one: with the SDK's default it would sign the CRC32 of the empty body into a
 * presigned PUT (aws-sdk-js-v3#6994), which S3 then refuses for any real upload.
 *
 * Retries are the SDK's standard ones (network errors, 5xx, throttling; three attempts in all). What
 * still fails is thrown as S3RequestError naming the operation, the key, the status and S3's error
 * code, the SDK's error kept as its cause; a missing object or version is SettlementObjectMissingError.
 */
export interface S3SettlementFileStoreOptions {
  readonly bucket: string;
  readonly region: string;
  /** Another S3-compatible server (a local stand-in in tests), addressed path-style: `<endpoint>/<bucket>/<key>`. */
  readonly endpoint?: string;
  /** Default: the SDK's default credential chain (in Lambda, the role's credentials from the environment). */
  readonly credentials?: S3ClientConfig['credentials'];
  /** When an upload URL is signed; its expiry counts from here. */
  readonly now?: () => Date;
}

/** An S3 answer other than the ones the store expects, named by operation, key, status and S3's error code. */
export class S3RequestError extends Error {
  constructor(
    readonly operation: string,
    readonly key: string,
    /** 0 when no answer came at all. */
    readonly statusCode: number,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`S3 ${operation} of ${key} failed: ${statusCode === 0 ? 'no answer' : `HTTP ${statusCode}`}${code ? ` ${code}` : ''}`, options);
    this.name = 'S3RequestError';
  }
}

/** Bucket names S3 serves virtual-hosted over TLS: no dots (a dotted name would not match the certificate). */
const VIRTUAL_HOSTABLE_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
/** Error codes that mean the object (or that version of it) is not there; a missing bucket is a fault, not a missing file. */
const MISSING_OBJECT_CODES = new Set(['NoSuchKey', 'NoSuchVersion']);

export class S3SettlementFileStore implements SettlementFileStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly now: () => Date;

  constructor(options: S3SettlementFileStoreOptions) {
    if (!options.endpoint && !VIRTUAL_HOSTABLE_BUCKET.test(options.bucket)) {
      throw new Error(`settlement bucket ${options.bucket} cannot be addressed virtual-hosted style over TLS (lowercase letters, digits and hyphens only)`);
    }
    this.bucket = options.bucket;
    this.now = options.now ?? (() => new Date());
    this.client = new S3Client({
      region: options.region,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Uint8Array, options: { readonly contentType: string }): Promise<StoredObjectRef> {
    const output = await this.send('PutObject', key, () =>
      this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: options.contentType, ContentLength: body.byteLength })),
    );
    return { key, ...(output.VersionId ? { versionId: output.VersionId } : {}) };
  }

  async read(ref: StoredObjectRef): Promise<AsyncIterable<Uint8Array>> {
    const output = await this.send('GetObject', ref.key, () =>
      this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: ref.key, ...(ref.versionId ? { VersionId: ref.versionId } : {}) })),
    );
    // In Node the body is the response stream, an async iterable of Buffers, read as it arrives.
    return output.Body as AsyncIterable<Uint8Array>;
  }

  async head(ref: StoredObjectRef): Promise<StoredObjectInfo | undefined> {
    try {
      const output = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: ref.key, ...(ref.versionId ? { VersionId: ref.versionId } : {}) }));
      const versionId = output.VersionId ?? ref.versionId;
      return { key: ref.key, sizeBytes: output.ContentLength ?? 0, ...(versionId ? { versionId } : {}) };
    } catch (error) {
      // A HEAD answer has no body to name the error: any 404 means there is no such object (or version).
      if (statusOf(error) === 404) return undefined;
      throw requestError('HeadObject', ref.key, error);
    }
  }

  async createUploadUrl(
    key: string,
    options: { readonly sizeBytes: number; readonly contentType: string; readonly expiresInSeconds: number },
  ): Promise<UploadUrl> {
    const signingDate = this.now();
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: options.contentType, ContentLength: options.sizeBytes });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: options.expiresInSeconds,
      signingDate,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    const expiresAt = new Date(signingDate.getTime() + options.expiresInSeconds * 1000);
    return { url, method: 'PUT', headers: { 'content-type': options.contentType, 'content-length': String(options.sizeBytes) }, expiresAt };
  }

  /** Runs one call; a missing object becomes SettlementObjectMissingError, any other failure S3RequestError. */
  private async send<T>(operation: string, key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (statusOf(error) === 404 && MISSING_OBJECT_CODES.has(codeOf(error) ?? '')) throw new SettlementObjectMissingError(key);
      throw requestError(operation, key, error);
    }
  }
}

function requestError(operation: string, key: string, error: unknown): S3RequestError {
  return new S3RequestError(operation, key, statusOf(error) ?? 0, codeOf(error), { cause: error });
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** S3's error code: the SDK names its exceptions by it. A network error is not an S3 answer and has none. */
function codeOf(error: unknown): string | undefined {
  return error instanceof S3ServiceException || (error as { $fault?: unknown } | undefined)?.$fault !== undefined ? (error as Error).name : undefined;
}

import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
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
 */
export type Presigner = typeof getSignedUrl;

export class S3SettlementFileStore implements SettlementFileStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly presign: Presigner = getSignedUrl,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async put(key: string, body: Uint8Array, options: { readonly contentType: string }): Promise<StoredObjectRef> {
    const result = await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: options.contentType, ContentLength: body.byteLength }),
    );
    return { key, ...(result.VersionId ? { versionId: result.VersionId } : {}) };
  }

  async read(ref: StoredObjectRef): Promise<AsyncIterable<Uint8Array>> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: ref.key, ...(ref.versionId ? { VersionId: ref.versionId } : {}) }));
      if (!result.Body) throw new SettlementObjectMissingError(ref.key);
      // In Node.js the body is a Readable stream, which is an async iterable of Buffers.
      return result.Body as unknown as AsyncIterable<Uint8Array>;
    } catch (error) {
      if (isMissing(error)) throw new SettlementObjectMissingError(ref.key);
      throw error;
    }
  }

  async head(ref: StoredObjectRef): Promise<StoredObjectInfo | undefined> {
    try {
      const result = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: ref.key, ...(ref.versionId ? { VersionId: ref.versionId } : {}) }));
      const versionId = result.VersionId ?? ref.versionId;
      return { key: ref.key, sizeBytes: result.ContentLength ?? 0, ...(versionId ? { versionId } : {}) };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async createUploadUrl(
    key: string,
    options: { readonly sizeBytes: number; readonly contentType: string; readonly expiresInSeconds: number },
  ): Promise<UploadUrl> {
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: options.contentType, ContentLength: options.sizeBytes });
    const expiresAt = new Date(this.now().getTime() + options.expiresInSeconds * 1000);
    const url = await this.presign(this.client, command, {
      expiresIn: options.expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return { url, method: 'PUT', headers: { 'content-type': options.contentType, 'content-length': String(options.sizeBytes) }, expiresAt };
  }
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey || error instanceof NotFound) return true;
  // HeadObject answers a bare 404 (no body to name the error); a missing version is a 404 too.
  return error instanceof S3ServiceException && (error.$metadata?.httpStatusCode === 404 || error.name === 'NoSuchVersion');
}

/**
 * Port: where settlement files are kept, byte for byte as the provider sent them. In AWS an S3 bucket
 * (large files arrive there directly through a presigned URL); locally a directory. Objects are
 * written once under a fresh key per upload and never overwritten by the service, so a reconciliation
 * run can keep reading the exact file it was asked to reconcile while a newer one is uploaded.
 */
export interface StoredObjectRef {
  readonly key: string;
  /** The object's version where the store keeps versions (S3 with versioning); read that version back. */
  readonly versionId?: string;
}

export interface StoredObjectInfo extends StoredObjectRef {
  readonly sizeBytes: number;
}

export interface UploadUrl {
  readonly url: string;
  readonly method: 'PUT';
  /** Headers the client must send as signed (the URL is refused otherwise). */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: Date;
}

export interface SettlementFileStore {
  /** Stores `body` under `key`. */
  put(key: string, body: Uint8Array, options: { readonly contentType: string }): Promise<StoredObjectRef>;
  /** Opens the object for reading in chunks; throws SettlementObjectMissingError when there is none. */
  read(ref: StoredObjectRef): Promise<AsyncIterable<Uint8Array>>;
  /** The object's size, or undefined when there is none. */
  head(ref: StoredObjectRef): Promise<StoredObjectInfo | undefined>;
  /**
   * A URL a client can PUT exactly `sizeBytes` bytes to, under `key`, until it expires; undefined
   * when the store has no such thing (the local directory: upload through the API instead).
   */
  createUploadUrl(
    key: string,
    options: { readonly sizeBytes: number; readonly contentType: string; readonly expiresInSeconds: number },
  ): Promise<UploadUrl | undefined>;
}

export class SettlementObjectMissingError extends Error {
  constructor(readonly key: string) {
    super(`no settlement file is stored under ${key}`);
    this.name = 'SettlementObjectMissingError';
  }
}

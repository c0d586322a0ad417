import { createHash, type Hash } from 'node:crypto';
import { SettlementObjectMissingError, type SettlementFileStore, type UploadUrl } from '../../domain/ports/settlement-file-store';
import type { Clock } from '../../domain/ports/clock';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { toVietnamIso, type BusinessDate } from '../../domain/shared/business-date';
import { SettlementFileError, validateSettlementFile } from '../../domain/reconciliation';
import { newSettlementUploadId } from '../../domain/reconciliation-runs/reconciliation-ids';
import type { Config } from '../config';
import { assertUtf8SettlementFile, utf8SettlementChunks } from './settlement-encoding';
import { acceptedObjectKey, incomingObjectKey, parseIncomingObjectKey } from './settlement-object-keys';
import type { DynamoDbSettlementFileRepository, SettlementFileRecord, SettlementRejection } from './settlement-file-repository';

/**
 * Taking in a provider's settlement file for one business date, by either road:
 *  - the API (`PUT /v1/settlements/{provider}/{businessDate}`, at most 10 MB): the body is validated
 *    first and stored only when valid;
 *  - an upload URL (large files, straight to S3): the object is validated when S3 announces it, and
 *    the upload is recorded ACCEPTED or REJECTED.
 * Either way the file must be UTF-8 (settlement-encoding.ts) and pass `validateSettlementFile` for
 * its business date (the same rules the reconciliation run reads it with, including the next-day
 * window), and only an accepted file becomes the day's current file. Its SHA-256 is recorded, so a
 * run can tell if the bytes changed.
 */
export type SettlementIntakeDependencies = {
  readonly config: Pick<Config, 'RECONCILIATION_PENDING_WINDOW_MINUTES' | 'SETTLEMENT_FILE_MAX_MB'>;
  readonly clock: Clock;
  readonly settlementFiles: SettlementFileStore;
  readonly settlements: DynamoDbSettlementFileRepository;
};

export const SETTLEMENT_CONTENT_TYPE = 'text/csv';
/** API Gateway refuses larger payloads anyway; bigger files go through an upload URL. */
export const MAX_API_UPLOAD_BYTES = 10 * 1024 * 1024;
/** How long an upload URL works. */
export const UPLOAD_URL_EXPIRY_SECONDS = 15 * 60;

export interface SettlementTarget {
  readonly provider: ProviderName;
  readonly businessDate: BusinessDate;
}

export type UploadOutcome =
  | { readonly kind: 'ACCEPTED'; readonly file: SettlementFileRecord }
  | { readonly kind: 'INVALID'; readonly error: SettlementFileError };

/** The API road: validate the whole body, then store it under a new key and make it current. */
export async function uploadSettlementFile(
  input: SettlementTarget & { readonly body: Uint8Array; readonly uploadedBy: string },
  deps: SettlementIntakeDependencies,
): Promise<UploadOutcome> {
  let totals;
  try {
    await assertUtf8SettlementFile(input.body);
    totals = await validateSettlementFile([input.body], validationOptions(input.businessDate, deps));
  } catch (error) {
    if (error instanceof SettlementFileError) return { kind: 'INVALID', error };
    throw error;
  }
  const now = deps.clock.now();
  const uploadId = newSettlementUploadId(now);
  const stored = await deps.settlementFiles.put(acceptedObjectKey({ ...input, uploadId }), input.body, { contentType: SETTLEMENT_CONTENT_TYPE });
  const file: SettlementFileRecord = {
    provider: input.provider,
    businessDate: input.businessDate,
    uploadId,
    objectKey: stored.key,
    ...(stored.versionId ? { versionId: stored.versionId } : {}),
    sizeBytes: input.body.byteLength,
    checksumSha256: createHash('sha256').update(input.body).digest('hex'),
    rows: totals.rows,
    totalAmount: totals.totalAmount,
    totalFee: totals.totalFee,
    uploadedBy: input.uploadedBy,
    uploadedAt: toVietnamIso(now),
    source: 'API',
  };
  const outcome = await deps.settlements.accept(file);
  if (outcome !== 'ACCEPTED') throw new Error(`upload ${uploadId} was decided twice`);
  return { kind: 'ACCEPTED', file };
}

export type UploadUrlOutcome =
  | { readonly kind: 'CREATED'; readonly uploadId: string; readonly upload: UploadUrl }
  /** The store hands out no upload URLs (the local directory): use the API. */
  | { readonly kind: 'UNAVAILABLE' }
  | { readonly kind: 'TOO_LARGE'; readonly maxBytes: number };

/** The S3 road, first half: an upload URL for exactly `sizeBytes` bytes, and a REQUESTED upload. */
export async function requestSettlementUploadUrl(
  input: SettlementTarget & { readonly sizeBytes: number; readonly requestedBy: string },
  deps: SettlementIntakeDependencies,
): Promise<UploadUrlOutcome> {
  const maxBytes = maxUrlUploadBytes(deps);
  if (input.sizeBytes > maxBytes) return { kind: 'TOO_LARGE', maxBytes };
  const now = deps.clock.now();
  const uploadId = newSettlementUploadId(now);
  const objectKey = incomingObjectKey({ ...input, uploadId });
  const upload = await deps.settlementFiles.createUploadUrl(objectKey, {
    sizeBytes: input.sizeBytes,
    contentType: SETTLEMENT_CONTENT_TYPE,
    expiresInSeconds: UPLOAD_URL_EXPIRY_SECONDS,
  });
  if (!upload) return { kind: 'UNAVAILABLE' };
  await deps.settlements.request({
    provider: input.provider,
    businessDate: input.businessDate,
    uploadId,
    objectKey,
    status: 'REQUESTED',
    source: 'UPLOAD_URL',
    requestedBy: input.requestedBy,
    requestedAt: toVietnamIso(now),
    declaredSizeBytes: input.sizeBytes,
    expiresAt: toVietnamIso(upload.expiresAt),
  });
  return { kind: 'CREATED', uploadId, upload };
}

export type UploadedObjectOutcome =
  | { readonly kind: 'ACCEPTED'; readonly file: SettlementFileRecord }
  | { readonly kind: 'REJECTED'; readonly rejection: SettlementRejection }
  /** Not an upload-URL object (e.g. the API's own), or no upload was requested for it: left alone. */
  | { readonly kind: 'IGNORED'; readonly why: string }
  /** The upload was decided already (S3 notifies at least once). */
  | { readonly kind: 'ALREADY_DECIDED' };

/** The S3 road, second half: validate the object S3 announced and decide its upload. */
export async function acceptUploadedObject(
  object: { readonly key: string; readonly versionId?: string },
  deps: SettlementIntakeDependencies,
): Promise<UploadedObjectOutcome> {
  const address = parseIncomingObjectKey(object.key);
  if (!address) return { kind: 'IGNORED', why: 'not an upload-URL object' };
  const upload = await deps.settlements.getUpload(address.provider, address.businessDate, address.uploadId);
  if (!upload) return { kind: 'IGNORED', why: 'no upload was requested for this object' };
  if (upload.status !== 'REQUESTED') return { kind: 'ALREADY_DECIDED' };

  const reject = async (rejection: SettlementRejection): Promise<UploadedObjectOutcome> => {
    const outcome = await deps.settlements.reject(address.provider, address.businessDate, address.uploadId, rejection, deps.clock.now());
    return outcome === 'REJECTED' ? { kind: 'REJECTED', rejection } : { kind: 'ALREADY_DECIDED' };
  };
  const ref = { key: object.key, ...(object.versionId ? { versionId: object.versionId } : {}) };
  const maxBytes = maxUrlUploadBytes(deps);
  const info = await deps.settlementFiles.head(ref);
  if (!info) return reject({ line: null, field: 'file', message: 'the uploaded object is no longer there' });
  if (info.sizeBytes > maxBytes) return reject({ line: null, field: 'file', message: `is larger than ${maxBytes} bytes` });

  const hash = createHash('sha256');
  let totals;
  try {
    const chunks = await deps.settlementFiles.read(ref);
    totals = await validateSettlementFile(utf8SettlementChunks(hashed(chunks, hash, maxBytes)), validationOptions(address.businessDate, deps));
  } catch (error) {
    if (error instanceof SettlementFileError) return reject({ line: error.line, field: error.field, message: messageOf(error) });
    if (error instanceof SettlementFileTooLargeError) return reject({ line: null, field: 'file', message: `is larger than ${maxBytes} bytes` });
    if (error instanceof SettlementObjectMissingError) return reject({ line: null, field: 'file', message: 'the uploaded object is no longer there' });
    throw error;
  }
  const file: SettlementFileRecord = {
    provider: address.provider,
    businessDate: address.businessDate,
    uploadId: address.uploadId,
    objectKey: object.key,
    ...(info.versionId ? { versionId: info.versionId } : {}),
    sizeBytes: info.sizeBytes,
    checksumSha256: hash.digest('hex'),
    rows: totals.rows,
    totalAmount: totals.totalAmount,
    totalFee: totals.totalFee,
    uploadedBy: upload.requestedBy,
    uploadedAt: toVietnamIso(deps.clock.now()),
    source: 'UPLOAD_URL',
  };
  return (await deps.settlements.accept(file)) === 'ACCEPTED' ? { kind: 'ACCEPTED', file } : { kind: 'ALREADY_DECIDED' };
}

/** The parser's message without the "line N, field:" prefix the error's own message carries. */
export function messageOf(error: SettlementFileError): string {
  const prefix = `line ${error.line}, ${error.field}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

export function pendingWindowMs(config: Pick<Config, 'RECONCILIATION_PENDING_WINDOW_MINUTES'>): number {
  return config.RECONCILIATION_PENDING_WINDOW_MINUTES * 60_000;
}

function validationOptions(businessDate: BusinessDate, deps: SettlementIntakeDependencies) {
  // Rows paid just before the date starts belong to the previous day's late payments (PENDING_NEXT_DAY).
  return { businessDate, previousDayToleranceMs: pendingWindowMs(deps.config) };
}

function maxUrlUploadBytes(deps: SettlementIntakeDependencies): number {
  return deps.config.SETTLEMENT_FILE_MAX_MB * 1024 * 1024;
}

/** More bytes than a settlement file may have (or than the stored file had when accepted). */
export class SettlementFileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the settlement file has more than ${maxBytes} bytes`);
    this.name = 'SettlementFileTooLargeError';
  }
}

/** Passes chunks through, hashing them and refusing more than `maxBytes` in all. */
export async function* hashed(chunks: AsyncIterable<Uint8Array>, hash: Hash, maxBytes: number): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new SettlementFileTooLargeError(maxBytes);
    hash.update(chunk);
    yield chunk;
  }
}

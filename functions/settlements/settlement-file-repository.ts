import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { toVietnamIso, type BusinessDate } from '../../domain/shared/business-date';
import type { AmountVnd } from '../../domain/shared/money';

/**
 * What the service knows about the settlement files it keeps (the bytes are in the settlement-file
 * store). Items:
 *
 *   current file  pk SETTLEMENT#<provider>#<businessDate>   sk FILE
 *                 the accepted file reconciliation reads: uploadId, objectKey, versionId, sizeBytes,
 *                 checksumSha256, rows, totalAmount, totalFee, uploadedBy, uploadedAt, source
 *   upload        pk SETTLEMENT#<provider>#<businessDate>   sk UPLOAD#<uploadId>
 *                 every upload: REQUESTED (an upload URL was handed out) → ACCEPTED | REJECTED (line,
 *                 field, message); API uploads are recorded ACCEPTED directly (a refused one is not
 *                 stored at all)
 *
 * Access patterns: the current file of a day — GetItem; an upload — GetItem; a day's latest uploads —
 * Query on the day's partition, `begins_with(sk, UPLOAD#)`, newest first (upload ids sort by time).
 *
 * Accepting a file writes the current-file item and the upload's decision in one transaction, so the
 * day's file is replaced exactly when an upload is accepted, never by one that was refused.
 */
export type SettlementFileSource = 'API' | 'UPLOAD_URL';

export interface SettlementFileRecord {
  readonly provider: ProviderName;
  readonly businessDate: BusinessDate;
  readonly uploadId: string;
  readonly objectKey: string;
  readonly versionId?: string;
  readonly sizeBytes: number;
  readonly checksumSha256: string;
  readonly rows: number;
  readonly totalAmount: AmountVnd;
  readonly totalFee: AmountVnd;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
  readonly source: SettlementFileSource;
}

export interface SettlementRejection {
  /** The file's line (1-based, header = 1), or null when the whole file is refused (size, missing). */
  readonly line: number | null;
  readonly field: string;
  readonly message: string;
}

export type SettlementUploadStatus = 'REQUESTED' | 'ACCEPTED' | 'REJECTED';

export interface SettlementUpload {
  readonly provider: ProviderName;
  readonly businessDate: BusinessDate;
  readonly uploadId: string;
  readonly objectKey: string;
  readonly status: SettlementUploadStatus;
  readonly source: SettlementFileSource;
  readonly requestedBy: string;
  readonly requestedAt: string;
  /** For upload URLs: the size the client announced, and when the URL stops working. */
  readonly declaredSizeBytes?: number;
  readonly expiresAt?: string;
  readonly decidedAt?: string;
  readonly rejection?: SettlementRejection;
  readonly rows?: number;
  readonly totalAmount?: AmountVnd;
  readonly checksumSha256?: string;
}

export type AcceptOutcome = 'ACCEPTED' | 'ALREADY_DECIDED';

const FILE_SK = 'FILE';
const MAX_UPLOADS_LISTED = 50;

export class DynamoDbSettlementFileRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getCurrent(provider: ProviderName, businessDate: BusinessDate): Promise<SettlementFileRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: dayPk(provider, businessDate), sk: FILE_SK }, ConsistentRead: true }));
    return Item ? (strip(Item) as unknown as SettlementFileRecord) : undefined;
  }

  /**
   * Makes `file` the day's current file and records its upload as ACCEPTED, in one transaction. An
   * upload-URL upload must still be REQUESTED (a second notification of the same object changes
   * nothing); an API upload is new by construction.
   */
  async accept(file: SettlementFileRecord): Promise<AcceptOutcome> {
    const key = { pk: dayPk(file.provider, file.businessDate), sk: uploadSk(file.uploadId) };
    const decided = {
      status: 'ACCEPTED',
      decidedAt: file.uploadedAt,
      rows: file.rows,
      totalAmount: file.totalAmount,
      checksumSha256: file.checksumSha256,
      ...(file.versionId ? { versionId: file.versionId } : {}),
    };
    const uploadWrite =
      file.source === 'API'
        ? {
            Put: {
              TableName: this.tableName,
              Item: { ...key, entity: 'SETTLEMENT_UPLOAD', ...uploadFields(file), requestedBy: file.uploadedBy, requestedAt: file.uploadedAt, ...decided },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          }
        : {
            Update: {
              TableName: this.tableName,
              Key: key,
              UpdateExpression: `SET ${Object.keys(decided).map((name, i) => `#u${i} = :u${i}`).join(', ')}`,
              ConditionExpression: '#u0 = :requested',
              ExpressionAttributeNames: Object.fromEntries(Object.keys(decided).map((name, i) => [`#u${i}`, name])),
              ExpressionAttributeValues: { ...Object.fromEntries(Object.values(decided).map((value, i) => [`:u${i}`, value])), ':requested': 'REQUESTED' },
            },
          };
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            uploadWrite,
            { Put: { TableName: this.tableName, Item: { pk: dayPk(file.provider, file.businessDate), sk: FILE_SK, entity: 'SETTLEMENT_FILE', ...file } } },
          ],
        }),
      );
      return 'ACCEPTED';
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'ALREADY_DECIDED';
      throw error;
    }
  }

  /** Records an upload URL handed out; the upload is decided when its object arrives. */
  async request(upload: SettlementUpload): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: dayPk(upload.provider, upload.businessDate), sk: uploadSk(upload.uploadId), entity: 'SETTLEMENT_UPLOAD', ...upload },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getUpload(provider: ProviderName, businessDate: BusinessDate, uploadId: string): Promise<SettlementUpload | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: dayPk(provider, businessDate), sk: uploadSk(uploadId) }, ConsistentRead: true }));
    return Item ? (strip(Item) as unknown as SettlementUpload) : undefined;
  }

  /** Refuses a REQUESTED upload; the day's current file stays as it was. */
  async reject(provider: ProviderName, businessDate: BusinessDate, uploadId: string, rejection: SettlementRejection, now: Date): Promise<AcceptOutcome | 'REJECTED'> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: dayPk(provider, businessDate), sk: uploadSk(uploadId) },
          UpdateExpression: 'SET #status = :rejected, rejection = :rejection, decidedAt = :now',
          ConditionExpression: '#status = :requested',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':rejected': 'REJECTED', ':rejection': rejection, ':now': toVietnamIso(now), ':requested': 'REQUESTED' },
        }),
      );
      return 'REJECTED';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'ALREADY_DECIDED';
      throw error;
    }
  }

  /** The day's uploads, newest first. */
  async listUploads(provider: ProviderName, businessDate: BusinessDate, limit = 20): Promise<SettlementUpload[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :upload)',
        ExpressionAttributeValues: { ':pk': dayPk(provider, businessDate), ':upload': 'UPLOAD#' },
        ScanIndexForward: false,
        Limit: Math.min(Math.max(1, limit), MAX_UPLOADS_LISTED),
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((item) => strip(item) as unknown as SettlementUpload);
  }
}

function dayPk(provider: ProviderName, businessDate: BusinessDate): string {
  return `SETTLEMENT#${provider}#${businessDate}`;
}

function uploadSk(uploadId: string): string {
  return `UPLOAD#${uploadId}`;
}

function uploadFields(file: SettlementFileRecord) {
  return { provider: file.provider, businessDate: file.businessDate, uploadId: file.uploadId, objectKey: file.objectKey, source: file.source };
}

function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest;
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import type { PaymentStatus } from '../../domain/reconciliation';
import { toVietnamIso, type BusinessDate } from '../../domain/shared/business-date';
import { queryAll } from '../adapters/dynamodb/query-all';
import { ReconciliationLimitError, batchGetItems, dayPk, withoutKeys } from './reconciliation-repository';

export type AutoApplyState = 'APPLYING' | 'APPLIED' | 'NOT_APPLIED';

/** A day's record of one lost callback the worker applies, written before the payment moves. */
export interface AutoApplyRecord {
  readonly paymentId: string;
  readonly providerTxnId: string;
  /** The payment's status when the run found the lost callback (PENDING or EXPIRED). */
  readonly previousStatus: PaymentStatus;
  readonly state: AutoApplyState;
  readonly runId: string;
  readonly outcome?: string;
}

/**
 * The lost callbacks the reconciliation worker applies, one record per payment under the day's
 * partition. Only the worker reads or writes them, so they live apart from the runs and findings
 * every reconciliation endpoint reads, and stay out of those functions' bundles.
 */
export class DynamoDbAutoApplyRecords {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The day's records by payment id (at most `limit`). */
  async list(provider: ProviderName, businessDate: BusinessDate, limit: number): Promise<Map<string, AutoApplyRecord>> {
    // One more than allowed, so that too many is refused rather than cut short.
    const items = await queryAll<Record<string, unknown>>(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': dayPk(provider, businessDate), ':prefix': 'AUTOAPPLY#' },
      ConsistentRead: true,
    }, limit + 1);
    if (items.length > limit) throw new ReconciliationLimitError('lost callbacks applied on one day', limit);
    return new Map(items.map((item) => [item.paymentId as string, withoutKeys(item) as unknown as AutoApplyRecord]));
  }

  /** The records of these payments on the day, read consistently. */
  async get(provider: ProviderName, businessDate: BusinessDate, paymentIds: readonly string[]): Promise<Map<string, AutoApplyRecord>> {
    const items = await batchGetItems(this.doc, this.tableName, [...new Set(paymentIds)].map((id) => recordKey(provider, businessDate, id)));
    return new Map(items.map((item) => [item.paymentId as string, withoutKeys(item) as unknown as AutoApplyRecord]));
  }

  /**
   * Records the intent to apply a lost callback before the payment moves; an existing record wins.
   * Answers the very record it was given when it wrote it, the existing one otherwise.
   */
  async begin(provider: ProviderName, businessDate: BusinessDate, record: AutoApplyRecord, now: Date): Promise<AutoApplyRecord> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...recordKey(provider, businessDate, record.paymentId), entity: 'RECONCILIATION_AUTO_APPLY', ...record, createdAt: toVietnamIso(now) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return record;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: recordKey(provider, businessDate, record.paymentId), ConsistentRead: true }));
      return withoutKeys(Item!) as unknown as AutoApplyRecord;
    }
  }

  async finish(provider: ProviderName, businessDate: BusinessDate, paymentId: string, state: Exclude<AutoApplyState, 'APPLYING'>, outcome: string, now: Date): Promise<void> {
    await this.doc.send(new UpdateCommand(this.finishWrite(provider, businessDate, paymentId, state, outcome, now).Update));
  }

  /** The same update as finish(), as a transaction item: it commits with the payment's move. */
  finishWrite(provider: ProviderName, businessDate: BusinessDate, paymentId: string, state: Exclude<AutoApplyState, 'APPLYING'>, outcome: string, now: Date) {
    return {
      Update: {
        TableName: this.tableName,
        Key: recordKey(provider, businessDate, paymentId),
        UpdateExpression: 'SET #state = :state, outcome = :outcome, decidedAt = :now',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': state, ':outcome': outcome, ':now': toVietnamIso(now) },
      },
    };
  }
}

function recordKey(provider: ProviderName, businessDate: BusinessDate, paymentId: string) {
  return { pk: dayPk(provider, businessDate), sk: `AUTOAPPLY#${paymentId}` };
}

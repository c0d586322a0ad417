import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReviewItem } from '../../domain/review/review-item';
import type { ReviewAction } from './review-item-schemas';

/**
 * Reading and resolving review items (written by review-item-records.ts inside provider-report
 * transactions). Listing by status is a Query on gsi1 (`REVIEW#OPEN` / `REVIEW#RESOLVED`), newest
 * first, a page at a time; resolving is a conditional update, so a second resolution is refused.
 */
export { REVIEW_ACTIONS, type ReviewAction } from './review-item-schemas';

export interface StoredReviewItem extends ReviewItem {
  readonly resolution?: { readonly action: ReviewAction; readonly note: string; readonly by: string; readonly at: string };
}

export type ResolveOutcome =
  | { readonly kind: 'RESOLVED'; readonly item: StoredReviewItem }
  | { readonly kind: 'NOT_FOUND' }
  | { readonly kind: 'ALREADY_RESOLVED'; readonly item: StoredReviewItem };

const PAGE_SIZE = 100;

export class DynamoDbReviewItemRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(status: 'OPEN' | 'RESOLVED', cursor?: string): Promise<{ items: StoredReviewItem[]; nextCursor?: string }> {
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `REVIEW#${status}` },
        ScanIndexForward: false,
        Limit: PAGE_SIZE,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor) } : {}),
      }),
    );
    return {
      items: (page.Items ?? []).map(toItem),
      ...(page.LastEvaluatedKey ? { nextCursor: Buffer.from(JSON.stringify(page.LastEvaluatedKey)).toString('base64url') } : {}),
    };
  }

  async get(reviewId: string): Promise<StoredReviewItem | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key(reviewId), ConsistentRead: true }));
    return Item ? toItem(Item) : undefined;
  }

  async resolve(reviewId: string, resolution: { action: ReviewAction; note: string; by: string; at: string }): Promise<ResolveOutcome> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(reviewId),
          UpdateExpression: 'SET #status = :resolved, gsi1pk = :resolvedKey, resolution = :resolution',
          ConditionExpression: 'attribute_exists(pk) AND #status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':resolved': 'RESOLVED', ':resolvedKey': 'REVIEW#RESOLVED', ':open': 'OPEN', ':resolution': resolution },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { kind: 'RESOLVED', item: toItem(Attributes!) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(reviewId);
      return current ? { kind: 'ALREADY_RESOLVED', item: current } : { kind: 'NOT_FOUND' };
    }
  }
}

function key(reviewId: string) {
  return { pk: `REVIEW#${reviewId}`, sk: 'REVIEW' };
}

function toItem(item: Record<string, unknown>): StoredReviewItem {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, entity: _entity, ...rest } = item;
  return rest as unknown as StoredReviewItem;
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

export class InvalidCursorError extends Error {
  constructor() {
    super('the cursor is not one this API returned');
    this.name = 'InvalidCursorError';
  }
}

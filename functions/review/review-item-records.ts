import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { reviewIdOf, type ReviewItem } from '../../domain/review/review-item';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Review items in the service table:
 *   pk REVIEW#<reviewId> / sk REVIEW, gsi1pk REVIEW#<status> / gsi1sk <createdAt UTC>#<reviewId>
 * Listing open items is a Query on gsi1. The write is an upsert that never reopens or rewrites an
 * item: reporting the same problem twice (a provider retry, the mop-up asking again) is harmless.
 */
export function reviewItemWrite(tableName: string, item: Omit<ReviewItem, 'reviewId' | 'status'>, now: Date): TransactItem {
  const reviewId = reviewIdOf(item.reason, item.provider, item.providerTxnId);
  const details: Record<string, unknown> = { ...item, reviewId };
  const names: Record<string, string> = { '#status': 'status', '#gsi1pk': 'gsi1pk', '#gsi1sk': 'gsi1sk' };
  const values: Record<string, unknown> = {
    ':open': 'OPEN',
    ':openKey': 'REVIEW#OPEN',
    ':sortKey': `${now.toISOString()}#${reviewId}`,
    ':entity': 'REVIEW',
  };
  const assignments = ['#status = if_not_exists(#status, :open)', '#gsi1pk = if_not_exists(#gsi1pk, :openKey)', '#gsi1sk = if_not_exists(#gsi1sk, :sortKey)', 'entity = :entity'];
  Object.entries(details).forEach(([name, value], i) => {
    if (value === undefined) return;
    names[`#d${i}`] = name;
    values[`:d${i}`] = value;
    assignments.push(`#d${i} = if_not_exists(#d${i}, :d${i})`);
  });
  return {
    Update: {
      TableName: tableName,
      Key: { pk: `REVIEW#${reviewId}`, sk: 'REVIEW' },
      UpdateExpression: `SET ${assignments.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BusinessDate } from '../../domain/shared/business-date';
import type { CounterPayment } from './record-counter-payment';

/**
 * The counter payments of one business date, in payment-time order: one Query on gsi2, whose keys the
 * counter payment's item carries from the moment it is recorded. The staff page lists a day's counter
 * payments with it; a person sees only those of the agencies it acts for.
 */
const dayPartition = (businessDate: BusinessDate) => `COUNTER_PAYMENTS#${businessDate}`;

export function counterPaymentDayKeys(payment: Pick<CounterPayment, 'businessDate' | 'paidAt' | 'counterPaymentId'>) {
  return { gsi2pk: dayPartition(payment.businessDate), gsi2sk: `${new Date(payment.paidAt).toISOString()}#${payment.counterPaymentId}` };
}

/** A counter's day holds hundreds at most; the page shows this many and says so when there are more. */
export const MAX_DAY_LIST = 500;

export async function counterPaymentsOfDay(
  businessDate: BusinessDate,
  agencies: readonly string[] | 'ALL',
  deps: { readonly doc: DynamoDBDocumentClient; readonly tableName: string },
): Promise<CounterPayment[]> {
  const found: CounterPayment[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.doc.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': dayPartition(businessDate) },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk: _sk, gsi2pk: _gpk, gsi2sk: _gsk, entity: _entity, ...payment } = item;
      if (agencies === 'ALL' || agencies.includes(String(payment.agencyCode))) found.push(payment as CounterPayment);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey && found.length < MAX_DAY_LIST);
  return found.slice(0, MAX_DAY_LIST);
}

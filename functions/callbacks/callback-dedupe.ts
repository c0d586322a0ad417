import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ProviderPaymentReport } from '../../domain/providers/provider-payment-report';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The record that makes a provider event count once:
 *   pk CALLBACK#<provider>#<eventId> / sk CALLBACK, outcome, paymentId, receivedAt, expiresAtEpoch
 * It is written in the same transaction as the effect of the event, with a condition that it does
 * not exist yet, so two deliveries racing each other cannot both apply. It is written only for a
 * report whose signature was verified, so a forged callback can never block the real one. Providers
 * stop retrying within days; the record expires after 90.
 */
const RETENTION_SECONDS = 90 * 24 * 60 * 60;

export function callbackDedupeKey(report: Pick<ProviderPaymentReport, 'provider' | 'eventId'>) {
  return { pk: `CALLBACK#${report.provider}#${report.eventId}`, sk: 'CALLBACK' };
}

export function callbackDedupeWrite(tableName: string, report: ProviderPaymentReport, outcome: string, now: Date): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...callbackDedupeKey(report),
        entity: 'CALLBACK',
        provider: report.provider,
        eventId: report.eventId,
        paymentId: report.paymentId,
        providerTxnId: report.providerTxnId,
        status: report.status,
        outcome,
        receivedAt: now.toISOString(),
        expiresAtEpoch: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

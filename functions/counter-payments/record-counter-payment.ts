import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { hasFinancialObligation, type CatalogReader } from '../../domain/catalog/catalog';
import type { Clock } from '../../domain/ports/clock';
import { counterDeltasFor } from '../../domain/reports/counters';
import { businessDateOf, toVietnamIso } from '../../domain/shared/business-date';
import type { AmountVnd } from '../../domain/shared/money';
import { agencyServing } from '../catalog/serving-agency';
import { PAYMENT_EVENTS_QUEUE } from '../callbacks/apply-provider-report';
import { outboxPut } from '../outbox/outbox-record';
import { COUNTER_PAYMENT_RECORDED, counterPaymentRecordedMessageId, type CounterPaymentRecordedMessage } from '../receipts/counter-receipt-message';
import { counterUpdateItems } from '../reports/report-counter-repository';
import { counterPaymentDayKeys } from './counter-payments-of-day';

/**
 * A fee collected at the counter (cash, POS, bank transfer), recorded by finance staff so the report
 * denominators are complete. In ONE transaction: the counter payment keyed by its receipt number
 * (a receipt is recorded once), the dossier guard (a dossier is paid once, online or at the counter),
 * the OFFLINE report counter of its agency, procedure and business date, and the outbox message that
 * has its e-receipt issued (functions/receipts/counter-receipt-message.ts).
 *
 *   counter payment   pk COUNTER_PAYMENT#<agencyCode>#<receiptNo> / sk COUNTER_PAYMENT
 *                     gsi2pk COUNTER_PAYMENTS#<businessDate> / gsi2sk <paidAt>#<counterPaymentId> (the day's list)
 *
 * Receipt numbers come from each agency's receipt book, so they are unique per agency.
 */
import { COUNTER_PAYMENT_METHODS } from './counter-payment-schemas';

export { COUNTER_PAYMENT_METHODS };

export interface CounterPaymentRequest {
  readonly dossierId: string;
  readonly procedureCode: string;
  readonly agencyCode: string;
  readonly amount: AmountVnd;
  readonly method: (typeof COUNTER_PAYMENT_METHODS)[number];
  readonly paidAt: string;
  readonly receiptNo: string;
  /** Who paid, for the e-receipt. */
  readonly payer?: { readonly name: string };
}

export interface CounterPayment extends CounterPaymentRequest {
  readonly counterPaymentId: string;
  readonly businessDate: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export type RecordOutcome =
  | { readonly kind: 'RECORDED'; readonly counterPayment: CounterPayment }
  | { readonly kind: 'UNKNOWN_PROCEDURE' }
  | { readonly kind: 'AGENCY_MISMATCH'; readonly agencyCode: string }
  | { readonly kind: 'NO_PAYMENT_REQUIRED' }
  | { readonly kind: 'PAID_IN_FUTURE' }
  | { readonly kind: 'DUPLICATE_RECEIPT' }
  | { readonly kind: 'DOSSIER_ALREADY_PAID' }
  | { readonly kind: 'DOSSIER_PROCEDURE_MISMATCH' };

export interface RecordDependencies {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly catalog: CatalogReader;
  readonly clock: Clock;
}

/** A clock on a cashier's machine may run a little fast; more than this is a typing mistake. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export async function recordCounterPayment(request: CounterPaymentRequest, recordedBy: string, deps: RecordDependencies): Promise<RecordOutcome> {
  const procedure = await deps.catalog.getProcedure(request.procedureCode);
  if (!procedure) return { kind: 'UNKNOWN_PROCEDURE' };
  // The agency serving the procedure on the day it was paid collected it (its successor, after a reorganisation).
  const servingAgency = await agencyServing(deps.catalog, procedure, businessDateOf(request.paidAt));
  if (servingAgency !== request.agencyCode) return { kind: 'AGENCY_MISMATCH', agencyCode: servingAgency ?? procedure.agencyCode };
  if (!hasFinancialObligation(procedure)) return { kind: 'NO_PAYMENT_REQUIRED' };
  const now = deps.clock.now();
  if (Date.parse(request.paidAt) > now.getTime() + FUTURE_TOLERANCE_MS) return { kind: 'PAID_IN_FUTURE' };

  const counterPaymentId = `counter:${request.agencyCode}:${request.receiptNo}`;
  const counterPayment: CounterPayment = {
    ...request,
    paidAt: toVietnamIso(new Date(request.paidAt)),
    counterPaymentId,
    businessDate: businessDateOf(request.paidAt),
    recordedBy,
    recordedAt: toVietnamIso(now),
  };
  const deltas = counterDeltasFor({
    type: 'COUNTER_PAYMENT_RECORDED',
    payment: { agencyCode: request.agencyCode, procedureCode: request.procedureCode, businessDate: counterPayment.businessDate, amount: request.amount },
    firstSuccessOfDossier: true, // the dossier guard below makes it the dossier's payment, or nothing is written
  });
  try {
    await deps.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: deps.tableName,
              Item: { pk: `COUNTER_PAYMENT#${request.agencyCode}#${request.receiptNo}`, sk: 'COUNTER_PAYMENT', entity: 'COUNTER_PAYMENT', ...counterPaymentDayKeys(counterPayment), ...counterPayment },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: deps.tableName,
              Key: { pk: `DOSSIER#${request.dossierId}`, sk: 'DOSSIER' },
              UpdateExpression:
                'SET dossierId = :dossierId, procedureCode = if_not_exists(procedureCode, :procedureCode), agencyCode = if_not_exists(agencyCode, :agencyCode), ' +
                'createdAt = if_not_exists(createdAt, :now), updatedAt = :now, paidPaymentId = :paymentId, paidAt = :paidAt, entity = :entity',
              ConditionExpression: 'attribute_not_exists(paidPaymentId) AND (attribute_not_exists(procedureCode) OR procedureCode = :procedureCode)',
              ExpressionAttributeValues: {
                ':dossierId': request.dossierId,
                ':procedureCode': request.procedureCode,
                ':agencyCode': request.agencyCode,
                ':now': counterPayment.recordedAt,
                ':paymentId': counterPaymentId,
                ':paidAt': counterPayment.paidAt,
                ':entity': 'DOSSIER',
              },
            },
          },
          ...counterUpdateItems(deps.tableName, deltas),
          outboxPut(deps.tableName, { messageId: counterPaymentRecordedMessageId(counterPaymentId), queue: PAYMENT_EVENTS_QUEUE, body: receiptMessageOf(counterPayment) }, now),
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
    if (codes[0] === 'ConditionalCheckFailed') return { kind: 'DUPLICATE_RECEIPT' };
    if (codes[1] === 'ConditionalCheckFailed') return (await dossierIsPaid(request.dossierId, deps)) ? { kind: 'DOSSIER_ALREADY_PAID' } : { kind: 'DOSSIER_PROCEDURE_MISMATCH' };
    throw error;
  }
  return { kind: 'RECORDED', counterPayment };
}

async function dossierIsPaid(dossierId: string, deps: RecordDependencies): Promise<boolean> {
  const { Item } = await deps.doc.send(new GetCommand({ TableName: deps.tableName, Key: { pk: `DOSSIER#${dossierId}`, sk: 'DOSSIER' }, ConsistentRead: true }));
  return Boolean(Item?.paidPaymentId);
}

function receiptMessageOf(payment: CounterPayment): CounterPaymentRecordedMessage {
  return {
    type: COUNTER_PAYMENT_RECORDED,
    counterPaymentId: payment.counterPaymentId,
    agencyCode: payment.agencyCode,
    dossierId: payment.dossierId,
    procedureCode: payment.procedureCode,
    amount: payment.amount,
    ...(payment.payer ? { payerName: payment.payer.name } : {}),
  };
}

import type { CatalogReader } from '../../domain/catalog/catalog';
import type { Payment } from '../../domain/payments/payment';
import type { Clock } from '../../domain/ports/clock';
import { amountInWords } from '../../domain/receipts/amount-in-words';
import { receiptYearOf, type ReceiptLine } from '../../domain/receipts/receipt';
import { seriesFor, type ReceiptSeriesConfig } from '../../domain/receipts/receipt-series';
import { toVietnamIso } from '../../domain/shared/business-date';
import type { AmountVnd } from '../../domain/shared/money';
import type { DynamoDbReceiptRepository, IssueOutcome, ReceiptDraft } from './receipt-repository';

/**
 * Issues the e-receipt of a successful collection, off the payment-events queue (never inside the
 * success transaction): the series of the collecting agency for the issue year, the collector named
 * as the catalog names the agency, the fee lines as collected, the amount in words. Replays answer
 * the receipt already issued.
 */
export interface IssueDependencies {
  readonly receipts: DynamoDbReceiptRepository;
  readonly catalog: Pick<CatalogReader, 'listAgencies' | 'getProcedure'>;
  readonly seriesConfig: ReceiptSeriesConfig;
  readonly clock: Clock;
  readonly tableName: string;
}

/** An online payment's receipt; the payment is marked with it in the same transaction, only while it is SUCCEEDED. */
export async function issueReceiptForPayment(payment: Payment, deps: IssueDependencies): Promise<IssueOutcome> {
  const lines: ReceiptLine[] = payment.lines.map(({ feeCode, name, kind, amount }) => ({ feeCode, name, kind, amount }));
  const draft = await draftFor(
    { paymentId: payment.paymentId, agencyCode: payment.agencyCode, dossierId: payment.dossierId, procedureCode: payment.procedureCode, payerName: payment.payerName, lines, amount: payment.paidAmount ?? payment.amount },
    deps,
  );
  return deps.receipts.issue(draft, (receipt) => [
    {
      Update: {
        TableName: deps.tableName,
        Key: { pk: `PAYMENT#${payment.paymentId}`, sk: 'PAYMENT' },
        UpdateExpression: 'SET eReceiptNo = :no, receiptToken = :token, eReceiptIssuedAt = :at, #events = list_append(#events, :event)',
        ConditionExpression: 'attribute_exists(pk) AND #status = :succeeded',
        ExpressionAttributeNames: { '#events': 'events', '#status': 'status' },
        ExpressionAttributeValues: {
          ':no': receipt.receiptNo,
          ':token': receipt.linkToken,
          ':at': receipt.issuedAt,
          ':succeeded': 'SUCCEEDED',
          ':event': [{ type: 'EReceiptIssued', at: receipt.issuedAt, eReceiptNo: receipt.receiptNo, templateCode: receipt.templateCode, series: receipt.series }],
        },
      },
    },
  ]);
}

export interface CounterCollection {
  readonly counterPaymentId: string;
  readonly agencyCode: string;
  readonly dossierId: string;
  readonly procedureCode: string;
  readonly amount: AmountVnd;
  readonly payerName?: string;
}

/**
 * A counter payment's receipt. The counter records one amount for the procedure, so the receipt has
 * one line: the procedure's fee when it has a single one, else the procedure's fees and charges.
 */
export async function issueReceiptForCounterPayment(collection: CounterCollection, deps: IssueDependencies): Promise<IssueOutcome> {
  const procedure = await deps.catalog.getProcedure(collection.procedureCode);
  const only = procedure?.fees.length === 1 ? procedure.fees[0] : undefined;
  const line: ReceiptLine = only
    ? { feeCode: only.feeCode, name: only.name, kind: only.kind, amount: collection.amount }
    : { feeCode: collection.procedureCode, name: `Phí, lệ phí thủ tục ${procedure?.name ?? collection.procedureCode}`, kind: procedure?.fees[0]?.kind ?? 'LE_PHI', amount: collection.amount };
  const draft = await draftFor({ ...collection, paymentId: collection.counterPaymentId, payerName: collection.payerName ?? '', lines: [line] }, deps);
  return deps.receipts.issue(draft);
}

async function draftFor(
  source: { paymentId: string; agencyCode: string; dossierId: string; procedureCode: string; payerName: string; lines: readonly ReceiptLine[]; amount: AmountVnd },
  deps: IssueDependencies,
): Promise<ReceiptDraft> {
  const now = deps.clock.now();
  const agency = (await deps.catalog.listAgencies()).find((candidate) => candidate.code === source.agencyCode);
  const series = seriesFor(deps.seriesConfig, source.agencyCode, receiptYearOf(now), agency);
  return {
    templateCode: series.templateCode,
    series: series.series,
    issuedAt: toVietnamIso(now),
    collector: series.collector,
    payer: { name: source.payerName },
    paymentId: source.paymentId,
    agencyCode: source.agencyCode,
    dossierId: source.dossierId,
    procedureCode: source.procedureCode,
    lines: source.lines,
    amount: source.amount,
    amountInWords: amountInWords(source.amount),
  };
}

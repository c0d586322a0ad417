import { randomBytes } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { applyRefund, type RefundOutcome } from '../../domain/receipts/receipt-refund';
import { formatReceiptNo, MAX_RECEIPT_NUMBER, receiptYearOf, type Receipt } from '../../domain/receipts/receipt';
import type { TransactWriteItem } from '../adapters/dynamodb/transact-write';
import { queryAll } from '../adapters/dynamodb/query-all';

/**
 * E-receipts in the table. Issuing is ONE transaction, so a number is used exactly when a receipt
 * holds it — no gaps, no repeats, whatever the concurrency:
 *
 *   receipt          pk RECEIPT#<paymentId> / sk RECEIPT              put only if absent: one per payment
 *   series counter   pk RECEIPT_SERIES#<template>#<series>#<year> / sk RECEIPT_SERIES
 *                    lastNo moved from n to n+1 only if it is still n
 *   number guard     pk RECEIPT_NO#<template>#<series>#<year>#<receiptNo> / sk RECEIPT_NO   put only if absent
 *   link             pk RECEIPT_LINK#<token> / sk RECEIPT_LINK → paymentId
 *   (+ the caller's own items, e.g. the payment marked with its receipt, only if still SUCCEEDED)
 *
 * Two issuers that read the same lastNo cannot both commit: the loser's counter condition fails, it
 * reads the counter again and tries the next number. A replay (the same payment again) fails on the
 * receipt's own condition and answers the receipt already issued. The receipt also carries gsi1 keys
 * RECEIPTS#<template>#<series>#<year> / <receiptNo>, so a series' receipts list in number order.
 */
export type IssueOutcome =
  | { readonly kind: 'ISSUED' | 'ALREADY_ISSUED'; readonly receipt: StoredReceipt }
  /** One of the caller's own conditions failed (e.g. the payment is no longer SUCCEEDED): nothing was written. */
  | { readonly kind: 'NOT_ELIGIBLE' };

export interface StoredReceipt extends Receipt {
  /** The citizen's link token (domain/receipts/receipt-link.ts). */
  readonly linkToken: string;
}

export type ReceiptDraft = Omit<Receipt, 'receiptNo' | 'status'>;

export class ReceiptSeriesBusyError extends Error {
  constructor(series: string, attempts: number) {
    super(`receipt series ${series} stayed contended for ${attempts} attempts; nothing was written, the issue is tried again later`);
    this.name = 'ReceiptSeriesBusyError';
  }
}

export class ReceiptSeriesFullError extends Error {
  constructor(series: string) {
    super(`receipt series ${series} has used all ${MAX_RECEIPT_NUMBER} numbers of its year`);
    this.name = 'ReceiptSeriesFullError';
  }
}

export interface ReceiptRepositoryOptions {
  /** Tries of one issue before it gives up (the message is then retried by its queue). */
  readonly maxAttempts?: number;
  readonly newLinkToken?: () => string;
}

const RECEIPT_SK = 'RECEIPT';

export class DynamoDbReceiptRepository {
  private readonly maxAttempts: number;
  private readonly newLinkToken: () => string;
  /** Per series: the last issue of this process in line (see issue). */
  private readonly turns = new Map<string, Promise<void>>();
  private readonly lastWritten = new Map<string, number>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: ReceiptRepositoryOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 200;
    this.newLinkToken = options.newLinkToken ?? (() => randomBytes(16).toString('base64url'));
  }

  /**
   * Issues within one process take their turn per series: a Lambda container handles one message at a
   * time anyway, and a process racing itself would only lose to itself. Between processes (containers)
   * the counter's condition decides, and the loser reads again and retries.
   */
  async issue(draft: ReceiptDraft, alsoWrite: (receipt: StoredReceipt) => readonly TransactWriteItem[] = () => []): Promise<IssueOutcome> {
    const seriesKey = `${draft.templateCode}#${draft.series}#${receiptYearOf(draft.issuedAt)}`;
    const previous = this.turns.get(seriesKey) ?? Promise.resolve();
    const turn = previous.then(() => this.issueInTurn(seriesKey, draft, alsoWrite));
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(seriesKey, settled);
    void settled.then(() => {
      if (this.turns.get(seriesKey) === settled) this.turns.delete(seriesKey);
    });
    return turn;
  }

  private async issueInTurn(seriesKey: string, draft: ReceiptDraft, alsoWrite: (receipt: StoredReceipt) => readonly TransactWriteItem[]): Promise<IssueOutcome> {
    const year = receiptYearOf(draft.issuedAt);
    const linkToken = this.newLinkToken();
    // The last number this process wrote is the best guess; a wrong guess costs one failed condition and a read.
    let lastNo = this.lastWritten.get(seriesKey) ?? (await this.lastNumber(seriesKey));
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      if (attempt > 0) lastNo = await this.lastNumber(seriesKey);
      if (lastNo >= MAX_RECEIPT_NUMBER) throw new ReceiptSeriesFullError(seriesKey);
      const receipt: StoredReceipt = { ...draft, receiptNo: formatReceiptNo(lastNo + 1), status: 'ISSUED', linkToken };
      const items: TransactWriteItem[] = [
        {
          Put: {
            TableName: this.tableName,
            Item: { pk: receiptPk(draft.paymentId), sk: RECEIPT_SK, entity: 'RECEIPT', year, gsi1pk: `RECEIPTS#${seriesKey}`, gsi1sk: receipt.receiptNo, ...receipt },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: { pk: `RECEIPT_SERIES#${seriesKey}`, sk: 'RECEIPT_SERIES' },
            UpdateExpression: 'SET lastNo = :next, entity = :entity',
            ConditionExpression: lastNo === 0 ? 'attribute_not_exists(pk)' : 'lastNo = :last',
            ExpressionAttributeValues: { ':next': lastNo + 1, ':entity': 'RECEIPT_SERIES', ...(lastNo === 0 ? {} : { ':last': lastNo }) },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { pk: `RECEIPT_NO#${seriesKey}#${receipt.receiptNo}`, sk: 'RECEIPT_NO', entity: 'RECEIPT_NO', paymentId: draft.paymentId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { pk: `RECEIPT_LINK#${linkToken}`, sk: 'RECEIPT_LINK', entity: 'RECEIPT_LINK', paymentId: draft.paymentId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...alsoWrite(receipt),
      ];
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        this.lastWritten.set(seriesKey, lastNo + 1);
        return { kind: 'ISSUED', receipt };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
        if (codes[0] === 'ConditionalCheckFailed') {
          const existing = await this.getByPayment(draft.paymentId);
          if (existing) return { kind: 'ALREADY_ISSUED', receipt: existing };
        }
        if (codes.slice(4).includes('ConditionalCheckFailed')) return { kind: 'NOT_ELIGIBLE' };
        // The guard of a number only fails if the counter was ever set back: refuse rather than repeat a number.
        if (codes[2] === 'ConditionalCheckFailed' && codes[1] !== 'ConditionalCheckFailed') throw new Error(`receipt number ${receipt.receiptNo} of ${seriesKey} is taken though the counter was at ${lastNo}`);
        // Another issuer took this number (or was writing the counter at the same time): try the next.
        await contentionPause(attempt);
      }
    }
    throw new ReceiptSeriesBusyError(seriesKey, this.maxAttempts);
  }

  async getByPayment(paymentId: string): Promise<StoredReceipt | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: receiptPk(paymentId), sk: RECEIPT_SK }, ConsistentRead: true }));
    return Item ? toReceipt(Item) : undefined;
  }

  async getByLinkToken(token: string): Promise<StoredReceipt | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: `RECEIPT_LINK#${token}`, sk: 'RECEIPT_LINK' } }));
    if (typeof Item?.paymentId !== 'string') return undefined;
    const receipt = await this.getByPayment(Item.paymentId);
    return receipt?.linkToken === token ? receipt : undefined;
  }

  /** The receipt numbers of a series and year, in order (tests, audits). */
  async listNumbers(templateCode: string, series: string, year: number): Promise<string[]> {
    const items = await queryAll<{ receiptNo: string }>(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `RECEIPTS#${templateCode}#${series}#${year}` },
      ProjectionExpression: 'receiptNo',
    }, 10_000_000);
    return items.map((item) => item.receiptNo);
  }

  /**
   * A refund's effect on the receipt (domain/receipts/receipt-refund.ts), written only if the receipt
   * is still as it was read, so two refunds never overwrite each other's adjustment. The receipt stays.
   */
  async applyRefund(paymentId: string, refundedAmount: number, at: string): Promise<RefundOutcome | { readonly kind: 'NOT_FOUND' }> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const receipt = await this.getByPayment(paymentId);
      if (!receipt) return { kind: 'NOT_FOUND' };
      const outcome = applyRefund(receipt, refundedAmount, at);
      if (outcome.kind !== 'APPLIED') return outcome;
      try {
        await this.doc.send(new UpdateCommand(receiptRefundWrite(this.tableName, receipt, outcome.receipt).Update));
        return outcome;
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    throw new Error(`the receipt of ${paymentId} kept changing while a refund was applied`);
  }

  private async lastNumber(seriesKey: string): Promise<number> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `RECEIPT_SERIES#${seriesKey}`, sk: 'RECEIPT_SERIES' }, ConsistentRead: true, ProjectionExpression: 'lastNo' }),
    );
    return typeof Item?.lastNo === 'number' ? Item.lastNo : 0;
  }
}

/**
 * The write of a refund's effect on a receipt (domain/receipts/receipt-refund.ts), conditioned on the
 * receipt being still as read, so two refunds never overwrite each other's adjustment; for a
 * transaction of the refund's other effects, or on its own (applyRefund above).
 */
export function receiptRefundWrite(tableName: string, before: Receipt, after: Receipt): TransactWriteItem & { Update: NonNullable<TransactWriteItem['Update']> } {
  return {
    Update: {
      TableName: tableName,
      Key: { pk: receiptPk(before.paymentId), sk: RECEIPT_SK },
      UpdateExpression: 'SET #status = :status, adjustment = :adjustment',
      ConditionExpression: '#status = :was AND ' + (before.adjustment ? 'adjustment.refundedAmount = :refundedBefore' : 'attribute_not_exists(adjustment)'),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': after.status,
        ':adjustment': after.adjustment,
        ':was': before.status,
        ...(before.adjustment ? { ':refundedBefore': before.adjustment.refundedAmount } : {}),
      },
    },
  };
}

function receiptPk(paymentId: string): string {
  return `RECEIPT#${paymentId}`;
}

function toReceipt(item: Record<string, unknown>): StoredReceipt {
  const { pk: _pk, sk: _sk, entity: _entity, year: _year, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...receipt } = item;
  return receipt as unknown as StoredReceipt;
}

/** Growing and jittered over the whole window, so issuers that met part rather than meet again. */
function contentionPause(attempt: number): Promise<void> {
  const window = Math.min(100, 4 * 2 ** Math.min(attempt, 5));
  return new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * window)));
}

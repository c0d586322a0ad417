import { createHash } from 'node:crypto';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Payment } from '../../domain/payments/payment';

/**
 * Payments, their dossiers' guards and the idempotency records of payment requests, in the service
 * table. Items:
 *
 *   payment       pk PAYMENT#<paymentId>                 sk PAYMENT
 *                 gsi1pk DOSSIER#<dossierId>             gsi1sk PAYMENT#<createdAt, UTC ISO>#<paymentId>
 *                 while PENDING:   gsi2pk PENDING#<shard 0..7>                gsi2sk <expiresAt, UTC ISO>#<paymentId>
 *                 once SUCCEEDED:  gsi2pk SUCCEEDED#<provider>#<businessDate> gsi2sk <paidAt, UTC ISO>#<paymentId>
 *                 (its history is the `events` list on the item, appended in the same write as each move)
 *   dossier guard pk DOSSIER#<dossierId>                 sk DOSSIER
 *                 procedureCode, agencyCode, attempts, lastPaymentId; paidPaymentId + paidAt once paid
 *   idempotency   pk IDEMPOTENCY#<caller>#<key>          sk IDEMPOTENCY
 *                 fingerprint, paymentId (written in the payment's own transaction, so a key
 *                 always points at a payment), expiresAtEpoch (TTL: the only item here that expires)
 *
 * Access patterns, each a GetItem or a Query:
 *   payment by id                              GetItem  PAYMENT#<id> / PAYMENT
 *   payments of a dossier, oldest first        Query    gsi1  gsi1pk = DOSSIER#<dossierId>
 *   is the dossier paid, and by which payment  GetItem  DOSSIER#<id> / DOSSIER (and a condition in every create)
 *   idempotency key of a caller → payment      GetItem  IDEMPOTENCY#<caller>#<key> / IDEMPOTENCY
 *   PENDING payments past their expiry         Query    gsi2  gsi2pk = PENDING#<s> AND gsi2sk <= now, for s in 0..7
 *   successes of a provider on a business day  Query    gsi2  gsi2pk = SUCCEEDED#<provider>#<date>, in paidAt order
 *                                              (streamed page by page for reconciliation: succeededPages)
 *   payments by id, in batches                 BatchGetItem  PAYMENT#<id> / PAYMENT, 100 at a time
 *
 * Two repositories write these items, one per use case, so that each function's bundle carries only
 * the one it uses (esbuild keeps a class whole):
 *   payment-request-repository.ts  creating payment requests: the new payment with its key and guard
 *   payment-repository.ts          everything after: the state machine's moves, reconciliation's
 *                                  notes and reads
 * The PENDING index keys exist only while a payment is PENDING (every move out of PENDING removes
 * them), so the expiry job reads due payments and nothing else. They are spread over eight shards so
 * a peak of payment creations does not make one index partition hot.
 *
 * This module holds what both need, as plain functions: the item keys, an item back to a Payment,
 * reading a payment or a dossier guard (transactions run through transactWrite of the DynamoDB adapter).
 */
export const PENDING_SHARDS = 8;
export const MAX_TRANSACTION_ATTEMPTS = 4;


export interface DossierGuard {
  readonly dossierId: string;
  readonly procedureCode: string;
  readonly agencyCode: string;
  readonly attempts: number;
  readonly lastPaymentId: string;
  readonly paidPaymentId?: string;
  readonly paidAt?: string;
}

const PAYMENT_SK = 'PAYMENT';
const DOSSIER_SK = 'DOSSIER';
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'expiresAtMs', 'entity'] as const;

export const dossierNotPaid = 'attribute_not_exists(paidPaymentId)';

export async function getPayment(doc: DynamoDBDocumentClient, tableName: string, paymentId: string): Promise<Payment | undefined> {
  const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: paymentKey(paymentId), ConsistentRead: true }));
  return Item ? toPayment(Item) : undefined;
}

export async function getDossier(doc: DynamoDBDocumentClient, tableName: string, dossierId: string): Promise<DossierGuard | undefined> {
  const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: dossierKey(dossierId), ConsistentRead: true }));
  if (!Item) return undefined;
  return {
    dossierId: Item.dossierId as string,
    procedureCode: Item.procedureCode as string,
    agencyCode: Item.agencyCode as string,
    attempts: Item.attempts as number,
    lastPaymentId: Item.lastPaymentId as string,
    ...(Item.paidPaymentId ? { paidPaymentId: Item.paidPaymentId as string, paidAt: Item.paidAt as string } : {}),
  };
}

export function paymentKey(paymentId: string) {
  return { pk: `PAYMENT#${paymentId}`, sk: PAYMENT_SK };
}

export function dossierKey(dossierId: string) {
  return { pk: `DOSSIER#${dossierId}`, sk: DOSSIER_SK };
}

export function pendingShard(paymentId: string): number {
  return createHash('sha256').update(paymentId).digest()[0]! % PENDING_SHARDS;
}

export function toPayment(item: Record<string, unknown>): Payment {
  const payment: Record<string, unknown> = { ...item };
  for (const name of KEY_ATTRIBUTES) delete payment[name];
  return payment as unknown as Payment;
}


import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

export type TransactWriteItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Tries of one transaction in all, when it keeps meeting another in flight. */
export const TRANSACTION_TRIES = 5;

/**
 * Runs a transaction of the service table's repositories; answers undefined when it committed, or
 * the index of the first item whose condition failed, which is an answer, not an error: the caller
 * knows what that item's condition means (already paid, resolved meanwhile, …). A conflict with
 * another transaction in flight (TransactionConflict) is tried again after a short pause, up to
 * TRANSACTION_TRIES in all; anything else is thrown.
 */
export async function transactWrite(doc: DynamoDBDocumentClient, items: readonly TransactWriteItem[]): Promise<number | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: [...items] }));
      return undefined;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      const failed = codes.indexOf('ConditionalCheckFailed');
      if (failed >= 0) return failed;
      if (!codes.includes('TransactionConflict') || attempt + 1 >= TRANSACTION_TRIES) throw error;
      await retryPause(attempt);
    }
  }
}

/** The wait before try `attempt + 1` of a write that met a conflict: growing, capped at a second, jittered so that the writers part. */
export function retryPause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(1000, 10 * 2 ** attempt) + Math.floor(Math.random() * 10)));
}

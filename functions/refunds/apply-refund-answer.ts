import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { decideRefundAnswer, type RefundAnswer, type RefundCaseFacts } from '../../domain/refunds/refund-answer';
import { retryPause, transactWrite } from '../adapters/dynamodb/transact-write';
import type { Dependencies } from '../composition';
import type { DynamoDbReceiptRepository } from '../receipts/receipt-repository';
import { DEDUPE_ITEM, refundAnswerDedupeKey, refundAnswerDedupeWrite, refundEffectsWrites } from './refund-effects-writer';

/**
 * Applies one verified provider answer about a refund (a signed callback or the mop-up's status
 * query) exactly once, in a straight line: read what the decision needs (payment, refund, receipt,
 * case) → the pure decision → the one writer, one transaction. A duplicate (sequential or racing),
 * a late answer on a finished refund, a reordered one and an unknown refund are values; an answer
 * that moves nothing is still remembered (its dedupe record) so a repeat costs one read.
 */
export type RefundAnswerOutcome = 'APPLIED' | 'DUPLICATE' | 'IGNORED' | 'AMOUNT_MISMATCH' | 'UNKNOWN_REFUND';

export type ApplyRefundAnswerDependencies = Pick<Dependencies, 'payments' | 'refunds' | 'cases' | 'clock' | 'dynamoDb' | 'tableName'> & {
  readonly receipts: Pick<DynamoDbReceiptRepository, 'getByPayment'>;
};

const MAX_DECISIONS = 5;

export async function applyRefundAnswer(answer: RefundAnswer, deps: ApplyRefundAnswerDependencies): Promise<RefundAnswerOutcome> {
  const doc = deps.dynamoDb.doc;
  const { Item: seen } = await doc.send(new GetCommand({ TableName: deps.tableName, Key: refundAnswerDedupeKey(answer), ConsistentRead: true }));
  if (seen) return 'DUPLICATE';

  for (let decision = 0; decision < MAX_DECISIONS; decision++) {
    const now = deps.clock.now();
    const [payment, refund, receipt] = await Promise.all([
      deps.payments.getPayment(answer.paymentId),
      deps.refunds.getRefund(answer.paymentId, answer.refundId),
      deps.receipts.getByPayment(answer.paymentId),
    ]);
    const refundCase = refund?.caseId ? await caseFacts(refund.caseId, deps) : undefined;
    const decided = decideRefundAnswer({ payment, refund, answer, receipt, refundCase, now });
    if (decided.kind !== 'APPLY') {
      const outcome: RefundAnswerOutcome = decided.kind === 'UNKNOWN_REFUND' || decided.kind === 'AMOUNT_MISMATCH' ? decided.kind : decided.kind === 'DUPLICATE' ? 'DUPLICATE' : 'IGNORED';
      // Only a signed answer gets here, so remembering it cannot block a real one.
      await transactWrite(doc, [refundAnswerDedupeWrite(deps.tableName, answer, outcome, now)]);
      return outcome;
    }
    const failed = await transactWrite(doc, refundEffectsWrites(deps.tableName, answer, decided.effects, now));
    if (failed === undefined) return 'APPLIED';
    if (failed === DEDUPE_ITEM) return 'DUPLICATE';
    // The refund, payment, receipt or case changed since the read (another answer, another refund): decide again.
    await retryPause(decision);
  }
  throw new Error(`could not apply the answer ${answer.eventId} about refund ${answer.refundId} after repeated conflicts`);
}

async function caseFacts(caseId: string, deps: ApplyRefundAnswerDependencies): Promise<RefundCaseFacts | undefined> {
  const found = await deps.cases.get(caseId);
  return found ? { caseId: found.caseId, status: found.status, entries: found.entries } : undefined;
}

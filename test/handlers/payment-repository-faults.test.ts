// Proves the payments' transactions (transactWrite of the DynamoDB adapter, here through the creation of a payment) read DynamoDB's transaction cancellations right: a conflict with another transaction is retried, a failed condition is named by item, anything else is thrown.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Payment } from '../../domain/payments/payment';
import { DynamoDbPaymentRequestRepository } from '../../functions/payments/payment-request-repository';

const doc = mockClient(DynamoDBDocumentClient);
const repository = () => new DynamoDbPaymentRequestRepository(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local' })), 'fee-payments');
const claim = { scope: { caller: 'portal', key: 'k' }, claimToken: 'token' };
const payment = {
  paymentId: 'pay_0000000000AAAAAAAAAAA',
  dossierId: 'HS-1',
  procedureCode: 'CT-BANSAO',
  agencyCode: 'TANPHONG',
  createdAt: '2026-01-10T09:00:00+07:00',
  expiresAt: '2026-01-10T09:15:00+07:00',
} as Payment;
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

beforeEach(() => doc.reset());

describe('DynamoDbPaymentRequestRepository against DynamoDB faults', () => {
  it('retries a transaction that conflicted with another one in flight', async () => {
    doc.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'None', 'TransactionConflict')).resolves({});
    expect(await repository().createPayment(payment, claim)).toEqual({ kind: 'CREATED', payment });
    expect(doc.commandCalls(TransactWriteCommand)).toHaveLength(2);
    const items = doc.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Update', 'Put', 'Update']);
  });

  it('names the item whose condition failed: the key, then the dossier', async () => {
    doc.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None'));
    expect(await repository().createPayment(payment, claim)).toEqual({ kind: 'CLAIM_LOST' });
    doc.reset();
    doc.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));
    doc.on(GetCommand).resolves({ Item: { dossierId: 'HS-1', procedureCode: 'CT-BANSAO', paidPaymentId: 'pay_0000000000BBBBBBBBBBB', paidAt: 'x' } });
    expect(await repository().createPayment(payment, claim)).toEqual({ kind: 'DOSSIER_ALREADY_PAID', paidPaymentId: 'pay_0000000000BBBBBBBBBBB' });
  });

  it('throws what it does not understand, for the edge to answer 500', async () => {
    doc.on(TransactWriteCommand).rejects(new Error('ProvisionedThroughputExceeded'));
    await expect(repository().createPayment(payment, claim)).rejects.toThrow('ProvisionedThroughputExceeded');
  });
});

// Proves the creation of a payment reads DynamoDB's transaction cancellations right, without a read of its own: a conflict with another transaction is retried, a failed condition is named by item and answered from the item that came back with it, a key held by a transaction in flight at every try is "busy", anything else is thrown.
import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Payment } from '../../domain/payments/payment';
import { CREATE_TRANSACTION_TRIES, DynamoDbPaymentRequestRepository } from '../../functions/payments/payment-request-repository';

const doc = mockClient(DynamoDBDocumentClient);
const repository = () => new DynamoDbPaymentRequestRepository(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local' })), 'fee-payments');
const request = { scope: { caller: 'portal', key: 'k' }, fingerprint: 'fp-1' };
const payment = {
  paymentId: 'pay_0000000000AAAAAAAAAAA',
  dossierId: 'HS-1',
  procedureCode: 'CT-BANSAO',
  agencyCode: 'TANPHONG',
  createdAt: '2026-01-10T09:00:00+07:00',
  expiresAt: '2026-01-10T09:15:00+07:00',
} as Payment;
const cancelled = (...reasons: Array<string | CancellationReason>) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: reasons.map((reason) => (typeof reason === 'string' ? { Code: reason } : reason)),
  });
const keyRecord = { Code: 'ConditionalCheckFailed', Item: { pk: { S: 'IDEMPOTENCY#portal#k' }, fingerprint: { S: 'fp-0' }, paymentId: { S: 'pay_0000000000CCCCCCCCCCC' } } };
const paidDossier = { Code: 'ConditionalCheckFailed', Item: { pk: { S: 'DOSSIER#HS-1' }, procedureCode: { S: 'CT-BANSAO' }, paidPaymentId: { S: 'pay_0000000000BBBBBBBBBBB' } } };

beforeEach(() => doc.reset());

describe('DynamoDbPaymentRequestRepository against DynamoDB faults', () => {
  it('writes the key, the payment and the dossier in one transaction, and retries it after a conflict with another one in flight', async () => {
    doc.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'None', 'TransactionConflict')).resolves({});
    expect(await repository().createPayment(payment, request)).toEqual({ kind: 'CREATED', payment });
    expect(doc.commandCalls(TransactWriteCommand)).toHaveLength(2);
    const items = doc.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Put', 'Put', 'Update']);
    expect(items[0]?.Put?.Item).toMatchObject({ fingerprint: 'fp-1', paymentId: payment.paymentId });
    expect(doc.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('answers a failed condition from the item that came back with it: the key before the dossier', async () => {
    doc.on(TransactWriteCommand).rejects(cancelled(keyRecord, 'None', paidDossier));
    expect(await repository().createPayment(payment, request)).toEqual({ kind: 'KEY_TAKEN', record: { fingerprint: 'fp-0', paymentId: 'pay_0000000000CCCCCCCCCCC' } });
    doc.reset();
    doc.on(TransactWriteCommand).rejects(cancelled('None', 'None', paidDossier));
    expect(await repository().createPayment(payment, request)).toEqual({ kind: 'DOSSIER_ALREADY_PAID', paidPaymentId: 'pay_0000000000BBBBBBBBBBB' });
    doc.reset();
    doc.on(TransactWriteCommand).rejects(cancelled('None', 'None', { Code: 'ConditionalCheckFailed', Item: { procedureCode: { S: 'CT-CHUKY' } } }));
    expect(await repository().createPayment(payment, request)).toEqual({ kind: 'DOSSIER_PROCEDURE_MISMATCH', procedureCode: 'CT-CHUKY' });
    expect(doc.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('reads the dossier when the refused item did not come back', async () => {
    doc.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));
    doc.on(GetCommand).resolves({ Item: { dossierId: 'HS-1', procedureCode: 'CT-BANSAO', paidPaymentId: 'pay_0000000000BBBBBBBBBBB', paidAt: 'x' } });
    expect(await repository().createPayment(payment, request)).toEqual({ kind: 'DOSSIER_ALREADY_PAID', paidPaymentId: 'pay_0000000000BBBBBBBBBBB' });
  });

  it('answers KEY_BUSY when the key is held by another transaction at every try, and writes nothing', async () => {
    doc.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None', 'None'));
    expect(await repository().createPayment(payment, request)).toEqual({ kind: 'KEY_BUSY' });
    expect(doc.commandCalls(TransactWriteCommand)).toHaveLength(CREATE_TRANSACTION_TRIES);
  });

  it('throws what it does not understand, for the edge to answer 500', async () => {
    doc.on(TransactWriteCommand).rejects(new Error('ProvisionedThroughputExceeded'));
    await expect(repository().createPayment(payment, request)).rejects.toThrow('ProvisionedThroughputExceeded');
    doc.reset();
    doc.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'TransactionConflict'));
    await expect(repository().createPayment(payment, request)).rejects.toThrow('repeated transaction conflicts');
  });
});

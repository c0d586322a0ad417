// Proves a callback that meets a DynamoDB fault (throttling, a cancelled transaction) leaves no partial state and gets an answer that makes the provider retry.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { signMockBankBody } from '../../domain/providers/mock-bank-protocol';
import { withPortalSecureHash, encodePortalFields } from '../../domain/providers/mock-portal-protocol';
import { handler as mockBankCallback } from '../../functions/callbacks/mock-bank-callback.handler';
import { handler as mockPortalCallback } from '../../functions/callbacks/mock-portal-callback.handler';
import { buildDependencies, useDependencies } from '../../functions/composition';
import { loadConfig } from '../../functions/config';
import { lambdaContext } from '../../functions/local/lambda-context';
import { anApiEvent } from '../support/api-events';

const dynamo = mockClient(DynamoDBDocumentClient);
const config = loadConfig({ TABLE_NAME: 'fee-payments-test' });
useDependencies(buildDependencies(config));

const payment = {
  pk: 'PAYMENT#pay_01TEST00000000000000000',
  sk: 'PAYMENT',
  paymentId: 'pay_01TEST00000000000000000',
  status: 'PENDING',
  dossierId: 'HS-1',
  procedureCode: 'LLTP-CAP',
  agencyCode: 'STP',
  provider: 'mock-bank',
  amount: 200_000,
  currency: 'VND',
  events: [{ type: 'PaymentCreated', at: '2026-05-01T09:00:00+07:00' }],
};

const throttled = () => Object.assign(new Error('Rate of requests exceeds the allowed throughput'), { name: 'ThrottlingException', $retryable: { throttling: true } });
const conflicted = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }],
  });

function givenAPendingPayment() {
  dynamo.reset();
  dynamo.on(GetCommand).resolves({}); // no dedupe record, no dossier guard
  dynamo.on(GetCommand, { Key: { pk: payment.pk, sk: 'PAYMENT' } }).resolves({ Item: payment });
}

function bankEvent() {
  const body = JSON.stringify({
    eventId: 'evt-fault',
    providerTxnId: 'MB-FAULT',
    paymentId: payment.paymentId,
    amount: payment.amount,
    currency: 'VND',
    status: 'SUCCEEDED',
    occurredAt: new Date().toISOString(),
    bankCode: 'VCB',
  });
  return anApiEvent({ method: 'POST', path: '/v1/callbacks/mock-bank', body, headers: { 'x-mockbank-signature': signMockBankBody(body, config.MOCK_BANK_SECRET, new Date()) } });
}

/** Every write the handler sent: the only allowed kind is one whole transaction. */
function standaloneWrites() {
  return [...dynamo.commandCalls(PutCommand), ...dynamo.commandCalls(UpdateCommand)];
}

describe('callback handlers under DynamoDB faults', () => {
  it.each([
    ['throttling', throttled],
    ['a transaction conflict that keeps happening', conflicted],
  ])('answers mock-bank 500 on %s, having written nothing outside the one transaction', async (_name, fault) => {
    givenAPendingPayment();
    dynamo.on(TransactWriteCommand).rejects(fault());
    const response = await mockBankCallback(bankEvent(), lambdaContext('MockBankCallback'));
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(String(response.body))).toMatchObject({ error: { code: 'INTERNAL_ERROR' } });
    expect(standaloneWrites()).toEqual([]);
    const transaction = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    // Payment move, dossier guard, dedupe record, counter, outbox: all or nothing.
    const keys = transaction.map((item) => String((item.Update?.Key ?? item.Put?.Item)?.pk));
    expect(keys).toEqual(expect.arrayContaining([payment.pk, 'DOSSIER#HS-1', 'CALLBACK#mock-bank#evt-fault', 'COUNTER#STP', 'OUTBOX#PaymentSucceeded:pay_01TEST00000000000000000']));
  });

  it('answers the portal platform 99 (it retries) when the transaction fails', async () => {
    givenAPendingPayment();
    dynamo.on(TransactWriteCommand).rejects(throttled());
    const fields = withPortalSecureHash(
      {
        pg_TmnCode: config.MOCK_PORTAL_TMN_CODE,
        pg_Amount: '20000000',
        pg_TxnRef: payment.paymentId,
        pg_TransactionNo: 'MP-FAULT',
        pg_ResponseCode: '00',
        pg_TransactionStatus: '00',
        pg_PayDate: '20260501090500',
        pg_BankCode: 'NCB',
      },
      config.MOCK_PORTAL_SECRET,
    );
    const event = anApiEvent({ method: 'POST', path: '/v1/callbacks/mock-portal', body: encodePortalFields(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const response = await mockPortalCallback(event, lambdaContext('MockPortalCallback'));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(String(response.body))).toEqual({ RspCode: '99', Message: 'Unknown error' });
    expect(standaloneWrites()).toEqual([]);
  });

  it('reads nothing and writes nothing for a forged callback', async () => {
    givenAPendingPayment();
    const event = bankEvent();
    event.headers['x-mockbank-signature'] = signMockBankBody(event.body!, 'someone-elses-secret-16+', new Date());
    const response = await mockBankCallback(event, lambdaContext('MockBankCallback'));
    expect(response.statusCode).toBe(401);
    expect(dynamo.calls()).toHaveLength(0);
  });
});

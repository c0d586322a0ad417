// Proves the repositories' one way of running a transaction: a failed condition is an answer naming the item, a conflict with another transaction is tried again a bounded number of times, anything else is thrown at once.
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { TRANSACTION_TRIES, transactWrite, type TransactWriteItem } from '../../functions/adapters/dynamodb/transact-write';

const doc = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local' }));
const items: TransactWriteItem[] = [
  { Put: { TableName: 't', Item: { pk: 'A', sk: 'A' }, ConditionExpression: 'attribute_not_exists(pk)' } },
  { Put: { TableName: 't', Item: { pk: 'B', sk: 'B' }, ConditionExpression: 'attribute_not_exists(pk)' } },
];
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

beforeEach(() => doc.reset());

describe('transactWrite', () => {
  it('answers undefined once the transaction commits, trying again after a conflict', async () => {
    doc.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'TransactionConflict')).rejectsOnce(cancelled('TransactionConflict', 'None')).resolves({});
    await expect(transactWrite(client, items)).resolves.toBeUndefined();
    expect(doc.commandCalls(TransactWriteCommand)).toHaveLength(3);
    expect(doc.commandCalls(TransactWriteCommand)[2]!.args[0].input.TransactItems).toEqual(items);
  });

  it('answers the index of the item whose condition failed, without trying again', async () => {
    doc.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    await expect(transactWrite(client, items)).resolves.toBe(1);
    expect(doc.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it(`gives up after ${TRANSACTION_TRIES} tries that all conflict, and throws anything else at once`, async () => {
    doc.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));
    await expect(transactWrite(client, items)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(doc.commandCalls(TransactWriteCommand)).toHaveLength(TRANSACTION_TRIES);

    doc.reset();
    doc.on(TransactWriteCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(transactWrite(client, items)).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(doc.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});

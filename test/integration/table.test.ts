// Proves the table built from the shared design supports the transactions and indexes the service relies on.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../support/dynamodb';

describe('service table on DynamoDB Local', () => {
  let table: TestTable;
  beforeAll(async () => (table = await createTestTable()));
  afterAll(async () => table.drop());

  it('refuses a whole transaction when one condition fails', async () => {
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { pk: 'GUARD#1', sk: 'GUARD' } }));
    const write = table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table.tableName, Item: { pk: 'ITEM#1', sk: 'ITEM' } } },
          { Put: { TableName: table.tableName, Item: { pk: 'GUARD#1', sk: 'GUARD' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    await expect(write).rejects.toBeInstanceOf(TransactionCanceledException);
    const { Items } = await table.doc.send(
      new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'ITEM#1' } }),
    );
    expect(Items).toEqual([]);
  });

  it('answers queries on the secondary indexes in sort order', async () => {
    for (const sk of ['b', 'a', 'c']) {
      await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { pk: `X#${sk}`, sk: 'X', gsi2pk: 'DAY', gsi2sk: sk } }));
    }
    const { Items } = await table.doc.send(
      new QueryCommand({ TableName: table.tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': 'DAY' } }),
    );
    expect(Items?.map((item) => item.gsi2sk)).toEqual(['a', 'b', 'c']);
  });
});

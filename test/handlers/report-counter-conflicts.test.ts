// Proves a counter transaction cancelled by a conflict on a hot counter is retried spread over shards, and any other failure is thrown untouched.
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { counterDeltasFor } from '../../domain/reports/counters';
import { DynamoDbReportCounterRepository, isTransactionConflict } from '../../functions/reports/report-counter-repository';

const dynamoDb = mockClient(DynamoDBDocumentClient);
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-1' }));
const deltas = counterDeltasFor({
  type: 'ONLINE_PAYMENT_SUCCEEDED',
  payment: { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-10', amount: 200_000 },
  firstSuccessOfDossier: true,
});
const cancelled = (code: string) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: [{ Code: code }] });

beforeEach(() => dynamoDb.reset());

describe('DynamoDbReportCounterRepository.applyDeltas', () => {
  it('retries a transaction lost to a conflict, moving to random shards', async () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.99);
    dynamoDb.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict')).resolves({});

    await new DynamoDbReportCounterRepository(doc, 'table').applyDeltas(deltas);

    const keys = dynamoDb.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems?.[0]?.Update?.Key?.sk);
    expect(keys).toEqual(['2026-03-10#LLTP-CAP#ONLINE#0', '2026-03-10#LLTP-CAP#ONLINE#7']);
    random.mockRestore();
  });

  it('gives up after a bounded number of conflicts', async () => {
    dynamoDb.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await expect(new DynamoDbReportCounterRepository(doc, 'table').applyDeltas(deltas)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(dynamoDb.commandCalls(TransactWriteCommand)).toHaveLength(5);
  });

  it('does not retry a cancellation for any other reason', async () => {
    dynamoDb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));
    await expect(new DynamoDbReportCounterRepository(doc, 'table').applyDeltas(deltas)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(dynamoDb.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(isTransactionConflict(cancelled('ConditionalCheckFailed'))).toBe(false);
  });
});

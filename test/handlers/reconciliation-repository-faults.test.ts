// Proves the reconciliation repository against DynamoDB faults: a resolution lost to a transaction conflict or to a racing action is retried with the next trail number, unprocessed batch items are written again, a forged cursor never reaches DynamoDB, and other faults are thrown.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { CursorError, DynamoDbReconciliationRepository } from '../../functions/reconciliation/reconciliation-repository';
import { aStoredDiscrepancy } from '../unit/reconciliation-runs/builders';

const doc = mockClient(DynamoDBDocumentClient);
const repository = () => new DynamoDbReconciliationRepository(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local' })), 'fee-payments');
const run = { runId: 'rec_0000000000AAAAAAAAAAA', provider: 'mock-bank' as const, businessDate: '2026-03-10' };
const discrepancyId = 'dsc_AAAAAAAAAAAAAAAAAAAA';
const entry = { action: 'WRITE_OFF', note: null, by: 'finance-1', at: '2026-03-11T09:00:00+07:00' };
const cancelled = (...codes: string[]) => new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
const trailKeys = () => doc.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems?.[3]?.Put?.Item?.sk);

beforeEach(() => doc.reset());

describe('DynamoDbReconciliationRepository against DynamoDB faults', () => {
  beforeEach(() => {
    doc.on(GetCommand, { Key: { pk: `RECONRUN#${run.runId}`, sk: `DISCREPANCY#${discrepancyId}` } }).resolves({ Item: { ...aStoredDiscrepancy({ discrepancyId, status: 'RESOLVED' }) } });
  });

  it('retries a resolution cancelled by a conflicting transaction, with the same trail entry', async () => {
    doc.on(GetCommand, { Key: { pk: 'RECONDAY#mock-bank#2026-03-10', sk: `RESOLUTION#${discrepancyId}` } }).resolves({});
    doc.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'None', 'TransactionConflict', 'None')).resolves({});
    expect(await repository().resolve(run, discrepancyId, entry, true, new Date())).toMatchObject({ kind: 'RECORDED' });
    expect(trailKeys()).toEqual([`TRAIL#${discrepancyId}#000001`, `TRAIL#${discrepancyId}#000001`]);
  });

  it('takes the next trail number when a racing action took this one', async () => {
    doc
      .on(GetCommand, { Key: { pk: 'RECONDAY#mock-bank#2026-03-10', sk: `RESOLUTION#${discrepancyId}` } })
      .resolvesOnce({ Item: { status: 'OPEN', entries: 1 } })
      .resolves({ Item: { status: 'OPEN', entries: 2 } });
    doc.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'None', 'None', 'ConditionalCheckFailed')).resolves({});
    expect(await repository().resolve(run, discrepancyId, { ...entry, action: 'NOTE', note: 'x' }, false, new Date())).toMatchObject({ kind: 'RECORDED' });
    expect(trailKeys()).toEqual([`TRAIL#${discrepancyId}#000002`, `TRAIL#${discrepancyId}#000003`]);
  });

  it('answers ALREADY_RESOLVED when another resolution won the race', async () => {
    doc
      .on(GetCommand, { Key: { pk: 'RECONDAY#mock-bank#2026-03-10', sk: `RESOLUTION#${discrepancyId}` } })
      .resolvesOnce({})
      .resolves({ Item: { status: 'RESOLVED', entries: 1 } });
    doc.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed', 'None'));
    expect(await repository().resolve(run, discrepancyId, entry, true, new Date())).toEqual({ kind: 'ALREADY_RESOLVED' });
  });

  it('throws what it does not understand', async () => {
    doc.on(GetCommand).resolves({});
    doc.on(TransactWriteCommand).rejects(Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' }));
    await expect(repository().resolve(run, discrepancyId, entry, true, new Date())).rejects.toThrow('Throughput');
  });

  it('writes again the items a batch left unprocessed, and gives up loudly', async () => {
    const discrepancies = Array.from({ length: 30 }, (_, i) => aStoredDiscrepancy({ discrepancyId: `dsc_${String(i).padStart(20, 'A')}`, order: i }));
    doc.on(BatchWriteCommand).callsFakeOnce((input) => ({ UnprocessedItems: { 'fee-payments': input.RequestItems['fee-payments'].slice(0, 2) } })).resolves({});
    await repository().putDiscrepancies(discrepancies);
    // The two groups go at once; the first one's two unprocessed items are written again after a pause.
    expect(doc.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems?.['fee-payments']?.length)).toEqual([25, 5, 2]);

    doc.reset();
    doc.on(BatchWriteCommand).callsFake((input) => ({ UnprocessedItems: input.RequestItems }));
    await expect(repository().putDiscrepancies(discrepancies.slice(0, 1))).rejects.toThrow('unprocessed');
  }, 15_000);

  it('refuses a cursor of another listing before any Query', async () => {
    const otherRun = Buffer.from(JSON.stringify({ gsi2pk: 'RECONRUN#rec_0000000000BBBBBBBBBBB#FINDINGS', gsi2sk: 'X', pk: 'p', sk: 's' })).toString('base64url');
    await expect(repository().listDiscrepancies(run.runId, { agencies: 'ALL', limit: 10, cursor: otherRun })).rejects.toBeInstanceOf(CursorError);
    await expect(repository().listDiscrepancies(run.runId, { agencies: 'ALL', limit: 10, cursor: 'not-json' })).rejects.toBeInstanceOf(CursorError);
    expect(doc.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

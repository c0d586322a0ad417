// Proves the reconciliation repository against DynamoDB faults: findings go with their cases in transactions that never write one case twice, a refused one is thrown, unprocessed batch items are written again, and a forged cursor never reaches DynamoDB.
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

beforeEach(() => doc.reset());

/** A run's finding of an amount mismatch, as the recorder hands it over. */
const found = (caseId: string, discrepancyId: string) => ({
  caseId,
  type: 'AMOUNT_MISMATCH' as const,
  provider: 'mock-bank' as const,
  providerTxnId: 'MB1',
  paymentId: null,
  dossierId: null,
  agencyCode: null,
  expectedAmount: null,
  providerAmount: 15_000,
  providerPaidAt: null,
  finding: { source: 'RECONCILIATION' as const, type: 'AMOUNT_MISMATCH' as const, contractType: 'AMOUNT_MISMATCH', runId: run.runId, discrepancyId, at: '2026-03-11T08:00:00+07:00' },
});

describe('DynamoDbReconciliationRepository against DynamoDB faults', () => {
  it('writes a run\'s findings with their cases, two findings of one case never in one transaction', async () => {
    doc.on(TransactWriteCommand).resolves({});
    const findings = Array.from({ length: 60 }, (_, i) => {
      const id = `dsc_${String(i).padStart(20, 'A')}`;
      return { discrepancy: aStoredDiscrepancy({ discrepancyId: id, order: i }), found: found(i === 1 ? 'cas_AAAAAAAAAAAAAAAAAAAA' : `cas_${String(i).padStart(20, 'B')}`, id) };
    });
    findings[0] = { ...findings[0]!, found: found('cas_AAAAAAAAAAAAAAAAAAAA', findings[0]!.discrepancy.discrepancyId) };
    await repository().putFindings(findings, new Date());
    const transactions = doc.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems ?? []);
    // The second finding of the first case starts a transaction of its own; then at most 50 findings (100 items) go together.
    expect(transactions.map((items) => items.length)).toEqual([2, 100, 18]);
    for (const items of transactions) {
      const caseKeys = items.flatMap((item) => (item.Update ? [item.Update.Key?.pk] : []));
      expect(new Set(caseKeys).size).toBe(caseKeys.length);
    }
  });

  it('answers the findings of a transaction refused because their case was decided meanwhile, and throws on anything else refused', async () => {
    doc.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    const finding = { discrepancy: aStoredDiscrepancy({ caseId: 'cas_AAAAAAAAAAAAAAAAAAAA', caseStatus: 'OPEN' }), found: found('cas_AAAAAAAAAAAAAAAAAAAA', 'dsc_AAAAAAAAAAAAAAAAAAAA') };
    expect(await repository().putFindings([finding], new Date())).toEqual([finding]);
    const update = doc.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![1]!.Update!;
    expect(update.ConditionExpression).toBe('attribute_not_exists(#status) OR #status = :expected');
    expect(update.ExpressionAttributeValues![':expected']).toBe('OPEN');
    await expect(repository().putFindings([{ discrepancy: aStoredDiscrepancy(), found: null }], new Date())).rejects.toThrow('refused');
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

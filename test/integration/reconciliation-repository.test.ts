// Proves the reconciliation repository's access patterns on DynamoDB Local: a run's discrepancies by type and status in pages that skip other agencies without losing any.
import type { ReconciliationRun, StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';
import { DynamoDbReconciliationRepository } from '../../functions/reconciliation/reconciliation-repository';
import { createTestTable, type TestTable } from '../support/dynamodb';
import { aStoredDiscrepancy } from '../unit/reconciliation-runs/builders';

const runId = 'rec_0000000000AAAAAAAAAAA';
const aRun = (overrides: Partial<ReconciliationRun> = {}): ReconciliationRun => ({
  runId,
  provider: 'mock-bank',
  businessDate: '2026-03-10',
  status: 'COMPLETED',
  requestedBy: 'finance-1',
  requestedAt: '2026-03-11T08:00:00+07:00',
  attempts: 1,
  settlementFile: { uploadId: 'upl_1', objectKey: 'k', checksumSha256: 'c', sizeBytes: 1, rows: 1, totalAmount: 1 },
  ...overrides,
});
const TYPES = ['AMOUNT_MISMATCH', 'MISSING_AT_PROVIDER', 'DUPLICATE'] as const;

describe('DynamoDbReconciliationRepository on DynamoDB Local', () => {
  let table: TestTable;
  let repository: DynamoDbReconciliationRepository;
  const all: StoredDiscrepancy[] = [];

  beforeAll(async () => {
    table = await createTestTable();
    repository = new DynamoDbReconciliationRepository(table.doc, table.tableName);
    for (let i = 0; i < 30; i++) {
      all.push(
        aStoredDiscrepancy({
          discrepancyId: `dsc_${String(i).padStart(20, '0')}`,
          runId,
          order: i,
          type: TYPES[i % 3]!,
          agencyCode: i >= 25 ? null : i % 2 === 0 ? 'TANPHONG' : 'BIENHOA',
          status: i % 5 === 0 ? 'RESOLVED' : 'OPEN',
        }),
      );
    }
    await repository.putDiscrepancies(all);
    await repository.createRun(aRun({ status: 'QUEUED' }), Date.now() + 60_000, new Date());
  });
  afterAll(async () => table.drop());

  const everything = async (query: Parameters<DynamoDbReconciliationRepository['listDiscrepancies']>[1]) => {
    const items: StoredDiscrepancy[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await repository.listDiscrepancies(runId, { ...query, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(query.limit);
      items.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    return { ids: items.map((item) => item.discrepancyId), pages };
  };
  const idsOf = (items: StoredDiscrepancy[]) => items.map((item) => item.discrepancyId);

  it('lists by type, then in the order found', async () => {
    const { ids } = await everything({ agencies: 'ALL', limit: 7 });
    const expected = [...all].sort((a, b) => a.type.localeCompare(b.type) || a.order - b.order);
    expect(ids).toEqual(idsOf(expected));
    expect((await everything({ agencies: 'ALL', limit: 100, type: 'DUPLICATE' })).ids).toEqual(idsOf(all.filter((item) => item.type === 'DUPLICATE')));
  });

  it('filters by status, and by status and type', async () => {
    const resolved = all.filter((item) => item.status === 'RESOLVED');
    expect(new Set((await everything({ agencies: 'ALL', limit: 100, status: 'RESOLVED' })).ids)).toEqual(new Set(idsOf(resolved)));
    expect((await everything({ agencies: 'ALL', limit: 100, status: 'OPEN', type: 'AMOUNT_MISMATCH' })).ids).toEqual(
      idsOf(all.filter((item) => item.status === 'OPEN' && item.type === 'AMOUNT_MISMATCH')),
    );
  });

  it('pages through one agency’s discrepancies without skipping any or showing another’s', async () => {
    const { ids, pages } = await everything({ agencies: ['BIENHOA'], limit: 3 });
    expect(new Set(ids)).toEqual(new Set(idsOf(all.filter((item) => item.agencyCode === 'BIENHOA'))));
    expect(pages).toBeGreaterThanOrEqual(4);
    expect((await everything({ agencies: [], limit: 10 })).ids).toEqual([]);
    // More agencies than one IN can take: the same items.
    const many = ['BIENHOA', ...Array.from({ length: 150 }, (_, i) => `AGENCY${i}`)];
    expect(new Set((await everything({ agencies: many, limit: 3 })).ids)).toEqual(new Set(ids));
  });
});

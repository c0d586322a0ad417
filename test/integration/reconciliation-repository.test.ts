// Proves the reconciliation repository's access patterns on DynamoDB Local: a run's discrepancies by type and status in pages that skip other agencies without losing any, and resolutions that keep every action in order, once per finding, only on the day's latest idle run.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ReconciliationRun, StoredDiscrepancy } from '../../domain/reconciliation-runs/reconciliation-run';
import { DynamoDbReconciliationRepository, MAX_TRAIL_ENTRIES } from '../../functions/reconciliation/reconciliation-repository';
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

  it('refuses actions while a run of the day is under way, then keeps each action in order, resolving once', async () => {
    const run = aRun();
    const target = all[1]!;
    const entry = (action: string, note: string | null = null) => ({ action, note, by: 'finance-1', at: '2026-03-11T09:00:00+07:00' });
    expect(await repository.resolve(run, target.discrepancyId, entry('REFUND'), true, new Date())).toEqual({ kind: 'IN_PROGRESS', activeRunId: runId });
    await repository.releaseDay(run, true);

    expect(await repository.resolve(run, target.discrepancyId, entry('NOTE', 'gọi ngân hàng'), false, new Date())).toMatchObject({ kind: 'RECORDED', discrepancy: { status: 'OPEN' } });
    expect(await repository.resolve(run, target.discrepancyId, entry('REFUND', 'hoàn tiền'), true, new Date())).toMatchObject({
      kind: 'RECORDED',
      discrepancy: { status: 'RESOLVED', resolution: { action: 'REFUND', note: 'hoàn tiền' } },
    });
    expect(await repository.resolve(run, target.discrepancyId, entry('WRITE_OFF'), true, new Date())).toEqual({ kind: 'ALREADY_RESOLVED' });
    expect(await repository.resolve(run, target.discrepancyId, entry('NOTE', 'đã hoàn'), false, new Date())).toMatchObject({ kind: 'RECORDED' });
    expect((await repository.listTrail('mock-bank', '2026-03-10', target.discrepancyId)).map((item) => [item.action, item.note])).toEqual([
      ['NOTE', 'gọi ngân hàng'],
      ['REFUND', 'hoàn tiền'],
      ['NOTE', 'đã hoàn'],
    ]);
    expect((await repository.listDiscrepancies(runId, { agencies: 'ALL', limit: 100, status: 'RESOLVED' })).items.map((item) => item.discrepancyId)).toContain(target.discrepancyId);
    expect(await repository.getResolutions('mock-bank', '2026-03-10', [target.discrepancyId])).toEqual(
      new Map([[target.discrepancyId, { status: 'RESOLVED', resolution: expect.objectContaining({ action: 'REFUND' }) }]]),
    );
    expect(await repository.resolve(run, 'dsc_NOPENOPENOPENOPENOPE', entry('NOTE', 'x'), false, new Date())).toEqual({ kind: 'NOT_FOUND' });
  });

  it('refuses actions on a superseded run, and on a finding whose trail is full', async () => {
    const later = aRun({ runId: 'rec_0000000000BBBBBBBBBBB', status: 'QUEUED' });
    await repository.createRun(later, Date.now() + 60_000, new Date());
    await repository.releaseDay(later, true);
    const entry = { action: 'NOTE', note: 'x', by: 'f', at: '2026-03-11T09:00:00+07:00' };
    expect(await repository.resolve(aRun(), all[3]!.discrepancyId, entry, false, new Date())).toEqual({ kind: 'SUPERSEDED', latestRunId: later.runId });

    await repository.putDiscrepancies([{ ...all[3]!, runId: later.runId }]);
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { pk: 'RECONDAY#mock-bank#2026-03-10', sk: `RESOLUTION#${all[3]!.discrepancyId}`, status: 'OPEN', entries: MAX_TRAIL_ENTRIES } }));
    expect(await repository.resolve(later, all[3]!.discrepancyId, entry, false, new Date())).toEqual({ kind: 'TRAIL_FULL', limit: MAX_TRAIL_ENTRIES });
  });
});

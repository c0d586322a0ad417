// Proves fetching a provider's settlement file on DynamoDB Local: a valid file from the provider's URL becomes the day's file; a provider that is down, answers an error or sends too much, a bad file, a missing URL, a future day or a non-finance user each get their own outcome and store nothing.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Principal } from '../../functions/http/principal';
import { fetchSettlementFile, type SettlementFetchDependencies } from '../../functions/settlements/fetch-settlement-file';
import { MAX_API_UPLOAD_BYTES } from '../../functions/settlements/store-settlement-file';
import { createTestTable, type TestTable } from '../support/dynamodb';
import { itemsWritten, ManualClock } from '../support/payments';
import { reconciliationDependencies, settlementCsv, type ReconciliationTestDependencies } from '../support/reconciliation';

const DAY = '2026-03-10';
const finance: Principal = { subject: 'ke-toan-1', roles: ['finance'], agencies: ['STP'] };
const province: Principal = { subject: 'van-phong-1', roles: ['province'], agencies: ['*'] };
const row = (n: number, amount = 14_000) => ({ providerTxnId: `MB00000000000${n}`, paymentId: `pay_0000000000AAAAAAAAAA${n}`, amount, paidAt: `${DAY}T09:0${n}:00+07:00` });

/** A provider's file server: answers each path from `files`, counting requests. */
class ProviderFiles {
  readonly files = new Map<string, { status: number; body: string | Buffer }>();
  requests: string[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const file = this.files.get(req.url ?? '') ?? { status: 404, body: 'not found' };
      res.writeHead(file.status, { 'content-type': 'text/csv' });
      res.end(file.body);
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe('fetchSettlementFile on DynamoDB Local', () => {
  let table: TestTable;
  let base: ReconciliationTestDependencies;
  const provider = new ProviderFiles();
  const clock = new ManualClock(new Date('2026-03-11T08:00:00+07:00'));
  let deps: SettlementFetchDependencies;

  beforeAll(async () => {
    table = await createTestTable();
    base = await reconciliationDependencies(table, clock);
    await provider.start();
    deps = { ...base, config: { ...base.config, settlementSourceUrls: { 'mock-bank': `${provider.url}/settlements/{businessDate}.csv` } } };
  });
  afterAll(async () => {
    await provider.stop();
    await table.drop();
  });
  beforeEach(() => {
    provider.requests = [];
  });

  const fetchDay = (overrides: Partial<Parameters<typeof fetchSettlementFile>[0]> = {}, withDeps = deps) =>
    fetchSettlementFile({ provider: 'mock-bank', businessDate: DAY, principal: finance, ...overrides }, withDeps);

  it('stores the provider’s valid file as the day’s file, with its totals and who fetched it', async () => {
    provider.files.set(`/settlements/${DAY}.csv`, { status: 200, body: settlementCsv([row(1), row(2, 20_000)]) });
    const outcome = await fetchDay();
    expect(outcome).toMatchObject({ kind: 'STORED', rows: 2, totalAmount: 34_000 });
    expect(provider.requests).toEqual([`/settlements/${DAY}.csv`]);
    expect(await base.settlements.getCurrent('mock-bank', DAY)).toMatchObject({ rows: 2, totalAmount: 34_000, uploadedBy: 'ke-toan-1' });
  });

  it('refuses a bad file by line and field and keeps the day’s previous file', async () => {
    provider.files.set(`/settlements/${DAY}.csv`, { status: 200, body: settlementCsv([row(1), row(2)]).replace(',14000,112,SUCCEEDED,2026-03-10T09:02', ',14k00,112,SUCCEEDED,2026-03-10T09:02') });
    const before = await itemsWritten(table.doc, table.tableName);
    expect(await fetchDay()).toEqual({ kind: 'INVALID_FILE', line: 3, field: 'amount', message: expect.any(String) });
    expect(await itemsWritten(table.doc, table.tableName)).toEqual(before);
    expect((await base.settlements.getCurrent('mock-bank', DAY))?.rows).toBe(2);
  });

  it('refuses a file that is not UTF-8 as an invalid file', async () => {
    provider.files.set(`/settlements/${DAY}.csv`, { status: 200, body: Buffer.concat([Buffer.from(settlementCsv([row(1)]).trimEnd()), Buffer.from([0xff, 0x0a])]) });
    expect(await fetchDay()).toMatchObject({ kind: 'INVALID_FILE', line: 2 });
  });

  it.each([
    ['answers an error status', { status: 503, body: 'maintenance' }, 503, '2026-03-09'],
    ['has no file for the day', undefined, 404, '2026-03-07'],
  ])('reports the provider unavailable when it %s, storing nothing', async (_what, file, httpStatus, businessDate) => {
    if (file) provider.files.set(`/settlements/${businessDate}.csv`, file);
    const before = await itemsWritten(table.doc, table.tableName);
    expect(await fetchDay({ businessDate })).toMatchObject({ kind: 'PROVIDER_UNAVAILABLE', httpStatus });
    expect(await itemsWritten(table.doc, table.tableName)).toEqual(before);
  });

  it('reports the provider unavailable when nothing listens at its address', async () => {
    const down = { ...deps, config: { ...deps.config, settlementSourceUrls: { 'mock-bank': 'http://127.0.0.1:9/settlements/{businessDate}.csv' } } };
    expect(await fetchDay({}, down)).toEqual({ kind: 'PROVIDER_UNAVAILABLE', detail: 'no connection to the provider' });
  });

  it('reports the provider unavailable when it does not answer in time', async () => {
    const slow: typeof fetch = async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    };
    expect(await fetchDay({}, { ...deps, fetch: slow })).toMatchObject({ kind: 'PROVIDER_UNAVAILABLE', detail: expect.stringMatching(/no answer within/) });
  });

  it('stops reading a file larger than an upload may be', async () => {
    provider.files.set(`/settlements/2026-03-08.csv`, { status: 200, body: Buffer.alloc(MAX_API_UPLOAD_BYTES + 1, 0x41) });
    expect(await fetchDay({ businessDate: '2026-03-08' })).toMatchObject({ kind: 'PROVIDER_UNAVAILABLE', detail: expect.stringMatching(/larger than/) });
    expect(await base.settlements.getCurrent('mock-bank', '2026-03-08')).toBeUndefined();
  });

  it('answers NOT_CONFIGURED for a provider without a settlement URL, asking nobody', async () => {
    expect(await fetchDay({ provider: 'mock-portal' })).toEqual({ kind: 'NOT_CONFIGURED' });
    expect(provider.requests).toEqual([]);
  });

  it('refuses a day after today (UTC+7) without asking the provider', async () => {
    expect(await fetchDay({ businessDate: '2026-03-12' })).toEqual({ kind: 'FUTURE_DATE', today: '2026-03-11' });
    expect(provider.requests).toEqual([]);
  });

  it('refuses anyone but finance staff, asking nobody', async () => {
    expect(await fetchDay({ principal: province })).toEqual({ kind: 'FORBIDDEN' });
    expect(await fetchDay({ principal: { subject: 'portal', roles: ['portal'], agencies: ['*'] } })).toEqual({ kind: 'FORBIDDEN' });
    expect(provider.requests).toEqual([]);
  });
});

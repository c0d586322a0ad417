// Proves a mock's settlement file for a business date holds exactly that UTC+7 day's settled payments from its own ledger, with the faults that alter it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockBankFee } from '../../../mocks/mock-bank/mock-bank';
import { mockPortalFee } from '../../../mocks/mock-portal/mock-portal';
import { aMockWorld, bodyText } from './mock-world';

const HEADER = 'provider_txn_id,payment_id,amount,fee,status,paid_at';

async function payAt(world: ReturnType<typeof aMockWorld>, instant: string, paymentId: string, amount = 52000, provider: 'mock-bank' | 'mock-portal' = 'mock-bank') {
  world.setNow(instant);
  const url = provider === 'mock-bank' ? world.bankUrl(paymentId, amount) : world.portalUrl(paymentId, amount);
  await world.submit(url, 'pay');
  await world.mocks.whenIdle();
}

async function settlement(world: ReturnType<typeof aMockWorld>, provider: string, date: string): Promise<string[][]> {
  const response = await world.get(`/${provider}/settlements/${date}.csv`);
  expect(response.status).toBe(200);
  expect(response.headers['Content-Type']).toBe('text/csv; charset=utf-8');
  const [header, ...rows] = bodyText(response).trimEnd().split('\n');
  expect(header).toBe(HEADER);
  return rows.map((row) => row.split(','));
}

const txnOf = (world: ReturnType<typeof aMockWorld>, paymentId: string) =>
  world.mocks.bank.ledger.forPayment(paymentId)[0]!.providerTxnId;

describe('settlement files', () => {
  it('puts 23:59:59+07:00 on its own day and 00:00:00+07:00 on the next', async () => {
    const world = aMockWorld();
    await payAt(world, '2026-11-22T16:59:59.900+00:00', 'pay_late', 52000); // reported to the second, like pg_PayDate
    await payAt(world, '2026-11-22T17:00:00+00:00', 'pay_midnight', 100_063);
    await payAt(world, '2026-11-22T02:00:00+00:00', 'pay_morning', 10000);

    expect(await settlement(world, 'mock-bank', '2026-11-22')).toEqual([
      [txnOf(world, 'pay_morning'), 'pay_morning', '10000', '80', 'SUCCEEDED', '2026-11-22T09:00:00+07:00'],
      [txnOf(world, 'pay_late'), 'pay_late', '52000', '416', 'SUCCEEDED', '2026-11-22T23:59:59+07:00'],
    ]);
    expect(await settlement(world, 'mock-bank', '2026-11-23')).toEqual([
      [txnOf(world, 'pay_midnight'), 'pay_midnight', '100063', '801', 'SUCCEEDED', '2026-11-23T00:00:00+07:00'],
    ]);
    expect(await settlement(world, 'mock-bank', '2026-11-21')).toEqual([]);
  });

  it('settles only successes: failed and cancelled attempts are not in the file', async () => {
    const world = aMockWorld();
    await world.submit(world.bankUrl('pay_f'), 'fail');
    await world.submit(world.bankUrl('pay_c'), 'cancel');
    await payAt(world, '2026-11-22T03:00:00Z', 'pay_ok');
    const rows = await settlement(world, 'mock-bank', '2026-11-22');
    expect(rows.map((row) => row[1])).toEqual(['pay_ok']);
  });

  it('keeps each provider to its own ledger and its own fee', async () => {
    const world = aMockWorld();
    await payAt(world, '2026-11-22T03:00:00Z', 'pay_bank', 52000, 'mock-bank');
    await payAt(world, '2026-11-22T04:00:00Z', 'pay_portal', 52000, 'mock-portal');
    const portalRows = await settlement(world, 'mock-portal', '2026-11-22');
    expect(portalRows).toEqual([
      [world.mocks.portal.ledger.all()[0]!.providerTxnId, 'pay_portal', '52000', '1650', 'SUCCEEDED', '2026-11-22T11:00:00+07:00'],
    ]);
    expect((await settlement(world, 'mock-bank', '2026-11-22')).map((row) => row[1])).toEqual(['pay_bank']);
  });

  it('reverse: the payment is listed as REVERSED with no fee, also when reversed after it was paid', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-bank', { paymentId: 'pay_01', reverse: true });
    await payAt(world, '2026-11-22T03:00:00Z', 'pay_01');
    await payAt(world, '2026-11-22T04:00:00Z', 'pay_02');
    await world.setFaults('mock-bank', { paymentId: 'pay_02', reverse: true });
    const rows = await settlement(world, 'mock-bank', '2026-11-22');
    expect(rows.map((row) => [row[1], row[3], row[4]])).toEqual([
      ['pay_01', '0', 'REVERSED'],
      ['pay_02', '0', 'REVERSED'],
    ]);
  });

  it('alterAmount: the file shows the altered amount, as the callback did', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-bank', { paymentId: 'pay_01', alterAmount: 1000 });
    await payAt(world, '2026-11-22T03:00:00Z', 'pay_01', 52000);
    const [row] = await settlement(world, 'mock-bank', '2026-11-22');
    expect(row!.slice(1, 4)).toEqual(['pay_01', '53000', String(mockBankFee(53000))]);
  });

  it('omitFromSettlement, duplicateInSettlement and settleNextDay change the file and nothing else', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-bank', { paymentId: 'pay_omit', omitFromSettlement: true });
    await world.setFaults('mock-bank', { paymentId: 'pay_twice', duplicateInSettlement: true });
    await world.setFaults('mock-bank', { paymentId: 'pay_late', settleNextDay: true });
    await payAt(world, '2026-11-22T03:00:00Z', 'pay_omit');
    await payAt(world, '2026-11-22T04:00:00Z', 'pay_twice');
    await payAt(world, '2026-11-22T16:58:00Z', 'pay_late');
    expect((await settlement(world, 'mock-bank', '2026-11-22')).map((row) => row[1])).toEqual(['pay_twice', 'pay_twice']);
    expect((await settlement(world, 'mock-bank', '2026-11-23')).map((row) => [row[1], row[5]])).toEqual([['pay_late', '2026-11-22T23:58:00+07:00']]);
    expect(world.calls).toHaveLength(3);
  });

  it('refuses a file name that is not a real business date', async () => {
    const world = aMockWorld();
    expect((await world.get('/mock-bank/settlements/2026-02-30.csv')).status).toBe(400);
    expect((await world.get('/mock-bank/settlements/yesterday.csv')).status).toBe(400);
  });

  it('computes fees in whole đồng: 0.8% half up at the bank, a fixed 1,650 at the portal', () => {
    expect(mockBankFee(52000)).toBe(416);
    expect(mockBankFee(100_063)).toBe(801); // 800.504
    expect(mockBankFee(62)).toBe(0); // 0.496
    expect(mockPortalFee(52000)).toBe(1650);
    expect(mockPortalFee(1000)).toBe(1000);
  });
});

describe('ledger persistence', () => {
  it('keeps the ledger in dataDir and reloads it, so settlement files survive a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mock-ledger-'));
    try {
      const first = aMockWorld({ mocks: { dataDir } });
      await payAt(first, '2026-11-22T03:00:00Z', 'pay_01');
      first.mocks.close();
      const second = aMockWorld({ mocks: { dataDir } });
      expect(second.mocks.bank.ledger.all()).toEqual(first.mocks.bank.ledger.all());
      expect((await settlement(second, 'mock-bank', '2026-11-22')).map((row) => row[1])).toEqual(['pay_01']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

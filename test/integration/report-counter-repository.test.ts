// Proves report counters on DynamoDB Local add up exactly: deltas committed with a payment write, concurrent transactions, shards summed on read (payments spread evenly over a fixed number of them), reversals undone.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { counterDeltasFor, type CountedPayment, type CounterDelta } from '../../domain/reports/counters';
import {
  CounterReadLimitError,
  DynamoDbReportCounterRepository,
  counterUpdateItems,
  PAYMENT_COUNTER_SHARDS,
  randomShard,
  shardOfPayment,
} from '../../functions/reports/report-counter-repository';
import type { TransactWriteItem } from '../../functions/adapters/dynamodb/transact-write';
import { createTestTable, type TestTable } from '../support/dynamodb';

function aPayment(overrides: Partial<CountedPayment> = {}): CountedPayment {
  return { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-10', amount: 200_000, ...overrides };
}

const onlineSuccess = (payment: CountedPayment, firstSuccessOfDossier = true): CounterDelta[] =>
  counterDeltasFor({ type: 'ONLINE_PAYMENT_SUCCEEDED', payment, firstSuccessOfDossier });

/** A stand-in for the payment item other code writes in the same transaction as the counters. */
function aPaymentPut(tableName: string, paymentId: string): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: { pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT', status: 'SUCCEEDED' },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

describe('DynamoDbReportCounterRepository', () => {
  let table: TestTable;
  let repository: DynamoDbReportCounterRepository;

  beforeEach(async () => {
    table = await createTestTable();
    repository = new DynamoDbReportCounterRepository(table.doc, table.tableName);
  });
  afterEach(async () => table.drop());

  const march = { from: '2026-03-01', to: '2026-03-31' };

  it('commits counter updates in the same transaction as the payment write, and not at all when it is refused', async () => {
    const deltas = onlineSuccess(aPayment());
    await table.doc.send(new TransactWriteCommand({ TransactItems: [aPaymentPut(table.tableName, 'p1'), ...counterUpdateItems(table.tableName, deltas)] }));

    // The same payment again: its condition fails, so its counter updates do not happen either.
    await expect(
      table.doc.send(new TransactWriteCommand({ TransactItems: [aPaymentPut(table.tableName, 'p1'), ...counterUpdateItems(table.tableName, deltas)] })),
    ).rejects.toThrow(/cancel/i);

    expect(await repository.queryCounters({ agencies: ['STP'], ...march })).toEqual([
      { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-10', channel: 'ONLINE', paymentTransactions: 1, amount: 200_000, dossiersPaid: 1 },
    ]);
  });

  it('adds up deltas of many payments, counter and online, per key', async () => {
    await repository.applyDeltas(onlineSuccess(aPayment()));
    await repository.applyDeltas(onlineSuccess(aPayment({ amount: 50_000 }), false));
    await repository.applyDeltas(counterDeltasFor({ type: 'COUNTER_PAYMENT_RECORDED', payment: aPayment({ amount: 30_000 }), firstSuccessOfDossier: true }));

    const counters = await repository.queryCounters({ agencies: ['STP'], ...march });
    expect(counters).toHaveLength(2);
    expect(counters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'ONLINE', paymentTransactions: 2, amount: 250_000, dossiersPaid: 1 }),
        expect.objectContaining({ channel: 'OFFLINE', paymentTransactions: 1, amount: 30_000, dossiersPaid: 1 }),
      ]),
    );
  });

  it('merges deltas of one key into one update (a transaction may touch an item once) and drops those that net to zero', () => {
    const success = onlineSuccess(aPayment());
    const reversal = counterDeltasFor({ type: 'PAYMENT_REVERSED', channel: 'ONLINE', payment: aPayment(), carriedDossierCount: true, dossierCountHeir: null });
    expect(counterUpdateItems('t', [...success, ...success])).toHaveLength(1);
    expect(counterUpdateItems('t', [...success, ...success])[0]?.Update?.ExpressionAttributeValues).toMatchObject({ ':transactions': 2, ':amount': 400_000 });
    expect(counterUpdateItems('t', [...success, ...reversal])).toEqual([]);
  });

  it('never loses an increment under 50 concurrent transactions on one counter', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => repository.applyDeltas(onlineSuccess(aPayment({ amount: 1_000 + i })))),
    );
    const [counter] = await repository.queryCounters({ agencies: ['STP'], ...march });
    expect(counter).toMatchObject({ paymentTransactions: 50, dossiersPaid: 50, amount: 50 * 1_000 + (49 * 50) / 2 });
  });

  it('sums the shards of a hot counter on read', async () => {
    const spread = randomShard(4);
    await Promise.all(Array.from({ length: 40 }, () => repository.applyDeltas(onlineSuccess(aPayment()), spread)));
    for (let shard = 0; shard < 4; shard++) await repository.applyDeltas(onlineSuccess(aPayment()), () => shard);

    const counters = await repository.queryCounters({ agencies: ['STP'], ...march });
    expect(counters).toEqual([expect.objectContaining({ paymentTransactions: 44, amount: 44 * 200_000, dossiersPaid: 44 })]);
  });

  it('spreads payments evenly over a fixed number of shards, each payment always into the same one, and reads them as one counter', async () => {
    const paymentIds = Array.from({ length: 400 }, (_, i) => `pay_0000000000${String(i).padStart(11, '0')}`);
    const shards = paymentIds.map((paymentId) => shardOfPayment(paymentId)(onlineSuccess(aPayment())[0]!));
    expect(new Set(shards)).toEqual(new Set(Array.from({ length: PAYMENT_COUNTER_SHARDS }, (_, shard) => shard)));
    for (let shard = 0; shard < PAYMENT_COUNTER_SHARDS; shard++) expect(shards.filter((s) => s === shard).length).toBeGreaterThan(60);
    expect(paymentIds.map((paymentId) => shardOfPayment(paymentId)(onlineSuccess(aPayment())[0]!))).toEqual(shards);

    await Promise.all(
      paymentIds.slice(0, 40).map((paymentId) =>
        table.doc.send(new TransactWriteCommand({ TransactItems: [aPaymentPut(table.tableName, paymentId), ...counterUpdateItems(table.tableName, onlineSuccess(aPayment()), shardOfPayment(paymentId))] })),
      ),
    );
    expect(await repository.queryCounters({ agencies: ['STP'], ...march })).toEqual([expect.objectContaining({ paymentTransactions: 40, amount: 40 * 200_000, dossiersPaid: 40 })]);
  });

  it('brings the counts back when a payment is reversed, even into another shard', async () => {
    const payment = aPayment({ businessDate: '2026-03-31' });
    await repository.applyDeltas(onlineSuccess(payment), () => 3);
    await repository.applyDeltas(onlineSuccess(aPayment({ businessDate: '2026-03-31', amount: 10_000 }), false), () => 3);
    await repository.applyDeltas(
      counterDeltasFor({
        type: 'PAYMENT_REVERSED',
        channel: 'ONLINE',
        payment,
        carriedDossierCount: true,
        dossierCountHeir: { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-31', channel: 'ONLINE' },
      }),
      () => 0,
    );

    const [counter] = await repository.queryCounters({ agencies: ['STP'], ...march });
    expect(counter).toMatchObject({ paymentTransactions: 1, amount: 10_000, dossiersPaid: 1 });
  });

  it('reads exactly the period, both ends inclusive, and only the agencies asked for', async () => {
    for (const businessDate of ['2026-02-28', '2026-03-01', '2026-03-31', '2026-04-01']) await repository.applyDeltas(onlineSuccess(aPayment({ businessDate })));
    await repository.applyDeltas(onlineSuccess(aPayment({ agencyCode: 'SXD', procedureCode: 'GPXD-NHAO' })));

    const stp = await repository.queryCounters({ agencies: ['STP'], ...march });
    expect(stp.map((c) => c.businessDate).sort()).toEqual(['2026-03-01', '2026-03-31']);
    const both = await repository.queryCounters({ agencies: ['STP', 'SXD', 'SYT'], from: '2026-03-10', to: '2026-03-10' });
    expect(both.map((c) => c.agencyCode)).toEqual(['SXD']);
    expect(await repository.queryCounters({ agencies: [], ...march })).toEqual([]);
  });

  it('refuses a report that would read more counter items than its limit rather than under-count', async () => {
    for (const businessDate of ['2026-03-01', '2026-03-02', '2026-03-03']) await repository.applyDeltas(onlineSuccess(aPayment({ businessDate })));
    const small = new DynamoDbReportCounterRepository(table.doc, table.tableName, 2);
    await expect(small.queryCounters({ agencies: ['STP'], ...march })).rejects.toBeInstanceOf(CounterReadLimitError);
  });

  it('refuses keys that could not be told apart in a sort key', () => {
    const bad = { ...onlineSuccess(aPayment())[0]!, procedureCode: 'A#B' };
    expect(() => counterUpdateItems('t', [bad])).toThrow(RangeError);
    expect(() => counterUpdateItems('t', onlineSuccess(aPayment()), () => 99)).toThrow(RangeError);
  });
});

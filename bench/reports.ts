/**
 * `npm run bench:reports`: does the online-payment report cost the same for 1,000 and for 100,000
 * payments? It should: a report reads counters, one item per agency, procedure, business date and
 * channel, never payments, so its cost is bounded by the counter keys of the period (868 for the
 * demo province's 14 fee-bearing procedures over 31 days and two channels) whatever the volume.
 *
 * Three data sets of March 2026, from a fixed seed; each payment's deltas are computed as the payment
 * flows compute them (counterDeltasFor) and applied with the same Update items (counterUpdateItems),
 * merged per key over chunks of payments so 100,000 payments load in seconds:
 *   - 1,000 payments on every key: one payment on each procedure, day and channel, the rest at random;
 *   - 1,000 payments at random: a sparse month, where many keys have no counter yet;
 *   - 100,000 payments at random, which reach every key.
 * The real report handler then answers the same questions against each, interleaved. The target,
 * median(100,000) ÷ median(1,000) ≤ 1.2, is checked on the data sets with the same keys, which differ
 * only in the number of payments; the sparse month shows how cost follows counter items instead.
 */
import { ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { counterDeltasFor, type ReportFact } from '../domain/reports/counters';
import { seededRandom } from '../domain/shared/seeded-random';
import { agencyHistory } from '../domain/catalog/agency-history';
import { feeBearingProceduresDuring, type FeeBearingProcedure } from '../domain/reports/fee-bearing-catalog';
import { createTable } from '../functions/adapters/dynamodb/create-table';
import { saveCatalog } from '../functions/catalog/catalog-repository';
import { demoCatalog } from '../functions/catalog/seed-catalog';
import { buildDependencies, useDependencies, type Dependencies } from '../functions/composition';
import { loadConfig } from '../functions/config';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { handler as reportHandler } from '../functions/reports/online-payment-report.handler';
import type { TransactWriteItem } from '../functions/adapters/dynamodb/transact-write';
import { counterUpdateItems } from '../functions/reports/report-counter-repository';

interface DataSet {
  readonly name: string;
  readonly payments: number;
  /** Put one payment on every counter key first, so the month has all its keys. */
  readonly everyKey: boolean;
}

const DATA_SETS: readonly DataSet[] = [
  { name: '1,000 payments, every key', payments: 1_000, everyKey: true },
  { name: '1,000 payments, at random', payments: 1_000, everyKey: false },
  { name: '100,000 payments, at random', payments: 100_000, everyKey: false },
];
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
/**
 * BENCH_SHARDS=8 writes each payment's counters into one of 8 random shards, as code that always
 * passes randomShard() does; the default, 1, is counterUpdateItems' own (shard 0).
 */
const SHARDS = Number(process.env.BENCH_SHARDS ?? 1);
const WARM_UP_RUNS = 20;
const TARGET_RATIO = 1.2;
const PAYMENTS_PER_CHUNK = 10_000;
const UPDATES_PER_TRANSACTION = 100;
const LOAD_PARALLELISM = 8;
const MONTH = { from: '2026-03-01', to: '2026-03-31' };
const ONLINE_SHARE = 0.35;
const QUESTIONS = [
  { name: 'March by agency', query: { ...MONTH, groupBy: 'agency' } },
  { name: 'March by month', query: { ...MONTH, groupBy: 'month' } },
] as const;

async function main(): Promise<void> {
  const stops: Array<() => Promise<void> | void> = [];
  try {
    const loaded: Array<DataSet & { readonly deps: Dependencies; readonly counterItems: number }> = [];
    for (const [index, set] of DATA_SETS.entries()) {
      // One emulator per data set: DynamoDB Local slows down on tables created after heavy writes to
      // another, which would charge one data set for loading another.
      const emulator = await startDynamoDbLocal();
      stops.push(() => emulator.stop());
      const deps = buildDependencies(loadConfig({ ...process.env, TABLE_NAME: `bench-reports-${index}`, DYNAMODB_ENDPOINT: emulator.endpoint }));
      stops.push(() => deps.dynamoDb.client.destroy());
      await createTable(deps.dynamoDb.client, deps.tableName);
      await saveCatalog(deps.dynamoDb.doc, deps.tableName, demoCatalog());
      const started = Date.now();
      await loadPayments(deps, set);
      const counterItems = await countCounterItems(deps);
      console.log(`${set.name.padEnd(28)} loaded as ${String(counterItems).padStart(4)} counter items in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      loaded.push({ ...set, deps, counterItems });
    }

    console.log(`\ncounters written into ${SHARDS} shard${SHARDS === 1 ? '' : 's'} per key (BENCH_SHARDS)`);
    console.log(`median latency of the report through the real handler, ${RUNS} runs each after ${WARM_UP_RUNS} warm-up runs, interleaved in shuffled order:`);
    const [everyKey, sparse, large] = loaded as [(typeof loaded)[number], (typeof loaded)[number], (typeof loaded)[number]];
    const targetRatios: number[] = [];
    for (const question of QUESTIONS) {
      const timings = new Map(loaded.map((set) => [set, [] as number[]]));
      const order = seededRandom(RUNS);
      for (let run = 0; run < WARM_UP_RUNS + RUNS; run++) {
        // A different order each round, so no data set always runs right after another's GC pause.
        for (const set of [...loaded].sort(() => order() - 0.5)) {
          const ms = await timeReport(set.deps, question.query);
          if (run >= WARM_UP_RUNS) timings.get(set)!.push(ms);
        }
      }
      const medianOf = (set: (typeof loaded)[number]) => median(timings.get(set)!);
      const ratio = medianOf(large) / medianOf(everyKey);
      targetRatios.push(ratio);
      console.log(`  ${question.name}`);
      for (const set of loaded) console.log(`    ${set.name.padEnd(28)} ${medianOf(set).toFixed(2).padStart(7)} ms   (${set.counterItems} counter items)`);
      console.log(`    ratio 100,000 ÷ 1,000 payments, same keys: ${ratio.toFixed(2)}   (sparse month: ${(medianOf(large) / medianOf(sparse)).toFixed(2)})`);
    }
    const worst = Math.max(...targetRatios);
    console.log(`\nworst ratio, same keys: ${worst.toFixed(2)} — target ≤ ${TARGET_RATIO}: ${worst <= TARGET_RATIO ? 'met' : 'MISSED'}`);
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

/** Payments spread over the month, the fee-bearing procedures and both channels, from a fixed seed. */
async function loadPayments(deps: Dependencies, set: DataSet): Promise<void> {
  // Each procedure under the agency serving it in March 2026 (after the 2025 reorganisation).
  const catalog = demoCatalog();
  const history = agencyHistory(catalog.agencies);
  const procedures = feeBearingProceduresDuring(catalog.procedures, (code) => history.servingDuring(code, { from: '2026-03-01', to: '2026-03-31' }));
  const random = seededRandom(set.payments + (set.everyKey ? 1 : 0));
  const days = Array.from({ length: 31 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const fact = (procedure: FeeBearingProcedure, businessDate: string, online: boolean): ReportFact => ({
    type: online ? 'ONLINE_PAYMENT_SUCCEEDED' : 'COUNTER_PAYMENT_RECORDED',
    payment: { agencyCode: procedure.agencyCode, procedureCode: procedure.procedureCode, businessDate, amount: 10_000 + 1_000 * Math.floor(random() * 200) },
    firstSuccessOfDossier: true,
  });
  const facts: ReportFact[] = [];
  if (set.everyKey) {
    for (const procedure of procedures) for (const day of days) for (const online of [true, false]) facts.push(fact(procedure, day, online));
  }
  while (facts.length < set.payments) facts.push(fact(pick(procedures), pick(days), random() < ONLINE_SHARE));

  for (let i = 0; i < facts.length; i += PAYMENTS_PER_CHUNK) {
    // Each payment picks its shard; deltas are then merged per key and shard, as the ADDs would sum.
    const byShard = Array.from({ length: SHARDS }, () => [] as ReturnType<typeof counterDeltasFor>);
    for (const fact of facts.slice(i, i + PAYMENTS_PER_CHUNK)) byShard[Math.floor(random() * SHARDS)]!.push(...counterDeltasFor(fact));
    const items = byShard.flatMap((deltas, shard) => counterUpdateItems(deps.tableName, deltas, () => shard));
    const transactions: TransactWriteItem[][] = [];
    for (let j = 0; j < items.length; j += UPDATES_PER_TRANSACTION) transactions.push(items.slice(j, j + UPDATES_PER_TRANSACTION));
    let next = 0;
    const worker = async () => {
      while (next < transactions.length) await deps.dynamoDb.doc.send(new TransactWriteCommand({ TransactItems: transactions[next++]! }));
    };
    await Promise.all(Array.from({ length: LOAD_PARALLELISM }, worker));
  }
}

async function countCounterItems(deps: Dependencies): Promise<number> {
  // A Scan is fine here: the benchmark only wants to say how many items the report had to read.
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.dynamoDb.doc.send(
      new ScanCommand({ TableName: deps.tableName, Select: 'COUNT', FilterExpression: 'begins_with(pk, :counter)', ExpressionAttributeValues: { ':counter': 'COUNTER#' }, ExclusiveStartKey: startKey }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

async function timeReport(deps: Dependencies, query: Record<string, string>): Promise<number> {
  useDependencies(deps);
  const event = reportEvent(query);
  const started = process.hrtime.bigint();
  const response = (await reportHandler(event, {} as Context)) as { statusCode: number; body: string };
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.statusCode !== 200) throw new Error(`report answered ${response.statusCode}: ${response.body}`);
  return elapsed;
}

function reportEvent(query: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /v1/reports/online-payments',
    rawPath: '/v1/reports/online-payments',
    rawQueryString: new URLSearchParams(query).toString(),
    headers: { accept: 'application/json' },
    queryStringParameters: query,
    requestContext: {
      http: { method: 'GET', path: '/v1/reports/online-payments', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench',
      routeKey: 'GET /v1/reports/online-payments',
      authorizer: { jwt: { claims: { sub: 'bench-province', roles: '[province]', agencies: '[*]' }, scopes: null } },
    },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

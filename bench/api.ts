/**
 * `npm run bench:api`: what a portal and a bank feel of the API, next to the floor of the same work,
 * in one run on one fresh DynamoDB Local.
 *
 * Create-payment: POST /v1/payments through HTTP on the real local stack (dev server, JWT check, the
 * middy handler, the catalog, the repository) against its floor, a bare 3-item TransactWriteItems
 * with the same items and conditions (key record, payment, dossier guard) sent by the same SDK
 * client to the same table: the one round trip a creation cannot avoid. Measured as latency, one
 * request at a time after a warm-up (p50, p99), and as throughput with 16 clients at once. Blocks of
 * each side alternate, so DynamoDB Local's drift over the run is charged to both.
 * Targets: p50 ≤ 1.5× and throughput ≥ 0.6× the floor's.
 *
 * Callbacks: signed mock-bank successes POSTed by 16 clients at once, each for its own PENDING
 * payment, all paid on one (agency, procedure, business day) — one hot report counter — against the
 * same number spread over distinct days. Each success commits the payment's move, the dossier
 * guard, the dedupe record, the report counter and an outbox record in one transaction, so the hot
 * side shows whether one counter item caps the rate. Target: no 5xx; the ratio is printed, with the
 * counter items the hot key was spread over and a check that its sum is exact.
 *
 *   npm run bench:api
 *   BENCH_REQUESTS=400 BENCH_CALLBACKS=600 npm run bench:api      bounded counts (these are the defaults)
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { signMockBankBody } from '../domain/providers/mock-bank-protocol';
import { addDays, businessDateOf, toVietnamIso } from '../domain/shared/business-date';
import type { TransactWriteItem } from '../functions/adapters/dynamodb/transact-write';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { startLocalStack, type LocalStack } from '../functions/local/local-stack';
import { DEMO_PRINCIPALS, signLocalToken } from '../functions/local/local-tokens';
import { counterPartitionKey } from '../functions/reports/report-counter-repository';

const REQUESTS = boundedCount('BENCH_REQUESTS', 400, 20_000);
const CALLBACKS = boundedCount('BENCH_CALLBACKS', 600, 20_000);
const CLIENTS = 16;
const WARM_UP = 50;
/** Sequential requests per block; blocks of the two sides alternate. */
const BLOCK = 25;
const TARGET_P50_RATIO = 1.5;
const TARGET_THROUGHPUT_RATIO = 0.6;
const RETURN_URL = 'https://dichvucong.dongnai.gov.vn/ho-so/return';
const AGENCY = 'TRANBIEN';
const PROCEDURE = 'CT-BANSAO';

async function main(): Promise<void> {
  const emulator = await startDynamoDbLocal();
  let stack: LocalStack | undefined;
  try {
    stack = await startLocalStack({ port: 0, dynamoDbEndpoint: emulator.endpoint, env: { ...process.env, TABLE_NAME: 'bench-api', LOG_LEVEL: 'SILENT' } });
    const token = await signLocalToken(stack.config.AUTH_JWT_SECRET, DEMO_PRINCIPALS.portal);
    const api = createPaymentClient(stack, token);
    const floor = await floorTransactions(stack, api);
    console.log(`bench:api on DynamoDB Local ${emulator.endpoint}, dev server ${stack.url}; ${REQUESTS} requests per side, ${CLIENTS} clients for throughput`);
    // The handler's own work is CPU in this process while the floor's is mostly the emulator's: on a
    // busy machine the ratio grows with the load, so the load is printed beside it.
    console.log(`load average ${loadOf()} on ${cpus().length} CPUs\n`);

    await measureCreatePayment(api, floor);
    await stack.whenQueuesIdle(60_000);
    await measureCallbacks(stack, api);
    console.log(`\nload average ${loadOf()} on ${cpus().length} CPUs`);
  } finally {
    await stack?.stop();
    await emulator.stop();
  }
}

// ------------------------------------------------------------------------------------------------
// Create-payment against its floor

interface Side {
  readonly name: string;
  /** One operation, numbered from 0 across the run; resolves to its HTTP status (200 for the floor). */
  run(n: number): Promise<number>;
}

async function measureCreatePayment(api: Side, floor: Side): Promise<void> {
  const sides = [api, floor];
  const counters = new Map(sides.map((side) => [side, 0]));
  const next = (side: Side) => {
    const n = counters.get(side)!;
    counters.set(side, n + 1);
    return n;
  };

  for (const side of sides) for (let i = 0; i < WARM_UP; i++) expectOk(side, await side.run(next(side)));

  const latencies = new Map<Side, number[]>(sides.map((side) => [side, []]));
  for (let done = 0; done < REQUESTS; done += BLOCK) {
    for (const side of sides) {
      for (let i = 0; i < Math.min(BLOCK, REQUESTS - done); i++) {
        const started = performance.now();
        expectOk(side, await side.run(next(side)));
        latencies.get(side)!.push(performance.now() - started);
      }
    }
  }

  // Two halves per side, alternating, so both see the table at the same sizes.
  const elapsed = new Map<Side, number>(sides.map((side) => [side, 0]));
  const half = Math.ceil(REQUESTS / 2);
  for (let round = 0; round < 2; round++) {
    for (const side of sides) {
      const samples = await inParallel(half, CLIENTS, async () => {
        const started = performance.now();
        const status = await side.run(next(side));
        return { ms: performance.now() - started, status };
      });
      for (const sample of samples.results) expectOk(side, sample.status);
      elapsed.set(side, elapsed.get(side)! + samples.elapsedMs);
    }
  }

  const p = (side: Side, q: number) => quantile(latencies.get(side)!, q);
  const throughput = (side: Side) => (2 * half) / (elapsed.get(side)! / 1000);
  console.log('create-payment                          p50 ms   p99 ms   per second (16 clients)');
  for (const side of sides) console.log(`  ${side.name.padEnd(36)} ${fmt(p(side, 0.5), 8)} ${fmt(p(side, 0.99), 8)} ${fmt(throughput(side), 10, 0)}`);
  const p50Ratio = p(api, 0.5) / p(floor, 0.5);
  const throughputRatio = throughput(api) / throughput(floor);
  console.log(`  p50 ratio ${p50Ratio.toFixed(2)}× (target ≤ ${TARGET_P50_RATIO}×: ${p50Ratio <= TARGET_P50_RATIO ? 'met' : 'MISSED'})`);
  console.log(`  p99 ratio ${(p(api, 0.99) / p(floor, 0.99)).toFixed(2)}×`);
  console.log(`  throughput ratio ${throughputRatio.toFixed(2)}× (target ≥ ${TARGET_THROUGHPUT_RATIO}×: ${throughputRatio >= TARGET_THROUGHPUT_RATIO ? 'met' : 'MISSED'})\n`);
}

function createPaymentClient(stack: LocalStack, token: string): Side & { create(dossierId: string, key: string): Promise<{ httpStatus: number; paymentId?: string; amount?: number }> } {
  const create = async (dossierId: string, key: string) => {
    const response = await fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: JSON.stringify({
        dossierId,
        procedureCode: PROCEDURE,
        agencyCode: AGENCY,
        provider: 'mock-bank',
        inputs: { pages: 5, copies: 2 },
        payer: { name: 'Nguyễn Văn A' },
        returnUrl: RETURN_URL,
      }),
    });
    const body = (await response.json()) as { paymentId?: string; amount?: number };
    return { httpStatus: response.status, paymentId: body.paymentId, amount: body.amount };
  };
  return {
    name: 'POST /v1/payments (HTTP, real handler)',
    create,
    run: async (n) => (await create(`HS-BENCH-${n}`, `bench-${n}`)).httpStatus,
  };
}

/**
 * The floor: the creation's own transaction, with items shaped as the handler writes them (a real
 * payment item read back from the table, re-keyed) and the same conditions, sent bare.
 */
async function floorTransactions(stack: LocalStack, api: ReturnType<typeof createPaymentClient>): Promise<Side> {
  const { doc } = stack.dependencies.dynamoDb;
  const tableName = stack.config.TABLE_NAME;
  const template = await api.create('HS-FLOOR-TEMPLATE', 'floor-template');
  if (template.httpStatus !== 201 || !template.paymentId) throw new Error(`could not create the template payment (${template.httpStatus})`);
  const { Item: paymentTemplate } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: `PAYMENT#${template.paymentId}`, sk: 'PAYMENT' } }));
  if (!paymentTemplate) throw new Error('the template payment is not in the table');
  return {
    name: 'bare 3-item TransactWriteItems (floor)',
    run: async (n) => {
      const paymentId = `pay_FLOOR${String(n).padStart(18, '0')}`;
      const now = toVietnamIso(Date.now());
      const items: TransactWriteItem[] = [
        {
          Put: {
            TableName: tableName,
            Item: { pk: `IDEMPOTENCY#floor#k-${n}`, sk: 'IDEMPOTENCY', entity: 'IDEMPOTENCY', fingerprint: 'x'.repeat(43), paymentId, createdAt: now, expiresAtEpoch: Math.floor(Date.now() / 1000) + 86_400 },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAtEpoch < :nowEpoch',
            ExpressionAttributeValues: { ':nowEpoch': Math.floor(Date.now() / 1000) },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...paymentTemplate, pk: `PAYMENT#${paymentId}`, paymentId, dossierId: `HS-FLOOR-${n}`, gsi1pk: `DOSSIER#HS-FLOOR-${n}`, gsi1sk: `PAYMENT#${now}#${paymentId}` },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: { pk: `DOSSIER#HS-FLOOR-${n}`, sk: 'DOSSIER' },
            UpdateExpression:
              'SET dossierId = :dossierId, procedureCode = if_not_exists(procedureCode, :procedureCode), agencyCode = if_not_exists(agencyCode, :agencyCode), ' +
              'createdAt = if_not_exists(createdAt, :now), updatedAt = :now, lastPaymentId = :paymentId, entity = :entity ADD attempts :one',
            ConditionExpression: 'attribute_not_exists(paidPaymentId) AND (attribute_not_exists(procedureCode) OR procedureCode = :procedureCode)',
            ExpressionAttributeValues: {
              ':dossierId': `HS-FLOOR-${n}`,
              ':procedureCode': PROCEDURE,
              ':agencyCode': AGENCY,
              ':now': now,
              ':paymentId': paymentId,
              ':entity': 'DOSSIER',
              ':one': 1,
            },
          },
        },
      ];
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      return 200;
    },
  };
}

// ------------------------------------------------------------------------------------------------
// Callbacks: one hot counter against distinct ones

async function measureCallbacks(stack: LocalStack, api: ReturnType<typeof createPaymentClient>): Promise<void> {
  const half = Math.ceil(CALLBACKS / 2);
  const setup = await inParallel(2 * half, CLIENTS, async (i) => {
    const created = await api.create(`HS-CALLBACK-${i}`, `callback-${i}`);
    if (created.httpStatus !== 201 || !created.paymentId || !created.amount) throw new Error(`setup payment ${i} answered ${created.httpStatus}`);
    return { paymentId: created.paymentId, amount: created.amount };
  });
  const payments = setup.results;
  const today = businessDateOf(new Date());
  // Hot: every success paid at the same moment of one day. Distinct: each on a day of its own.
  const paidAtOn = (date: string) => `${date}T10:00:00+07:00`;
  const hotDate = today;
  const distinctDate = (i: number) => addDays(today, -(i + 1));
  const hot = payments.slice(0, half).map((payment, i) => ({ ...payment, txn: `MB-HOT-${i}`, occurredAt: paidAtOn(hotDate) }));
  const distinct = payments.slice(half).map((payment, i) => ({ ...payment, txn: `MB-DISTINCT-${i}`, occurredAt: paidAtOn(distinctDate(i)) }));

  const send = async (callback: (typeof hot)[number]) => {
    const body = JSON.stringify({
      eventId: `evt-${callback.txn}`,
      providerTxnId: callback.txn,
      paymentId: callback.paymentId,
      amount: callback.amount,
      currency: 'VND',
      status: 'SUCCEEDED',
      occurredAt: callback.occurredAt,
      bankCode: 'BIDV',
    });
    const response = await fetch(`${stack.url}/v1/callbacks/mock-bank`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mockbank-signature': signMockBankBody(body, stack.config.MOCK_BANK_SECRET, new Date()) },
      body,
    });
    const answer = (await response.json()) as { outcome?: string };
    return { status: response.status, outcome: answer.outcome };
  };

  const sides = [
    { name: `one hot (agency, procedure, day)`, callbacks: hot, elapsedMs: 0, statuses: new Map<string, number>() },
    { name: `distinct days`, callbacks: distinct, elapsedMs: 0, statuses: new Map<string, number>() },
  ];
  // Two halves per side, alternating; the outbox work a half leaves behind is drained before the next.
  const quarter = Math.ceil(half / 2);
  for (let round = 0; round < 2; round++) {
    for (const side of sides) {
      const batch = side.callbacks.slice(round * quarter, (round + 1) * quarter);
      const run = await inParallel(batch.length, CLIENTS, async (i) => send(batch[i]!));
      side.elapsedMs += run.elapsedMs;
      for (const { status, outcome } of run.results) {
        const label = status === 200 ? `200 ${outcome}` : String(status);
        side.statuses.set(label, (side.statuses.get(label) ?? 0) + 1);
      }
      await stack.whenQueuesIdle(120_000);
    }
  }

  console.log(`callbacks (signed mock-bank successes, ${CLIENTS} clients)   per second   answers`);
  for (const side of sides) {
    const rate = side.callbacks.length / (side.elapsedMs / 1000);
    console.log(`  ${side.name.padEnd(36)} ${fmt(rate, 10, 0)}     ${[...side.statuses].map(([label, count]) => `${label}: ${count}`).join(', ')}`);
  }
  const serverErrors = sides.reduce((sum, side) => sum + [...side.statuses].filter(([label]) => label.startsWith('5')).reduce((s, [, count]) => s + count, 0), 0);
  const [hotSide, distinctSide] = sides as [(typeof sides)[number], (typeof sides)[number]];
  const ratio = hotSide.callbacks.length / hotSide.elapsedMs / (distinctSide.callbacks.length / distinctSide.elapsedMs);
  console.log(`  hot ÷ distinct throughput: ${ratio.toFixed(2)}×; 5xx answers: ${serverErrors} (target 0: ${serverErrors === 0 ? 'met' : 'MISSED'})`);

  // The hot key's counter items, and whether their sum counts every applied success exactly once.
  const { Items = [] } = await stack.dependencies.dynamoDb.doc.send(
    new QueryCommand({
      TableName: stack.config.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': counterPartitionKey(AGENCY), ':prefix': `${hotDate}#${PROCEDURE}#ONLINE#` },
      ConsistentRead: true,
    }),
  );
  const counted = Items.reduce((sum, item) => sum + Number(item.paymentTransactions ?? 0), 0);
  const applied = hotSide.statuses.get('200 APPLIED') ?? 0;
  console.log(`  hot key stored in ${Items.length} counter item${Items.length === 1 ? '' : 's'}; counted ${counted} of ${applied} applied successes (${counted === applied ? 'exact' : 'WRONG'})`);
}

// ------------------------------------------------------------------------------------------------

/** Runs `count` tasks with at most `clients` in flight; the wall time of the whole. */
async function inParallel<T>(count: number, clients: number, task: (i: number) => Promise<T>): Promise<{ results: T[]; elapsedMs: number }> {
  const results: T[] = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(clients, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return { results, elapsedMs: performance.now() - started };
}

function expectOk(side: Side, status: number): void {
  if (status !== 200 && status !== 201) throw new Error(`${side.name} answered ${status}`);
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function fmt(value: number, width: number, digits = 1): string {
  return value.toFixed(digits).padStart(width);
}

function loadOf(): string {
  return loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
}

function boundedCount(name: string, fallback: number, max: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 2 || value > max) throw new Error(`${name} must be a whole number from 2 to ${max}`);
  return value;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

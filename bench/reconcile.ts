/**
 * Benchmark: one reconciliation run end to end, on the path a deployed run takes, against its floor
 * measured in the same run.
 *
 *   npm run bench:reconcile                        a provider day of 100,000 payments
 *   npm run bench:reconcile -- --payments 10000    a quick run
 *   options: --seed N
 *
 * 1. A fresh DynamoDB Local; the service table created without its stream (the emulator keeps every
 *    stream record and slows all writes as they pile up), loaded, then given its stream.
 * 2. One provider day written with BatchWriteItem, several requests at once, in the items the service
 *    writes (payment-request-repository's paymentItem, payment-repository's successAttributes):
 *    about 1% of each kind of discrepancy, 1% lost callbacks (PENDING or EXPIRED payments the file
 *    settles) among them.
 * 3. The day's settlement file uploaded through the upload use case into the settlement store, and a
 *    run requested as finance does.
 * 4. The floor, part one: a bare Query of the day's successes in parallel slices of payment time.
 * 5. The run: the worker's handler (run-reconciliation.handler.ts, through the composition root) in a
 *    child process of its own — the Lambda — given the queue's message; it reports its wall time,
 *    its peak RSS, the items it wrote and its requests, and logs the time of each stage.
 * 6. The floor, part two: on another fresh emulator, a bare BatchWriteItem of as many items as the
 *    run wrote.
 * Prints the stages, the floor, the ratio run ÷ floor and the run's peak RSS. Wall times on a shared
 * machine vary with its load.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import type { Payment, PaymentEvent } from '../domain/payments/payment';
import { newPaymentId } from '../domain/payments/payment-id';
import { addDays, businessDateOf, startOfBusinessDate, toVietnamIso } from '../domain/shared/business-date';
import { seededRandom } from '../domain/shared/seeded-random';
import { createTable } from '../functions/adapters/dynamodb/create-table';
import { tableDesign } from '../functions/adapters/dynamodb/table-design';
import { startDynamoDbLocal, type DynamoDbLocal } from '../functions/local/dynamodb-local';
import { successAttributes } from '../functions/payments/payment-repository';
import { paymentItem } from '../functions/payments/payment-request-repository';

const TABLE_NAME = 'bench-reconcile';
const PROVIDER = 'mock-bank';
const DAY_MS = 86_400_000;
const WINDOW_MS = 30 * 60_000;
const LOAD_REQUESTS_AT_ONCE = 16;
const FLOOR_SLICES = 12;
const FEES_VND = [10_000, 20_000, 35_000, 50_000, 52_000, 100_000, 150_000, 200_000, 500_000, 1_500_000];

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const localEnv = (endpoint: string, dataDir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  TABLE_NAME,
  DYNAMODB_ENDPOINT: endpoint,
  DATA_DIR: dataDir,
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  LOG_LEVEL: 'INFO',
});

function connect(endpoint: string) {
  const client = new DynamoDBClient({ endpoint, region: 'ap-southeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return { client, doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }) };
}

// ---- the day ------------------------------------------------------------------------------------

interface GeneratedDay {
  readonly items: AsyncGenerator<Record<string, unknown>[]>;
  readonly settlementLines: string[];
  readonly expected: Record<string, number>;
  readonly itemCount: number;
}

/** The day's items in groups of 25, generated as they are written; the file's lines kept. */
function generateDay(payments: number, businessDate: string, seed: number): GeneratedDay {
  const random = seededRandom(seed);
  const bytes = (size: number) => Uint8Array.from({ length: size }, () => Math.floor(random() * 256));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const dayStartMs = startOfBusinessDate(businessDate).getTime();
  const windowStartMs = dayStartMs + DAY_MS - WINDOW_MS;
  // 200 agencies of 5 procedures each, as a province's report counters spread.
  const agencies = Array.from({ length: 200 }, (_, a) => `AG${String(a).padStart(3, '0')}`);
  const settlementLines: string[] = ['provider_txn_id,payment_id,amount,fee,status,paid_at'];
  const expected: Record<string, number> = { lostCallbacks: 0, MISSING_INTERNAL: 0, MISSING_AT_PROVIDER: 0, AMOUNT_MISMATCH: 0, STATUS_MISMATCH: 0, DUPLICATE: 0, PENDING_NEXT_DAY: 0, UNKNOWN_REFERENCE: 0 };
  let txnSeq = 0;
  const nextTxnId = () => `MB${String((++txnSeq * 999_983 + 123_457) % 1_000_000_000_000).padStart(12, '0')}`;
  const row = (txn: string, paymentId: string, amount: number, status: 'SUCCEEDED' | 'REVERSED', ms: number) =>
    settlementLines.push(`${txn},${paymentId},${amount},${Math.round(amount * 0.011) + 1_100},${status},${toVietnamIso(ms)}`);

  let lastDossier = '';
  const paymentOf = (k: number, paidMs: number, dossierOverride?: string): Payment => {
    const agency = pick(agencies);
    const createdMs = paidMs - 60_000 - Math.floor(random() * 540_000);
    const createdAt = toVietnamIso(createdMs);
    const amount = pick(FEES_VND);
    const paymentId = newPaymentId(new Date(createdMs), bytes);
    return {
      paymentId,
      status: 'PENDING',
      dossierId: dossierOverride ?? `000.00.${agency}-${businessDate.replaceAll('-', '').slice(2)}-${String(k).padStart(6, '0')}`,
      procedureCode: `TT-${agency}-${Math.floor(random() * 5)}`,
      agencyCode: agency,
      provider: PROVIDER,
      amount,
      currency: 'VND',
      lines: [{ code: 'LE_PHI', label: 'Lệ phí', amount }],
      inputs: {},
      feeScheduleDate: businessDateOf(createdAt),
      payerName: 'Nguyễn Văn A',
      returnUrl: 'https://dichvucong.example.gov.vn/thanh-toan/ket-qua',
      paymentUrl: `https://mock-bank.example/pay/${paymentId}`,
      vietQr: `00020101021238570010A000000727012700069704220113${paymentId}`,
      createdAt,
      updatedAt: createdAt,
      expiresAt: toVietnamIso(createdMs + 15 * 60_000),
      createdBy: 'portal-bench',
      events: [{ type: 'PaymentCreated', at: createdAt, amount, provider: PROVIDER }],
    } as unknown as Payment;
  };
  const succeeded = (payment: Payment, txn: string, paidMs: number): Record<string, unknown> => {
    const report = { paymentId: payment.paymentId, provider: PROVIDER, providerTxnId: txn, amount: payment.amount, occurredAt: new Date(paidMs) } as const;
    const attributes = successAttributes(payment.paymentId, report);
    const event: PaymentEvent = { type: 'PaymentSucceeded', at: toVietnamIso(paidMs + 2_000), provider: PROVIDER, providerTxnId: txn, amount: payment.amount, paidAt: attributes.paidAt };
    lastDossier = payment.dossierId;
    return { ...paymentItem(payment), ...attributes, status: 'SUCCEEDED', events: [...payment.events, event], updatedAt: event.at };
  };
  const unpaid = (payment: Payment, status: 'PENDING' | 'EXPIRED' | 'FAILED' | 'CANCELLED'): Record<string, unknown>[] => {
    const item = paymentItem(payment);
    // A dossier guard for the payment, as creating it leaves one: applying its success claims it.
    const guard = {
      pk: `DOSSIER#${payment.dossierId}`, sk: 'DOSSIER', entity: 'DOSSIER', dossierId: payment.dossierId, procedureCode: payment.procedureCode,
      agencyCode: payment.agencyCode, createdAt: payment.createdAt, updatedAt: payment.createdAt, lastPaymentId: payment.paymentId, attempts: 1,
    };
    if (status === 'PENDING') return [item, guard];
    const { gsi2pk: _pk, gsi2sk: _sk, ...withoutIndex } = item;
    const event = { type: status === 'EXPIRED' ? 'PaymentExpired' : status === 'FAILED' ? 'PaymentFailed' : 'PaymentCancelled', at: payment.expiresAt };
    return [{ ...withoutIndex, status, events: [...payment.events, event], updatedAt: payment.expiresAt }, guard];
  };

  let itemCount = 0;
  async function* items(): AsyncGenerator<Record<string, unknown>[]> {
    let group: Record<string, unknown>[] = [];
    const add = (...added: Record<string, unknown>[]) => {
      group.push(...added);
      itemCount += added.length;
    };
    for (let k = 0; k < payments; k++) {
      // Spread over the day before the next-day window, in order.
      const ms = dayStartMs + Math.floor(((k + random()) / payments) * (DAY_MS - WINDOW_MS - 1000));
      const r = random();
      const txn = nextTxnId();
      if (r < 0.01) {
        // A lost callback: settled by the provider, PENDING or EXPIRED here (auto-applied).
        const payment = paymentOf(k, ms);
        add(...unpaid(payment, random() < 0.7 ? 'PENDING' : 'EXPIRED'));
        row(txn, payment.paymentId, payment.amount, 'SUCCEEDED', ms);
        expected.lostCallbacks!++;
        expected.MISSING_INTERNAL!++;
      } else if (r < 0.012) {
        // Settled after the service gave up on it (MISSING_INTERNAL, for review).
        const payment = paymentOf(k, ms);
        add(...unpaid(payment, random() < 0.5 ? 'FAILED' : 'CANCELLED'));
        row(txn, payment.paymentId, payment.amount, 'SUCCEEDED', ms);
        expected.MISSING_INTERNAL!++;
      } else if (r < 0.022) {
        add(succeeded(paymentOf(k, ms), txn, ms)); // MISSING_AT_PROVIDER
        expected.MISSING_AT_PROVIDER!++;
      } else if (r < 0.032) {
        const payment = paymentOf(k, ms);
        add(succeeded(payment, txn, ms));
        row(txn, payment.paymentId, payment.amount * 10, 'SUCCEEDED', ms); // AMOUNT_MISMATCH
        expected.AMOUNT_MISMATCH!++;
      } else if (r < 0.042) {
        const payment = paymentOf(k, ms);
        add(succeeded(payment, txn, ms));
        row(txn, payment.paymentId, payment.amount, 'REVERSED', ms); // STATUS_MISMATCH: a reversal to note
        expected.STATUS_MISMATCH!++;
      } else if (r < 0.052) {
        const kind = random();
        const payment = kind < 0.33 && lastDossier !== '' ? paymentOf(k, ms, lastDossier) : paymentOf(k, ms);
        add(succeeded(payment, txn, ms));
        row(txn, payment.paymentId, payment.amount, 'SUCCEEDED', ms);
        // DUPLICATE: the dossier paid twice, the same provider transaction twice, or one payment settled twice.
        if (kind >= 0.33) row(kind < 0.66 ? txn : nextTxnId(), payment.paymentId, payment.amount, 'SUCCEEDED', ms);
        expected.DUPLICATE!++;
      } else if (r < 0.062) {
        // Paid in the last 30 minutes, not in this file: PENDING_NEXT_DAY.
        add(succeeded(paymentOf(k, ms), txn, windowStartMs + Math.floor(random() * WINDOW_MS)));
        expected.PENDING_NEXT_DAY!++;
      } else if (r < 0.072) {
        const payment = paymentOf(k, ms);
        add(succeeded(payment, txn, ms));
        row(txn, payment.paymentId, payment.amount, 'SUCCEEDED', ms);
        row(nextTxnId(), newPaymentId(new Date(ms), bytes), payment.amount, 'SUCCEEDED', ms); // UNKNOWN_REFERENCE
        expected.UNKNOWN_REFERENCE!++;
      } else {
        const payment = paymentOf(k, ms);
        add(succeeded(payment, txn, ms));
        row(txn, payment.paymentId, payment.amount, 'SUCCEEDED', ms); // matched
      }
      if (group.length >= 25) {
        yield group.slice(0, 25);
        group = group.slice(25);
      }
    }
    while (group.length > 0) {
      yield group.slice(0, 25);
      group = group.slice(25);
    }
  }
  return { items: items(), settlementLines, expected, get itemCount() { return itemCount; } };
}

// ---- writing and reading in bulk ----------------------------------------------------------------

class ProgressBar {
  private lastDrawMs = 0;
  private lastTenth = 0;
  private readonly startMs = performance.now();
  constructor(private readonly label: string, private readonly total: number) {}

  update(done: number): void {
    const now = performance.now();
    const elapsed = `${((now - this.startMs) / 1000).toFixed(1)} s`;
    const counted = `${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} items`;
    if (!process.stderr.isTTY) {
      // Into a file or a pipe: a line at every tenth instead of a redrawn bar.
      const tenth = Math.floor((done / this.total) * 10);
      if (tenth > this.lastTenth) process.stderr.write(`${this.label}: ${counted}  ${elapsed}\n`);
      this.lastTenth = tenth;
      return;
    }
    if (now - this.lastDrawMs < 200 && done < this.total) return;
    this.lastDrawMs = now;
    const width = 30;
    const filled = Math.min(width, Math.round((done / this.total) * width));
    process.stderr.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${counted}  ${elapsed}`);
    if (done >= this.total) process.stderr.write('\n');
  }
}

/** BatchWriteItem of every group, `atOnce` requests in flight, unprocessed items written again. */
async function writeAll(doc: DynamoDBDocumentClient, groups: AsyncIterable<Record<string, unknown>[]>, atOnce: number, onWritten: (items: number) => void): Promise<void> {
  const iterator = groups[Symbol.asyncIterator]();
  const worker = async () => {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      let requests = next.value.map((item) => ({ PutRequest: { Item: item } }));
      const size = requests.length;
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
        const result = await doc.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: requests } }));
        requests = (result.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof requests;
      }
      onWritten(size);
    }
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
}

/** The floor's read: the day's successes in `slices` ranges of payment time, each a chain of Query pages, all at once. */
async function queryDay(doc: DynamoDBDocumentClient, businessDate: string, slices: number): Promise<number> {
  const startMs = startOfBusinessDate(businessDate).getTime();
  const bounds = Array.from({ length: slices + 1 }, (_, i) => new Date(startMs + Math.round((i * DAY_MS) / slices)).toISOString());
  const counts = await Promise.all(Array.from({ length: slices }, async (_, i) => {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `SUCCEEDED#${PROVIDER}#${businessDate}`, ':from': bounds[i], ':to': bounds[i + 1] },
        Limit: 1_000,
        ExclusiveStartKey: startKey,
      }));
      count += page.Items?.length ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  }));
  return counts.reduce((a, b) => a + b, 0);
}

async function createTableWithoutStream(client: DynamoDBClient): Promise<void> {
  const keys = new Set([tableDesign.partitionKey, tableDesign.sortKey, ...tableDesign.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])]);
  await client.send(new CreateTableCommand({
    TableName: TABLE_NAME,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keys].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [{ AttributeName: tableDesign.partitionKey, KeyType: 'HASH' }, { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [{ AttributeName: index.partitionKey, KeyType: 'HASH' }, { AttributeName: index.sortKey, KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    })),
  }));
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE_NAME }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- the run, in a process of its own -----------------------------------------------------------

interface WorkerReport {
  wallMs: number;
  maxRssMb: number;
  itemsWritten: number;
  requests: Record<string, number>;
  stagesMs: Record<string, { fromMs: number; toMs: number; busyMs: number } | number> | null;
  summary: Record<string, unknown> | null;
  status: string;
}

/** The child: the worker's handler given the queue's message, as Lambda would. */
async function worker(runId: string): Promise<void> {
  const { getDependencies, dynamoDb, reconciliations } = await import('../functions/composition');
  const { handler } = await import('../functions/reconciliation/run-reconciliation.handler');
  const { client } = (await getDependencies([dynamoDb])).dynamoDb;
  // Every request the run makes, and every item it writes, counted where the SDK sends them.
  const requests: Record<string, number> = {};
  let itemsWritten = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      requests[name] = (requests[name] ?? 0) + 1;
      const input = args.input as { RequestItems?: Record<string, unknown[]>; TransactItems?: unknown[] };
      if (name === 'BatchWriteItemCommand') itemsWritten += Object.values(input.RequestItems ?? {}).reduce((n, list) => n + list.length, 0);
      else if (name === 'TransactWriteItemsCommand') itemsWritten += (input.TransactItems ?? []).filter((item) => !('ConditionCheck' in (item as object))).length;
      else if (name === 'PutItemCommand' || name === 'UpdateItemCommand' || name === 'DeleteItemCommand') itemsWritten++;
      return next(args);
    },
    { step: 'initialize', name: 'benchCounter' },
  );
  // The run's own log line with its stages, read as CloudWatch would get it.
  let stagesMs: WorkerReport['stagesMs'] = null;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    for (const line of text.split('\n')) {
      if (!line.includes('reconciliation run completed')) continue;
      try {
        stagesMs = (JSON.parse(line) as { stagesMs?: WorkerReport['stagesMs'] }).stagesMs ?? null;
      } catch {
        // not a log line of the run
      }
    }
    return true;
  }) as typeof process.stdout.write;

  const event = { Records: [{ messageId: 'bench-1', receiptHandle: 'bench-1', body: JSON.stringify({ runId }), attributes: { ApproximateReceiveCount: '1' } }] } as unknown as SQSEvent;
  const start = performance.now();
  const response = await handler(event);
  const wallMs = performance.now() - start;
  process.stdout.write = write;
  const run = await (await getDependencies([reconciliations])).reconciliations.getRun(runId);
  if (response.batchItemFailures.length > 0 || run?.status !== 'COMPLETED') process.stderr.write(`the run did not complete: ${JSON.stringify(run?.failure ?? response)}\n`);
  const report: WorkerReport = {
    wallMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    itemsWritten,
    requests,
    stagesMs,
    summary: (run?.summary as unknown as Record<string, unknown> | undefined) ?? null,
    status: run?.status ?? 'UNKNOWN',
  };
  write(`BENCH-REPORT ${JSON.stringify(report)}\n`, () => process.exit(0));
}

function runWorker(runId: string, env: NodeJS.ProcessEnv): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename, '--worker', runId], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH-REPORT '));
      if (code !== 0 || !line) reject(new Error(`the run's process failed (exit ${code}):\n${out.slice(-4000)}`));
      else resolve(JSON.parse(line.slice('BENCH-REPORT '.length)) as WorkerReport);
    });
  });
}

// ---- main ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const runId = argument('worker', '');
  if (runId !== '') return worker(runId);

  const payments = Number(argument('payments', '100000'));
  const seed = Number(argument('seed', '20261122'));
  if (!Number.isInteger(payments) || payments < 100) throw new Error('--payments must be a whole number ≥ 100');
  // Yesterday in Vietnam: a settled day, as finance reconciles it.
  const businessDate = addDays(businessDateOf(new Date()), -1);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-reconcile-'));
  const emulators: DynamoDbLocal[] = [];
  try {
    // A loaded machine may take a while to start Java.
    const day = await startDynamoDbLocal({ startTimeoutMs: 180_000 });
    emulators.push(day);
    const env = localEnv(day.endpoint, dataDir);
    Object.assign(process.env, env);
    const { client, doc } = connect(day.endpoint);
    await createTableWithoutStream(client);

    const generated = generateDay(payments, businessDate, seed);
    const bar = new ProgressBar(`loading ${payments.toLocaleString('en-US')} payments`, Math.round(payments * 1.022));
    let loaded = 0;
    const loadStart = performance.now();
    await writeAll(doc, generated.items, LOAD_REQUESTS_AT_ONCE, (n) => bar.update((loaded += n)));
    bar.update(Math.max(loaded, Math.round(payments * 1.022)));
    const loadMs = performance.now() - loadStart;
    await client.send(new UpdateTableCommand({ TableName: TABLE_NAME, StreamSpecification: { StreamEnabled: true, StreamViewType: tableDesign.streamView } }));

    // The file through the upload use case, and a run requested as finance does.
    const { getDependencies, config, clock, settlementFiles, settlements, reconciliations } = await import('../functions/composition');
    const { uploadSettlementFile } = await import('../functions/settlements/store-settlement-file');
    const { startReconciliation } = await import('../functions/reconciliation/start-reconciliation');
    const deps = await getDependencies([config, clock, settlementFiles, settlements, reconciliations]);
    const body = Buffer.from(`${generated.settlementLines.join('\n')}\n`);
    const uploaded = await uploadSettlementFile({ provider: PROVIDER, businessDate, body, uploadedBy: 'bench' }, deps);
    if (uploaded.kind !== 'ACCEPTED') throw new Error(`the bench's file was refused: ${JSON.stringify(uploaded)}`);
    const sent: string[] = [];
    const started = await startReconciliation(
      { provider: PROVIDER, businessDate, requestedBy: 'bench' },
      { ...deps, queue: { send: async (_queue, messages) => void sent.push(...messages.map((m) => m.body)) } },
    );
    if (started.kind !== 'QUEUED') throw new Error(`the run was not queued: ${started.kind}`);

    const floorQueryStart = performance.now();
    const floorRead = await queryDay(doc, businessDate, FLOOR_SLICES);
    const floorQueryMs = performance.now() - floorQueryStart;

    const report = await runWorker(started.run.runId, env);

    // The floor's write, on an emulator of its own: no stream record of the day or the run slows it.
    const fresh = await startDynamoDbLocal({ startTimeoutMs: 180_000 });
    emulators.push(fresh);
    const second = connect(fresh.endpoint);
    await createTable(second.client, TABLE_NAME);
    const sample = { type: 'MISSING_AT_PROVIDER', reason: 'NOT_IN_FILE', line: null, providerTxnId: 'MB000000123457', paymentId: 'pay_0000000000AAAAAAAAAAA', dossierId: '000.00.AG001-261122-000001', internalAmount: 150_000, providerAmount: null, internalStatus: 'SUCCEEDED', providerStatus: null, internalPaidAt: '2026-11-22T09:30:00+07:00', providerPaidAt: null, autoApply: false, provider: PROVIDER, businessDate, agencyCode: 'AG001', status: 'OPEN', resolution: null, autoApplied: false, reversalRecorded: false, entity: 'RECONCILIATION_DISCREPANCY' };
    async function* floorItems(): AsyncGenerator<Record<string, unknown>[]> {
      for (let i = 0; i < report.itemsWritten; i += 25) {
        yield Array.from({ length: Math.min(25, report.itemsWritten - i) }, (_, j) => ({ ...sample, pk: `RECONRUN#bench`, sk: `DISCREPANCY#${String(i + j).padStart(9, '0')}`, gsi2pk: 'RECONRUN#bench#FINDINGS', gsi2sk: `MISSING_AT_PROVIDER#${String(i + j).padStart(9, '0')}`, discrepancyId: `dsc_${i + j}`, order: i + j }));
      }
    }
    const floorWriteStart = performance.now();
    await writeAll(second.doc, floorItems(), LOAD_REQUESTS_AT_ONCE, () => undefined);
    const floorWriteMs = performance.now() - floorWriteStart;

    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const floorMs = floorQueryMs + floorWriteMs;
    console.log(`\nreconciliation of a provider day of ${payments.toLocaleString('en-US')} payments (${generated.itemCount.toLocaleString('en-US')} items, loaded in ${s(loadMs)}), ` +
      `settlement file of ${(generated.settlementLines.length - 1).toLocaleString('en-US')} rows, ${generated.expected.lostCallbacks} lost callbacks`);
    console.log(`run: ${report.status} in ${s(report.wallMs)}, peak RSS ${report.maxRssMb.toFixed(0)} MB, ${report.itemsWritten.toLocaleString('en-US')} items written`);
    const stages = report.stagesMs ?? {};
    for (const name of ['readingDay', 'readingFile', 'matching', 'writingCases', 'autoApplying']) {
      const stage = stages[name];
      if (stage && typeof stage === 'object') console.log(`  ${name.padEnd(13)} busy ${s(stage.busyMs).padStart(8)}   from ${s(stage.fromMs).padStart(8)} to ${s(stage.toMs).padStart(8)} of the run`);
    }
    console.log(`  requests: ${Object.entries(report.requests).sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name.replace(/Command$/, '')} ${n}`).join(', ')}`);
    console.log(`floor: ${s(floorMs)} = parallel Query of the day (${FLOOR_SLICES} slices, ${floorRead.toLocaleString('en-US')} successes) ${s(floorQueryMs)} + ` +
      `BatchWriteItem of ${report.itemsWritten.toLocaleString('en-US')} items (${LOAD_REQUESTS_AT_ONCE} requests at once, fresh emulator) ${s(floorWriteMs)}`);
    console.log(`ratio run ÷ floor: ${(report.wallMs / floorMs).toFixed(2)}×  (target ≤ 1.5×; wall times on a shared machine vary with its load)`);
    const summary = report.summary as { discrepancies?: Record<string, number>; autoApplied?: number; reversalsRecorded?: number; matched?: { count: number } } | null;
    console.log(`findings: ${JSON.stringify(summary?.discrepancies ?? {})}, matched ${summary?.matched?.count}, auto-applied ${summary?.autoApplied}, reversals noted ${summary?.reversalsRecorded}`);
    console.log(`generated: ${JSON.stringify(generated.expected)}`);
    if (report.status !== 'COMPLETED' || summary?.autoApplied !== generated.expected.lostCallbacks) process.exitCode = 1;
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

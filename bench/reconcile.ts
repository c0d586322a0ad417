/**
 * Benchmark: the reconciliation matching engine against the same rules in DuckDB SQL, over one
 * generated provider day (default 1,000,000 internal transactions and a settlement file of about as
 * many rows, ~1% of each discrepancy type).
 *
 *   npm run bench:reconcile                      full size
 *   npm run bench:reconcile -- --rows 10000      smoke run
 *   options: --seed N, --runs N (default 3), --regenerate
 *
 * The engine runs as a reconciliation run uses it, reading both files on worker threads while it
 * matches (functions/reconciliation/file-reader-thread.ts), and also with everything on one thread
 * ("engine-1t"), for comparison. DuckDB uses every core as it likes.
 *
 * Each side runs in its own child process, one at a time, so that its peak RSS (getrusage maxrss) is
 * its own. The child runs this file bundled by esbuild and minified, as a Lambda runs its code (and as
 * the reader threads then load it); wall time is measured inside the child around the work (reading the CSVs from disk,
 * classifying, totalling), not around process start. Exits 1 when the two disagree on any count or
 * total.
 */
import { spawnSync } from 'node:child_process';
import { isMainThread } from 'node:worker_threads';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { reconcile, settlementFileOptions, type ReconciliationInput } from '../domain/reconciliation/matching-engine';
import { fileChunks } from '../functions/adapters/filesystem/file-chunks';
import { readInternalTransactionsInThread, readSettlementFileInThread } from '../functions/reconciliation/file-reader-thread';
import type { ReconciliationSummary } from '../domain/reconciliation/discrepancy';
import { startOfBusinessDate } from '../domain/shared/business-date';
import { BENCH_BUSINESS_DATE, BENCH_DATA_VERSION, BENCH_WINDOW_MS, generateBenchData, readCarriedOverCsv } from './reconcile-data';

type Side = 'engine' | 'engine-1t' | 'duckdb' | 'idle';
type MeasuredSide = Exclude<Side, 'idle'>;

interface WorkerReport {
  side: Side;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  summary: ReconciliationSummary | null;
  discrepanciesEmitted?: number;
}

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const rows = Number(argument('rows', '1000000'));
const seed = Number(argument('seed', '20261122'));
const runs = Number(argument('runs', '3'));
const dir = argument('dir', join(__dirname, '.out', `v${BENCH_DATA_VERSION}-rows-${rows}-seed-${seed}`));
const bundle = join(__dirname, '.out', 'reconcile-bench.js');
const files = {
  internalCsv: join(dir, 'internal-transactions.csv'),
  settlementCsv: join(dir, 'settlement.csv'),
  carriedOverCsv: join(dir, 'carried-over.csv'),
};
const dayStartMs = startOfBusinessDate(BENCH_BUSINESS_DATE).getTime();
const windowStartMs = dayStartMs + 86_400_000 - BENCH_WINDOW_MS;

/**
 * One thread reads the day's transactions while the engine takes them in; the settlement file's
 * thread starts with them but reads once they are read, so that the engine never shares the two
 * processors with two readers at once, and has the file's first rows ready when it wants them.
 */
function readOnThreads(day: Pick<ReconciliationInput, 'businessDate' | 'pendingNextDayWindowMs'>) {
  const internal = readInternalTransactionsInThread({ localFile: files.internalCsv });
  // A run knows its file's row count from the upload; the parent process counted it here.
  const settlementOptions = { ...settlementFileOptions(day), expectedRows: Number(argument('settlement-rows', '0')) };
  const settlement = readSettlementFileInThread({ localFile: files.settlementCsv }, settlementOptions, { startAfter: internal });
  return {
    internalTransactions: { format: 'rows', batches: internal },
    settlementFile: { format: 'rows', batches: settlement },
  } satisfies Pick<ReconciliationInput, 'internalTransactions' | 'settlementFile'>;
}

async function runEngine(threads: boolean): Promise<Omit<WorkerReport, 'side' | 'wallMs' | 'cpuMs' | 'maxRssMb'>> {
  let discrepanciesEmitted = 0;
  const base = { businessDate: BENCH_BUSINESS_DATE, pendingNextDayWindowMs: BENCH_WINDOW_MS };
  const sources: Pick<ReconciliationInput, 'internalTransactions' | 'settlementFile'> = threads
    ? readOnThreads(base)
    : {
        internalTransactions: { format: 'csv', chunks: fileChunks(files.internalCsv) },
        settlementFile: fileChunks(files.settlementCsv),
      };
  const result = await reconcile({
    ...base,
    ...sources,
    // What a caller knows before reading: the file's size, and so roughly how many transactions.
    expectedTransactions: Math.ceil(statSync(files.internalCsv).size / 128),
    carriedOver: readCarriedOverCsv(files.carriedOverCsv),
    onDiscrepancies: (batch) => {
      discrepanciesEmitted += batch.length;
    },
  });
  return { summary: result.summary, discrepanciesEmitted };
}

async function worker(side: Side): Promise<void> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let outcome: Omit<WorkerReport, 'side' | 'wallMs' | 'cpuMs' | 'maxRssMb'> = { summary: null };
  if (side === 'engine' || side === 'engine-1t') outcome = await runEngine(side === 'engine');
  else if (side === 'duckdb') {
    // Loaded here only, so that DuckDB's native library never counts against the engine's memory.
    const { runSqlReconciliation } = await import('./reconcile-sql');
    outcome = { summary: await runSqlReconciliation({ ...files, windowStartMs }) };
  }
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const report: WorkerReport = {
    side,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    ...outcome,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/**
 * This file as one minified CommonJS bundle (DuckDB's native package and esbuild stay outside). esbuild
 * is loaded here only: the bundle's reader threads would otherwise load the bundler too (10–20 ms each),
 * which no reconciliation run does.
 */
async function buildBundle(): Promise<void> {
  const { buildSync } = await import('esbuild');
  buildSync({
    entryPoints: [__filename],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    minify: true,
    mainFields: ['module', 'main'],
    external: ['@duckdb/node-api', 'esbuild'],
    logLevel: 'warning',
  });
}

let settlementFileRows = 0;

/** Lines after the header, as the upload path counts a settlement file's rows. */
function countRows(path: string): number {
  const data = readFileSync(path);
  let lines = 0;
  for (let at = data.indexOf(10); at >= 0; at = data.indexOf(10, at + 1)) lines++;
  return lines - 1;
}

function spawnWorker(side: Side): WorkerReport {
  const child = spawnSync(process.execPath, [bundle, '--worker', side, '--dir', dir, '--settlement-rows', String(settlementFileRows), '--rows', String(rows), '--seed', String(seed)], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    throw new Error(`${side} worker failed with exit code ${child.status}`);
  }
  const last = child.stdout.trim().split('\n').at(-1)!;
  return JSON.parse(last) as WorkerReport;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Every count and total, flattened, so that a disagreement names its field. */
function flatten(summary: ReconciliationSummary, prefix = ''): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of Object.entries(summary)) {
    if (typeof value === 'number') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value as ReconciliationSummary, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

async function main(): Promise<void> {
  const side = argument('worker', '');
  if (side !== '') return worker(side as Side);

  if (process.argv.includes('--regenerate') || !existsSync(files.settlementCsv) || !existsSync(files.carriedOverCsv)) {
    const start = performance.now();
    const generated = generateBenchData(dir, rows, seed);
    console.log(`generated ${generated.internalRows} internal transactions, ${generated.settlementRows} settlement rows, ` +
      `${generated.carriedOverRows} carried-over payments in ${((performance.now() - start) / 1000).toFixed(1)} s → ${dir}`);
  }

  await buildBundle();
  settlementFileRows = countRows(files.settlementCsv);
  const idle = spawnWorker('idle');
  const sides: MeasuredSide[] = ['engine', 'engine-1t', 'duckdb'];
  const reports: Record<MeasuredSide, WorkerReport[]> = { engine: [], 'engine-1t': [], duckdb: [] };
  // Round-robin, so that a machine getting busier or quieter affects every side alike.
  for (let run = 0; run < runs; run++) for (const side of sides) reports[side].push(spawnWorker(side));

  const wall = (side: MeasuredSide) => median(reports[side].map((r) => r.wallMs));
  const rss = (side: MeasuredSide) => median(reports[side].map((r) => r.maxRssMb));
  const settlementRows = reports.engine[0]!.summary!.rows;
  const totalRows = rows + settlementRows;
  const line = (name: string, ms: number, rss: number, all: WorkerReport[]) =>
    console.log(`${name.padEnd(9)} ${(ms / 1000).toFixed(3).padStart(7)} s  ${Math.round(totalRows / (ms / 1000)).toLocaleString('en-US').padStart(11)} rows/s  ` +
      `peak RSS ${rss.toFixed(0).padStart(5)} MB  cpu ${(median(all.map((r) => r.cpuMs)) / 1000).toFixed(2)} s  ` +
      `(runs: ${all.map((r) => `${(r.wallMs / 1000).toFixed(3)} s/${r.maxRssMb.toFixed(0)} MB`).join(', ')})`);

  console.log(`\nreconciliation of ${rows.toLocaleString('en-US')} internal transactions × ${settlementRows.toLocaleString('en-US')} settlement rows, ` +
    `median of ${runs} run(s), each side in its own process (idle process peak RSS ${idle.maxRssMb.toFixed(0)} MB)`);
  for (const side of sides) line(side, wall(side), rss(side), reports[side]);
  const best = (side: MeasuredSide) => Math.min(...reports[side].map((r) => r.wallMs));
  for (const side of ['engine', 'engine-1t'] as const) {
    console.log(`ratio ${side.padEnd(9)} ÷ duckdb: time ${(wall(side) / wall('duckdb')).toFixed(2)}× (median), ` +
      `${(best(side) / best('duckdb')).toFixed(2)}× (best run of each), peak RSS ${(rss(side) / rss('duckdb')).toFixed(2)}×`);
  }
  console.log('(wall times on a shared machine vary with its load; cpu is the process\'s user + system time, DuckDB using every core)');
  console.log(`engine emitted ${reports.engine[0]!.discrepanciesEmitted} discrepancies`);

  const engine = flatten(reports.engine[0]!.summary!);
  const disagreements: string[] = [];
  for (const report of sides.flatMap((side) => reports[side])) {
    for (const [key, value] of flatten(report.summary!)) {
      if (engine.get(key) !== value) disagreements.push(`${key}: engine ${engine.get(key)}, ${report.side} ${value}`);
    }
  }
  console.log('\n' + [...engine].map(([key, value]) => `${key.padEnd(36)} ${value}`).join('\n'));
  if (disagreements.length > 0) {
    console.error(`\nDISAGREEMENT between engine and DuckDB:\n${[...new Set(disagreements)].join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('\nengine and DuckDB agree on every count and total');
  }
}

// The reader threads load this same bundle: in them, only the reader runs.
if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

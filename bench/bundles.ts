/**
 * Cold-start benchmark: builds every manifest function exactly as the CDK stack does (infra/bundling.ts,
 * with the bundle-time switches of its manifest entry), then measures its init time — how long a fresh
 * Node process takes to `require` the bundle, with no NODE_OPTIONS, as in Lambda — as the median
 * of several runs. Next to them, in the same run, two SDK-only baselines: a bundle that only builds the
 * DynamoDB document client (what nearly every function carries), and one that builds every SDK client
 * the service uses (DynamoDB, SQS, S3 with the presigner). Each function's ratio is against the first;
 * a function over MAX_INIT_MS is flagged. The bundle size is shown for diagnosis only: init time is
 * what a user feels. `--why` lists the packages in one bundle, largest first.
 *
 *   npm run bench:bundles                  every function
 *   npm run bench:bundles -- --runs 11     more runs per bundle
 *   npm run bench:bundles -- --why Health  what one bundle is made of
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { functions, queues } from '../functions/manifest';
import { esbuildOptionsFor } from '../infra/bundling';
import { accessOf, type FunctionAccess } from '../infra/function-access';

const ROOT = join(__dirname, '..');
// Its own folder: other benchmarks keep their generated data beside it in bench/.out.
const OUT = join(__dirname, '.out', 'bundles');

/** The target: every function's init at most this, on this machine. */
const MAX_INIT_MS = 150;

const BASELINES = [
  {
    name: '(baseline: DynamoDB client only)',
    source: `
      import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
      import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
      const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
      export const handler = () => doc.send(new GetCommand({ TableName: 'bench', Key: { pk: 'x', sk: 'y' } }));`,
  },
  {
    name: '(baseline: every SDK client used)',
    source: `
      import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
      import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
      import { SQSClient, SendMessageBatchCommand, ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
      import { S3Client, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
      import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
      const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
      const sqs = new SQSClient({});
      const s3 = new S3Client({});
      export const handler = async () => {
        await doc.send(new GetCommand({ TableName: 'bench', Key: { pk: 'x', sk: 'y' } }));
        await sqs.send(new SendMessageBatchCommand({ QueueUrl: 'https://sqs.invalid/q', Entries: [] }));
        await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: 'https://sqs.invalid/q', ReceiptHandle: 'r', VisibilityTimeout: 1 }));
        await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
        await s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'k' }));
        await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
      };`,
  },
];

interface Result {
  readonly name: string;
  readonly bytes: number;
  readonly initMs: number;
  readonly cpuMs: number;
  readonly processMs: number;
  readonly metafile: Metafile;
}

function parseArgs(argv: readonly string[]): { runs: number; why?: string } {
  const runsAt = argv.indexOf('--runs');
  const whyAt = argv.indexOf('--why');
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 7;
  if (!Number.isInteger(runs) || runs < 1 || runs > 51) throw new Error('--runs must be a whole number from 1 to 51');
  return { runs, ...(whyAt >= 0 && argv[whyAt + 1] ? { why: argv[whyAt + 1] } : {}) };
}

async function bundle(
  name: string,
  entry: string | { source: string },
  access: FunctionAccess | undefined,
  loadsOnDemand: readonly string[] = [],
): Promise<{ file: string; metafile: Metafile }> {
  const dir = join(OUT, name.replace(/[^A-Za-z0-9]+/g, '-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.js');
  // Modules loaded on demand stay out of the bundle, as in the stack; init never loads them.
  const options = esbuildOptionsFor(typeof entry === 'string' ? join(ROOT, entry) : '<stdin>', file, access, ROOT, loadsOnDemand);
  const result = await build(
    typeof entry === 'string'
      ? options
      : { ...options, entryPoints: undefined, stdin: { contents: entry.source, loader: 'ts', resolveDir: ROOT, sourcefile: 'baseline.ts' } },
  );
  // Kept beside the bundle for https://esbuild.github.io/analyze/ or a closer look.
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(result.metafile));
  return { file, metafile: result.metafile! };
}

/**
 * One fresh process per run: the time `require` takes inside it, and the whole process's wall time.
 * Runs go round-robin over all bundles, so a busy machine slows every bundle alike and the ratios hold.
 */
function measureInit(files: readonly string[], runs: number): { initMs: number; cpuMs: number; processMs: number }[] {
  // Wall time of the require, and the CPU time it used: on a shared machine the wall time also counts
  // waiting for a core, which the CPU time leaves out.
  const script = (file: string) =>
    `const c=process.cpuUsage(),t=process.hrtime.bigint();require(${JSON.stringify(file)});const w=Number(process.hrtime.bigint()-t)/1e6,u=process.cpuUsage(c);` +
    `process.stdout.write(JSON.stringify([w,(u.user+u.system)/1e3]))`;
  const env = {
    PATH: process.env.PATH,
    AWS_REGION: 'ap-southeast-1',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    TABLE_NAME: 'bench',
    LOG_LEVEL: 'SILENT',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const inits = files.map((): number[] => []);
  const walls = files.map((): number[] => []);
  const cpus = files.map((): number[] => []);
  // Round 0 is not counted: it warms the file cache for every bundle alike.
  for (let run = 0; run <= runs; run++) {
    files.forEach((file, i) => {
      const started = process.hrtime.bigint();
      const child = spawnSync(process.execPath, ['-e', script(file)], { env, encoding: 'utf8' });
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      if (child.status !== 0) throw new Error(`loading ${file} failed:\n${child.stderr}`);
      if (run === 0) return;
      const [initMs, cpuMs] = JSON.parse(child.stdout) as [number, number];
      inits[i]!.push(initMs);
      cpus[i]!.push(cpuMs);
      walls[i]!.push(wall);
    });
  }
  return files.map((_, i) => ({ initMs: median(inits[i]!), cpuMs: median(cpus[i]!), processMs: median(walls[i]!) }));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Bytes in the output per package (node_modules) or per top-level folder (our code). */
function contributors(metafile: Metafile): [string, number][] {
  const output = Object.values(metafile.outputs).find((out) => out.entryPoint !== undefined) ?? Object.values(metafile.outputs)[0]!;
  const bytes = new Map<string, number>();
  for (const [path, input] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
    bytes.set(pkg, (bytes.get(pkg) ?? 0) + input.bytesInOutput);
  }
  return [...bytes.entries()].sort((a, b) => b[1] - a[1]);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const { runs, why } = parseArgs(process.argv.slice(2));
  rmSync(OUT, { recursive: true, force: true });
  // The baselines get the settings every function shares, none of the per-function ones.
  const targets: { name: string; entry: string | { source: string }; access?: FunctionAccess; loadsOnDemand?: readonly string[] }[] = [
    ...BASELINES.map((baseline) => ({ name: baseline.name, entry: { source: baseline.source } })),
    ...functions.filter((fn) => !why || fn.name === why).map((fn) => ({ name: fn.name, entry: fn.entry, access: accessOf(fn, queues), loadsOnDemand: fn.loadsOnDemand ?? [] })),
  ];
  if (why && targets.length === BASELINES.length) throw new Error(`no manifest function named ${why}`);

  const built: { name: string; file: string; metafile: Metafile }[] = [];
  for (const target of targets) built.push({ name: target.name, ...(await bundle(target.name, target.entry, target.access, target.loadsOnDemand)) });
  const timings = measureInit(
    built.map((b) => b.file),
    runs,
  );
  const results: Result[] = built.map((b, i) => ({ name: b.name, bytes: statSync(b.file).size, metafile: b.metafile, ...timings[i]! }));

  const baseline = results[0]!;
  const measured = results.slice(BASELINES.length);
  const width = Math.max(...results.map((result) => result.name.length));
  console.log(`Cold start: init = require() of the esbuild bundle (infra/bundling.ts) in a fresh node, median of ${runs}`);
  const cores = cpus().length;
  const busy = loadavg()[0]! > cores;
  console.log(`node ${process.version}, ${cores} cores, load average ${loadavg()[0]!.toFixed(2)}`);
  // Waiting for a core is not init: on a machine busier than its cores the target is read on CPU time.
  const judged = (result: Result) => (busy ? result.cpuMs : result.initMs);
  if (busy) console.log(`The machine is busier than its cores: wall times run high, so the ${MAX_INIT_MS} ms target is checked against each init's CPU time.`);
  console.log(
    `${'function'.padEnd(width)}  ${'init'.padStart(9)}  ${'×base'.padStart(5)}  ${'init CPU'.padStart(9)}  ${'×base'.padStart(5)}  ${'process'.padStart(8)}  ${'size'.padStart(9)}  largest parts`,
  );
  for (const result of results) {
    const parts = contributors(result.metafile)
      .slice(0, 3)
      .map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`)
      .join(', ');
    console.log(
      [
        result.name.padEnd(width),
        `${result.initMs.toFixed(1)} ms`.padStart(9),
        `${(result.initMs / baseline.initMs).toFixed(2)}`.padStart(5),
        `${result.cpuMs.toFixed(1)} ms`.padStart(9),
        `${(result.cpuMs / baseline.cpuMs).toFixed(2)}`.padStart(5),
        `${result.processMs.toFixed(0)} ms`.padStart(8),
        kb(result.bytes).padStart(9),
        parts,
        ...(judged(result) > MAX_INIT_MS && !results.slice(0, BASELINES.length).includes(result) ? [`  ← OVER ${MAX_INIT_MS} ms`] : []),
      ].join('  '),
    );
  }
  const over = measured.filter((result) => judged(result) > MAX_INIT_MS);
  const slowest = measured.reduce((a, b) => (judged(b) > judged(a) ? b : a));
  console.log(
    `×base is against ${baseline.name}. Slowest: ${slowest.name}, init ${slowest.initMs.toFixed(1)} ms, CPU ${slowest.cpuMs.toFixed(1)} ms (${(judged(slowest) / judged(baseline)).toFixed(2)}× the baseline).`,
  );
  console.log(
    over.length === 0
      ? `All ${measured.length} functions start in at most ${MAX_INIT_MS} ms.`
      : `${over.length} of ${measured.length} functions take over ${MAX_INIT_MS} ms to start: ${over.map((result) => result.name).join(', ')}.`,
  );
  if (over.length > 0) process.exitCode = 1;

  if (why) {
    const target = measured[0]!;
    console.log(`\nWhat ${target.name} is made of:`);
    for (const [pkg, bytes] of contributors(target.metafile).slice(0, 40)) console.log(`${kb(bytes).padStart(10)}  ${pkg}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

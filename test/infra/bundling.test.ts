// Proves the Lambda bundles are built one way for the stack and the benchmark, leave out what a function may not use, and still work: a bundle reads DynamoDB with the credentials Lambda puts in its environment.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { functions, queues } from '../../functions/manifest';
import { DynamoDbCatalogRepository } from '../../functions/catalog/catalog-repository';
import { demoCatalog } from '../../functions/catalog/seed-catalog';
import { esbuildOptionsFor, lambdaBundling, nodejsBundling } from '../../infra/bundling';
import { accessOf, type FunctionAccess } from '../../infra/function-access';
import * as shim from '../../infra/lambda-shims/credentials-from-environment';
import { createTestTable, type TestTable } from '../support/dynamodb';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);
const fn = (name: string) => functions.find((f) => f.name === name)!;
const readOnly: FunctionAccess = { table: 'read', sends: [], queueUrls: [], providerSecrets: false, settlementBucket: 'none' };

describe('bundling settings', () => {
  it('gives NodejsFunction and the benchmark the same esbuild settings', () => {
    const cdk = nodejsBundling(readOnly);
    const esbuild = esbuildOptionsFor('entry.ts', 'out.js', readOnly, ROOT);
    expect({ minify: cdk.minify, sourcemap: cdk.sourceMap, sourcesContent: cdk.sourcesContent, target: cdk.target, format: cdk.format, mainFields: cdk.mainFields, define: cdk.define }).toEqual({
      minify: esbuild.minify,
      sourcemap: esbuild.sourcemap,
      sourcesContent: esbuild.sourcesContent,
      target: esbuild.target,
      format: esbuild.format,
      mainFields: esbuild.mainFields,
      define: esbuild.define,
    });
    expect(cdk.esbuildArgs).toEqual({ '--alias': Object.entries(esbuild.alias!).map(([from, to]) => `${from}=${to}`) });
    expect(cdk.bundleAwsSDK).toBe(true);
  });

  it('leaves each client out unless the manifest gives the function what it serves: queue, table, settlement bucket', () => {
    const omitsBucket = { 'process.env.LAMBDA_BUNDLE_OMITS_BUCKET': '"true"' };
    expect(nodejsBundling(readOnly).define).toEqual({ 'process.env.LAMBDA_BUNDLE_OMITS_QUEUE': '"true"', ...omitsBucket });
    expect(nodejsBundling({ ...readOnly, table: 'none' }).define).toEqual({
      'process.env.LAMBDA_BUNDLE_OMITS_TABLE': '"true"',
      'process.env.LAMBDA_BUNDLE_OMITS_QUEUE': '"true"',
      ...omitsBucket,
    });
    expect(nodejsBundling({ ...readOnly, table: 'readWrite', sends: ['payment-events'], queueUrls: ['payment-events'] }).define).toEqual(omitsBucket);
    // A consumer sends nothing but may delay a retry on its own queue, so it keeps the client.
    expect(nodejsBundling({ ...readOnly, table: 'readWrite', queueUrls: ['settlement-uploads'], settlementBucket: 'read' }).define).toEqual({});
  });
});

describe('the Lambda credentials shim', () => {
  it('exports everything the SDK package it replaces exports', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const replaced = Object.keys(require('@aws-sdk/credential-provider-node') as object).filter((name) => name !== '__esModule');
    expect(Object.keys(shim).sort()).toEqual(expect.arrayContaining(replaced.sort()));
    expect(Object.keys(lambdaBundling.alias)).toEqual(['@aws-sdk/credential-provider-node']);
  });

  it('reads the role credentials Lambda puts in the environment, and says so when they are missing', async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
      await expect(shim.defaultProvider()()).resolves.toEqual({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
      delete process.env.AWS_ACCESS_KEY_ID;
      await expect(shim.defaultProvider()()).rejects.toBeInstanceOf(shim.MissingLambdaCredentialsError);
    } finally {
      process.env = saved;
    }
  });
});

describe('bundles as deployed', () => {
  const out = mkdtempSync(join(tmpdir(), 'bundles-'));
  let table: TestTable;

  async function bundle(name: string): Promise<{ file: string; packages: Set<string> }> {
    const definition = fn(name);
    const file = join(out, name, 'index.js');
    const result = await build(esbuildOptionsFor(join(ROOT, definition.entry), file, accessOf(definition, queues), ROOT));
    return { file, packages: packagesIn(result.metafile!) };
  }

  beforeAll(async () => {
    table = await createTestTable();
    await new DynamoDbCatalogRepository(table.doc, table.tableName, 0).save(demoCatalog());
  });
  afterAll(async () => {
    await table.drop();
    rmSync(out, { recursive: true, force: true });
  });

  it('leaves the SDK credential chain out of every bundle, and the SQS client out of functions that send nothing', async () => {
    const { packages } = await bundle('GetProcedure');
    expect(packages).toContain('@aws-sdk/client-dynamodb');
    for (const absent of ['@aws-sdk/client-sqs', '@aws-sdk/credential-provider-node', '@aws-sdk/credential-provider-ini', '@aws-sdk/nested-clients']) {
      expect([absent, packages.has(absent)]).toEqual([absent, false]);
    }
  });

  it('serves GET /v1/procedures/{code} from a bundle, signing with environment credentials as in Lambda', async () => {
    const { file } = await bundle('GetProcedure');
    const code = demoCatalog().procedures[0]!.code;

    const response = await invoke(file, { routeKey: 'GET /v1/procedures/{code}', pathParameters: { code } }, table);

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).code).toBe(code);
  });

  it('answers GET /health from a bundle with no table access and no credentials at all: it never builds a client', async () => {
    const { file } = await bundle('Health');

    const response = await invoke(file, { routeKey: 'GET /health' }, table, { withCredentials: false });

    expect([response.statusCode, JSON.parse(response.body)]).toEqual([200, { status: 'ok' }]);
  });
});

describe('reading a settlement file on a thread from a bundle', () => {
  const out = mkdtempSync(join(tmpdir(), 'thread-bundle-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is part of the reconciliation worker, whose bundle starts its thread from its own file', async () => {
    const worker = await build(esbuildOptionsFor(join(ROOT, fn('RunReconciliation').entry), join(out, 'run', 'index.js'), accessOf(fn('RunReconciliation'), queues), ROOT));
    expect(Object.keys(worker.metafile!.inputs)).toContain('functions/reconciliation/file-reader-thread.ts');

    // The same module bundled on its own, as minified CommonJS: the thread must find its code in the bundle.
    const file = join(out, 'reader', 'index.js');
    await build(esbuildOptionsFor(join(ROOT, 'functions/reconciliation/file-reader-thread.ts'), file, readOnly, ROOT));
    const script = `
      const { readSettlementFileInThread } = require(${JSON.stringify(file)});
      const rows = ['provider_txn_id,payment_id,amount,fee,status,paid_at'];
      for (let i = 0; i < 10000; i++) rows.push('MB' + (i % 9000) + ',PAY-' + i + ',1000,10,SUCCEEDED,2026-11-22T10:00:00+07:00');
      const chunks = [Buffer.from(rows.join('\\n') + '\\n')];
      (async () => {
        let count = 0, repeated = 0;
        for await (const block of readSettlementFileInThread(chunks, {})) {
          count += block.count;
          for (let r = 0; r < block.count; r++) repeated += block.repeated[r];
        }
        process.stdout.write(JSON.stringify({ count, repeated }));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const { stdout } = await run(process.execPath, ['-e', script], { env: { PATH: process.env.PATH } });
    expect(JSON.parse(stdout)).toEqual({ count: 10_000, repeated: 1_000 });
  });
});

describe('what a bundle leaves out', () => {
  const out = mkdtempSync(join(tmpdir(), 'omitted-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /** Bundles a probe that uses the composition root as a handler would, with the given access. */
  async function runProbe(access: FunctionAccess, use: string): Promise<string> {
    const file = join(out, `${access.table}-${access.sends.length}.js`);
    const options = esbuildOptionsFor('<stdin>', file, access, ROOT);
    await build({
      ...options,
      entryPoints: undefined,
      stdin: {
        contents: `import { getDependencies } from './functions/composition';
          getDependencies().then(async (deps) => { ${use} }).then(() => console.log('ok'), (e) => console.log(e.name + ': ' + e.message));`,
        loader: 'ts',
        resolveDir: ROOT,
      },
    });
    const env = { PATH: process.env.PATH, AWS_LAMBDA_FUNCTION_NAME: 'probe', TABLE_NAME: 'probe', AWS_REGION: 'ap-southeast-1', LOG_LEVEL: 'SILENT' };
    const { stdout } = await run(process.execPath, [file], { env });
    return stdout.trim();
  }

  it('fails loudly, naming the manifest, when a function uses a queue it was not given', async () => {
    await expect(runProbe(readOnly, "await deps.queue.send('payment-events', [{ body: '{}' }]);")).resolves.toMatch(
      /^AdapterNotBundledError: queue is not available to this function: give it access in functions\/manifest.ts/,
    );
  });

  it('still resolves the dependencies of a function without table access, and fails only when the table is used', async () => {
    const noTable: FunctionAccess = { ...readOnly, table: 'none' };
    await expect(runProbe(noTable, 'deps.clock.now(); deps.config.TABLE_NAME;')).resolves.toBe('ok');
    await expect(runProbe(noTable, 'deps.catalog.listProcedures();')).resolves.toMatch(/^AdapterNotBundledError: catalog is not available/);
  });
});

function packagesIn(metafile: Metafile): Set<string> {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
  return new Set(
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1])
      .filter((pkg): pkg is string => pkg !== undefined),
  );
}

/** Runs a bundle's handler in a fresh Node process with a Lambda-like environment: role credentials in variables, no DYNAMODB_ENDPOINT. */
async function invoke(
  file: string,
  event: { routeKey: string; pathParameters?: Record<string, string> },
  table: TestTable,
  options: { withCredentials: boolean } = { withCredentials: true },
) {
  const script = `
    const { handler } = require(${JSON.stringify(file)});
    const event = ${JSON.stringify({
      version: '2.0',
      routeKey: event.routeKey,
      rawPath: '/',
      headers: {},
      ...(event.pathParameters ? { pathParameters: event.pathParameters } : {}),
      requestContext: { requestId: 'bundle-test', http: { method: 'GET', path: '/' } },
      isBase64Encoded: false,
    })};
    handler(event, { awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 10000 })
      .then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });`;
  const { stdout } = await run(process.execPath, ['-e', script], {
    env: {
      PATH: process.env.PATH,
      AWS_LAMBDA_FUNCTION_NAME: 'bundle-test',
      AWS_REGION: 'ap-southeast-1',
      ...(options.withCredentials ? { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_SESSION_TOKEN: 'local' } : {}),
      // The SDK's own endpoint variable, so the client is built exactly as in Lambda and only its target differs.
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      TABLE_NAME: table.tableName,
      LOG_LEVEL: 'SILENT',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  return JSON.parse(stdout) as { statusCode: number; body: string };
}

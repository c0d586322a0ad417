// Proves the Lambda bundles are built one way for the stack and the benchmark, leave out what a function may not use, and still work: a bundle reads DynamoDB and S3 through the SDK clients with the credentials Lambda puts in its environment, and the browser-session authorizer verifies a token from its bundle.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { functions, queues } from '../../functions/manifest';
import { saveCatalog } from '../../functions/catalog/catalog-repository';
import { demoCatalog } from '../../functions/catalog/seed-catalog';
import { checkLoadsOnDemand, esbuildOptionsFor, nodejsBundling } from '../../infra/bundling';
import { DynamoDbReceiptRepository } from '../../functions/receipts/receipt-repository';
import { accessOf, type FunctionAccess } from '../../infra/function-access';
import { createTestTable, type TestTable } from '../support/dynamodb';
import { FakeS3 } from '../support/fake-s3';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);
const fn = (name: string) => functions.find((f) => f.name === name)!;
const readOnly: FunctionAccess = { table: 'read', sends: [], consumes: null, queueUrls: [], providerSecrets: false, settlementBucket: 'none', staffSignIn: false };

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
    // The one alias, pdfkit's CommonJS entry, reaches both; nothing replaces a part of the AWS SDK.
    expect([cdk.esbuildArgs, esbuild.alias]).toEqual([{ '--alias': ['pdfkit=./node_modules/pdfkit/js/pdfkit.js'] }, { pdfkit: './node_modules/pdfkit/js/pdfkit.js' }]);
    expect(cdk.bundleAwsSDK).toBe(true);
    expect([cdk.inject, esbuild.inject]).toEqual([['functions/observability/source-mapped-traces.ts'], ['functions/observability/source-mapped-traces.ts']]);
  });

  it('keeps a module loaded on demand out of the bundle the same way for NodejsFunction and the benchmark', () => {
    const receipt = fn('GetReceipt');
    const cdk = nodejsBundling(accessOf(receipt, queues), receipt);
    const esbuild = esbuildOptionsFor(receipt.entry, 'out.js', accessOf(receipt, queues), ROOT, receipt.loadsOnDemand);
    expect([cdk.externalModules, cdk.esbuildArgs?.['--supported:dynamic-import']]).toEqual([['./receipt-pdf'], 'false']);
    expect([esbuild.external, esbuild.supported]).toEqual([['./receipt-pdf'], { 'dynamic-import': false }]);
    expect(() => checkLoadsOnDemand(receipt.entry, ['functions/payments/payment-links.ts'])).toThrow(/same folder/);
  });

  it('leaves each client out unless the manifest gives the function what it serves: table, queues to send to or consume, settlement bucket, provider secrets', () => {
    const switches = (omitted: Record<'TABLE' | 'SENDS' | 'CONSUMES' | 'BUCKET' | 'SECRETS', boolean>) =>
      Object.fromEntries(Object.entries(omitted).map(([name, omits]) => [`process.env.LAMBDA_BUNDLE_OMITS_${name}`, `"${omits}"`]));
    expect(nodejsBundling(readOnly).define).toEqual(switches({ TABLE: false, SENDS: true, CONSUMES: true, BUCKET: true, SECRETS: true }));
    expect(nodejsBundling({ ...readOnly, table: 'none' }).define).toEqual(switches({ TABLE: true, SENDS: true, CONSUMES: true, BUCKET: true, SECRETS: true }));
    expect(nodejsBundling({ ...readOnly, table: 'readWrite', sends: ['payment-events'], queueUrls: ['payment-events'] }).define).toEqual(
      switches({ TABLE: false, SENDS: false, CONSUMES: true, BUCKET: true, SECRETS: true }),
    );
    expect(nodejsBundling({ ...readOnly, providerSecrets: true }).define).toEqual(switches({ TABLE: false, SENDS: true, CONSUMES: true, BUCKET: true, SECRETS: false }));
    // A consumer sends nothing but may delay a retry on its own queue (ChangeMessageVisibility).
    expect(nodejsBundling({ ...readOnly, table: 'readWrite', consumes: 'settlement-uploads', queueUrls: ['settlement-uploads'], settlementBucket: 'read' }).define).toEqual(
      switches({ TABLE: false, SENDS: true, CONSUMES: false, BUCKET: false, SECRETS: true }),
    );
  });
});

/** Where every function's bundle is built, once for the whole file: each block below reads the same builds. */
const deployedOut = mkdtempSync(join(tmpdir(), 'bundles-'));
afterAll(() => rmSync(deployedOut, { recursive: true, force: true }));

interface DeployedBundle {
  readonly file: string;
  readonly packages: Set<string>;
  /** Our own source files and the packages' files that put code into the bundle. */
  readonly inputs: string[];
}
const built = new Map<string, Promise<DeployedBundle>>();

/** A function's bundle as the stack builds it (infra/bundling.ts), built on first use. */
function bundle(name: string): Promise<DeployedBundle> {
  if (!built.has(name)) {
    const definition = fn(name);
    const file = join(deployedOut, name, 'index.js');
    built.set(
      name,
      build(esbuildOptionsFor(join(ROOT, definition.entry), file, accessOf(definition, queues), ROOT, definition.loadsOnDemand)).then((result) => {
        const output = Object.values(result.metafile!.outputs).find((o) => o.entryPoint)!;
        return { file, packages: packagesIn(result.metafile!), inputs: Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path) };
      }),
    );
  }
  return built.get(name)!;
}

describe('bundles as deployed', () => {
  const out = deployedOut;
  let table: TestTable;

  beforeAll(async () => {
    table = await createTestTable();
    await saveCatalog(table.doc, table.tableName, demoCatalog());
  });
  afterAll(() => table.drop());

  it('carries only the SDK clients a function uses: reading the catalog takes the DynamoDB client, no SQS or S3 client', async () => {
    const { packages } = await bundle('GetProcedure');
    expect(packages).toContain('@aws-sdk/client-dynamodb');
    for (const absent of ['@aws-sdk/client-sqs', '@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner']) {
      expect([absent, packages.has(absent)]).toEqual([absent, false]);
    }
  });

  it('carries the SQS client in functions that send to a queue or put off the messages of the one they consume, and in no other', async () => {
    const withClient = new Map(await Promise.all(functions.map(async (definition) => [definition.name, (await bundle(definition.name)).packages.has('@aws-sdk/client-sqs')] as const)));

    const queueless = functions.filter((definition) => (definition.sends ?? []).length === 0 && !definition.consumes).map((definition) => definition.name);
    const senders = functions.filter((definition) => (definition.sends ?? []).length > 0).map((definition) => definition.name);
    expect(queueless.filter((name) => withClient.get(name))).toEqual([]);
    expect(senders.filter((name) => !withClient.get(name))).toEqual([]);
    expect([withClient.get('NotifyPortal'), withClient.get('RunReconciliation')]).toEqual([true, true]);
    expect(queueless.length).toBeGreaterThan(0);
    // The first test to build every function's bundle; on a busy machine that takes minutes.
  }, 300_000);

  it('serves GET /v1/procedures/{code} from a bundle, signing with environment credentials as in Lambda', async () => {
    const { file } = await bundle('GetProcedure');
    const code = demoCatalog().procedures[0]!.code;

    const response = await invoke(file, { routeKey: 'GET /v1/procedures/{code}', pathParameters: { code } }, table);

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).code).toBe(code);
  });

  it('draws a receipt PDF from the GetReceipt asset, loading pdfkit from a file of its own beside index.js, with the fonts the asset carries, in Vietnamese', async () => {
    const definition = fn('GetReceipt');
    const { file, packages } = await bundle('GetReceipt');
    // The page and the JSON never load pdfkit: index.js does not carry it.
    expect(['pdfkit', 'fontkit'].filter((pkg) => packages.has(pkg))).toEqual([]);
    // What NodejsFunction's afterBundling hook does in the asset directory: the fonts, and receipt-pdf.js.
    for (const command of nodejsBundling(accessOf(definition, queues), definition).commandHooks!.afterBundling(ROOT, join(out, 'GetReceipt'))) await run('sh', ['-c', command]);
    expect(statSync(join(out, 'GetReceipt', 'receipt-pdf.js')).size).toBeGreaterThan(0);
    const issued = await new DynamoDbReceiptRepository(table.doc, table.tableName).issue({
      templateCode: '01BLP0-001',
      series: 'TP-26E',
      issuedAt: '2026-06-02T09:00:00+07:00',
      collector: { name: 'Sở Tư pháp', taxCode: '3600251418' },
      payer: { name: 'Đặng Thị Ánh' },
      paymentId: 'pay_bundle',
      agencyCode: 'STP',
      dossierId: 'HS-BUNDLE',
      procedureCode: 'LLTP-CAP',
      lines: [{ feeCode: 'P-LLTP', name: 'Phí cung cấp thông tin lý lịch tư pháp', kind: 'PHI', amount: 52_000 }],
      amount: 52_000,
      amountInWords: 'Năm mươi hai nghìn đồng',
    });
    const token = issued.kind === 'NOT_ELIGIBLE' ? '' : issued.receipt.linkToken;

    const response = await invoke(file, { routeKey: 'GET /receipts/{token}', pathParameters: { token: `${token}.pdf` } }, table);

    expect([response.statusCode, response.headers['content-type'], response.isBase64Encoded]).toEqual([200, 'application/pdf', true]);
    const pdf = Buffer.from(response.body, 'base64').toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans-Bold/);
  });

  it('maps a stack trace from a bundle to the TypeScript line when it is formatted, with no Node flag', async () => {
    const file = join(out, 'traces', 'index.js');
    await build({
      ...esbuildOptionsFor('<stdin>', file, readOnly, ROOT),
      entryPoints: undefined,
      stdin: { contents: `\n\nexport function refuse(): never {\n  throw new Error('refused');\n}`, loader: 'ts', resolveDir: ROOT, sourcefile: 'functions/refusal.ts' },
    });

    const { stdout } = await run(process.execPath, ['-e', `try { require(${JSON.stringify(file)}).refuse(); } catch (e) { process.stdout.write(e.stack); }`], { env: { PATH: process.env.PATH } });

    // The TypeScript file and line (names stay minified, as with Node's own flag).
    expect(stdout).toMatch(/\(.*functions\/refusal\.ts:4:\d+\)/);
  });

  it('answers GET /health from a bundle with no table access and no credentials at all: it never builds a client', async () => {
    const { file } = await bundle('Health');

    const response = await invoke(file, { routeKey: 'GET /health' }, table, { withCredentials: false });

    expect([response.statusCode, JSON.parse(response.body)]).toEqual([200, { status: 'ok' }]);
  });

  it('serves the API document and the reference assets from the ApiDocs bundle, with its bundleFiles copied next to it as the stack copies them', async () => {
    const definition = fn('ApiDocs');
    const { file } = await bundle('ApiDocs');
    const lambdaDir = join(out, 'ApiDocs');
    // What nodejsBundling's afterBundling hook runs in the asset directory.
    const commands = nodejsBundling(accessOf(definition, queues), definition).commandHooks!.afterBundling(ROOT, lambdaDir);
    await Promise.all(commands.map((command) => run('sh', ['-c', command])));

    const document = await invoke(file, { routeKey: 'GET /openapi.json' }, table, { withCredentials: false });
    const styles = await invoke(file, { routeKey: 'GET /docs/assets/{file}', pathParameters: { file: 'swagger-ui.css' } }, table, { withCredentials: false });

    expect([document.statusCode, JSON.parse(document.body).openapi]).toEqual([200, '3.1.0']);
    expect(styles.statusCode).toBe(200);
    expect(styles.body).toBe(readFileSync(join(lambdaDir, 'swagger-ui.css'), 'utf8'));
    expect(statSync(join(lambdaDir, 'swagger-ui-bundle.js')).size).toBe(statSync(join(ROOT, 'node_modules/swagger-ui-dist/swagger-ui-bundle.js')).size);
  });
});

describe('the settlement bucket from a bundle', () => {
  const out = mkdtempSync(join(tmpdir(), 's3-bundle-'));
  const s3 = new FakeS3('fee-payments-dev-settlements');
  beforeAll(() => s3.start());
  afterAll(async () => {
    await s3.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('carries the S3 client and presigner, and not the local directory store, in the functions that use the bucket', async () => {
    for (const name of ['UploadSettlementFile', 'CreateSettlementUploadUrl', 'AcceptSettlementUpload', 'RunReconciliation']) {
      const { packages, inputs } = await bundle(name);
      expect([name, packages.has('@aws-sdk/client-s3'), packages.has('@aws-sdk/s3-request-presigner')]).toEqual([name, true, true]);
      expect([name, inputs.includes('functions/adapters/s3/s3-settlement-file-store.ts'), inputs.includes('functions/adapters/filesystem/filesystem-settlement-file-store.ts')]).toEqual([name, true, false]);
    }
  });

  it('writes and reads a file signed with the credentials Lambda puts in the environment', async () => {
    const file = join(out, 'probe.js');
    await build({
      ...esbuildOptionsFor('<stdin>', file, readOnly, ROOT),
      entryPoints: undefined,
      stdin: {
        contents: `import { S3SettlementFileStore } from './functions/adapters/s3/s3-settlement-file-store';
          const store = new S3SettlementFileStore({ bucket: 'fee-payments-dev-settlements', region: 'ap-southeast-1', endpoint: process.env.FAKE_S3 });
          (async () => {
            const ref = await store.put('settlements/a.csv', new TextEncoder().encode('a,b\\n'), { contentType: 'text/csv' });
            let text = '';
            for await (const chunk of await store.read(ref)) text += Buffer.from(chunk).toString('utf8');
            console.log(JSON.stringify({ text, head: await store.head(ref) }));
          })().catch((e) => { console.error(e); process.exit(1); });`,
        loader: 'ts',
        resolveDir: ROOT,
      },
    });
    const env = { PATH: process.env.PATH, FAKE_S3: s3.endpoint, AWS_ACCESS_KEY_ID: 'ASIAROLEKEY', AWS_SECRET_ACCESS_KEY: 'role-secret', AWS_SESSION_TOKEN: 'role-token' };

    const { stdout } = await run(process.execPath, [file], { env });

    const versionId = s3.versionsOf('settlements/a.csv')[0]!.versionId;
    expect(JSON.parse(stdout)).toEqual({ text: 'a,b\n', head: { key: 'settlements/a.csv', sizeBytes: 4, versionId } });
    for (const request of s3.requests) {
      expect(request.headers).toMatchObject({ authorization: expect.stringMatching(/^AWS4-HMAC-SHA256 Credential=ASIAROLEKEY\//), 'x-amz-security-token': 'role-token' });
    }
  });
});

describe('what a bundle leaves out', () => {
  const out = mkdtempSync(join(tmpdir(), 'omitted-'));
  let probes = 0;
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /** Bundles a probe that resolves dependencies from the composition root as a handler would, with the given access. */
  async function runProbe(access: FunctionAccess, uses: string, use: string, extraEnv: Record<string, string> = {}): Promise<{ output: string; packages: Set<string>; inputs: string[] }> {
    const file = join(out, `probe-${++probes}.js`);
    const options = esbuildOptionsFor('<stdin>', file, access, ROOT);
    const result = await build({
      ...options,
      entryPoints: undefined,
      stdin: {
        contents: `import { getDependencies, ${uses} } from './functions/composition';
          getDependencies([${uses}]).then(async (deps) => { ${use} }).then(() => console.log('ok'), (e) => console.log(e.name + ': ' + e.message));`,
        loader: 'ts',
        resolveDir: ROOT,
      },
    });
    const env = { PATH: process.env.PATH, AWS_LAMBDA_FUNCTION_NAME: 'probe', TABLE_NAME: 'probe', AWS_REGION: 'ap-southeast-1', LOG_LEVEL: 'SILENT', ...extraEnv };
    const { stdout } = await run(process.execPath, [file], { env });
    const output = Object.values(result.metafile!.outputs).find((o) => o.entryPoint)!;
    return { output: stdout.trim(), packages: packagesIn(result.metafile!), inputs: Object.keys(output.inputs).filter((input) => output.inputs[input]!.bytesInOutput > 0) };
  }

  it('bundles only the adapters a function lists: reading payments carries no S3, SQS or Secrets Manager client', async () => {
    const { packages } = await runProbe({ ...readOnly, settlementBucket: 'readWrite', sends: ['payment-events'], queueUrls: ['payment-events'] }, 'payments, clock', 'deps.clock.now();');
    expect(packages).toContain('@aws-sdk/client-dynamodb');
    for (const absent of ['@aws-sdk/client-s3', '@aws-sdk/client-sqs', '@aws-sdk/client-secrets-manager', 'decimal.js']) {
      expect([absent, packages.has(absent)]).toEqual([absent, false]);
    }
  });

  it('bundles the provider secrets reader only for functions the manifest gives the secrets, and no Secrets Manager client for any', async () => {
    const reader = 'functions/adapters/secrets/provider-secrets.ts';
    const withSecrets = await runProbe({ ...readOnly, providerSecrets: true }, 'config', 'deps.config.TABLE_NAME;');
    const without = await runProbe(readOnly, 'config', 'deps.config.TABLE_NAME;');
    expect([withSecrets.inputs.includes(reader), without.inputs.includes(reader)]).toEqual([true, false]);
    expect([withSecrets.packages.has('@aws-sdk/client-secrets-manager'), without.packages.has('@aws-sdk/client-secrets-manager')]).toEqual([false, false]);
  });

  it('completes the configuration of a function given the secrets from the Parameters and Secrets extension, as in Lambda', async () => {
    const requests: { url?: string; token?: string | string[] }[] = [];
    const extension = createServer((request, response) => {
      requests.push({ url: request.url, token: request.headers['x-aws-parameters-secrets-token'] });
      const secret = { mockBankSecrets: ['bank-secret-from-extension-01'], mockPortalSecrets: ['portal-secret-from-extension-01'], portalWebhookSecret: 'webhook-secret-from-extension' };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ SecretString: JSON.stringify(secret) }));
    });
    await new Promise<void>((resolve) => extension.listen(0, 'localhost', resolve));
    try {
      const env = {
        PROVIDER_SECRETS_ARN: 'arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:provider-secrets-AbCdEf',
        AWS_SESSION_TOKEN: 'role-session-token',
        PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String((extension.address() as AddressInfo).port),
      };
      const { output } = await runProbe({ ...readOnly, providerSecrets: true }, 'config', 'console.log(deps.config.MOCK_BANK_SECRET, deps.config.PORTAL_WEBHOOK_SECRET);', env);

      expect(output).toBe('bank-secret-from-extension-01 webhook-secret-from-extension\nok');
      expect(requests).toEqual([{ url: `/secretsmanager/get?secretId=${encodeURIComponent(env.PROVIDER_SECRETS_ARN)}`, token: 'role-session-token' }]);
    } finally {
      await new Promise((resolve) => extension.close(resolve));
    }
  });

  it('fails loudly, naming the manifest, when a function uses a queue it was not given', async () => {
    const { output, packages } = await runProbe(readOnly, 'queue', "await deps.queue.send('payment-events', [{ body: '{}' }]);");
    expect(output).toMatch(/^AdapterNotBundledError: queue is not available to this function: give it sends \(a queue\) in functions\/manifest.ts/);
    expect(packages.has('@aws-sdk/client-sqs')).toBe(false);
  });

  it('refuses to send from a function that only consumes, and to put off messages in one that only sends', async () => {
    const consumer: FunctionAccess = { ...readOnly, table: 'readWrite', consumes: 'payment-events', queueUrls: ['payment-events'] };
    const sender: FunctionAccess = { ...readOnly, table: 'readWrite', sends: ['payment-events'], queueUrls: ['payment-events'] };

    const sending = await runProbe(consumer, 'queue', "await deps.queue.send('payment-events', [{ body: '{}' }]);");
    const puttingOff = await runProbe(sender, 'messageRetries', "await deps.messageRetries.retryLater('payment-events', 'receipt', 5);");

    expect(sending.output).toMatch(/^AdapterNotBundledError: queue is not available to this function: give it sends \(a queue\)/);
    expect(sending.packages.has('@aws-sdk/client-sqs')).toBe(false);
    expect(puttingOff.output).toMatch(/^AdapterNotBundledError: messageRetries is not available to this function: give it consumes \(a queue\)/);
  });

  it('resolves what a function without table access uses, and refuses a table-backed dependency by name', async () => {
    const noTable: FunctionAccess = { ...readOnly, table: 'none' };
    await expect(runProbe(noTable, 'clock, config', 'deps.clock.now(); deps.config.TABLE_NAME;')).resolves.toMatchObject({ output: 'ok' });
    await expect(runProbe(noTable, 'catalog', 'await deps.catalog.listProcedures();')).resolves.toMatchObject({
      output: expect.stringMatching(/^AdapterNotBundledError: catalog is not available to this function \(it needs dynamoDb\): give it tableAccess in functions\/manifest.ts/),
    });
  });
});

describe('every function as deployed', () => {
  /** What a bundle keeps only when its handler lists a dependency the manifest does not grant: the refusal naming the field. */
  const refusals = ['tableAccess', 'sends (a queue)', 'consumes (a queue)', 'needs: settlementBucket'];
  const probeText = async (contents: string, access: FunctionAccess) => {
    const options = esbuildOptionsFor('<stdin>', join(tmpdir(), 'unused.js'), access, ROOT);
    const result = await build({ ...options, entryPoints: undefined, stdin: { contents, loader: 'ts', resolveDir: ROOT }, write: false, sourcemap: false });
    return result.outputFiles[0]!.text;
  };

  it('keeps the refusals in a bundle that lists what it was not given (the check below can see them)', async () => {
    const nothing: FunctionAccess = { table: 'none', sends: [], consumes: null, queueUrls: [], providerSecrets: false, settlementBucket: 'none', staffSignIn: false };
    const text = await probeText(`import { getDependencies, catalog, queue, messageRetries, settlementFiles } from './functions/composition'; export const handler = () => getDependencies([catalog, queue, messageRetries, settlementFiles]);`, nothing);
    expect(refusals.filter((refusal) => !text.includes(refusal))).toEqual([]);
  });

  it('lists in each handler only dependencies its manifest entry grants', async () => {
    const listed = await Promise.all(
      functions.map(async (definition) => {
        // The very bundles the blocks above run (built once for the file).
        const text = readFileSync((await bundle(definition.name)).file, 'utf8');
        return { function: definition.name, refused: refusals.filter((refusal) => text.includes(refusal)) };
      }),
    );
    expect(listed.filter((bundle) => bundle.refused.length > 0)).toEqual([]);
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
  return JSON.parse(stdout) as { statusCode: number; body: string; headers: Record<string, string>; isBase64Encoded?: boolean };
}

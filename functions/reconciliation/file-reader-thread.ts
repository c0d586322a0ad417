import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { InternalTransactionCsvParser } from '../../domain/reconciliation/internal-transaction-csv-parser';
import { InternalTransactionBatch } from '../../domain/reconciliation/internal-transaction';
import { SettlementFileError } from '../../domain/reconciliation/reconciliation-error';
import { BLOCK_ROWS, BlockWriter, type RowBlock } from '../../domain/reconciliation/row-blocks';
import { SettlementFileReader, type SettlementFileReaderOptions } from '../../domain/reconciliation/settlement-file-reader';
import { SettlementRowBatch } from '../../domain/reconciliation/settlement-row';
import { fileChunks } from '../adapters/filesystem/file-chunks';

/**
 * Reads a reconciliation input file on a worker thread and hands its rows to the matching engine as
 * blocks: the settlement file (SettlementFileReader: parse, validate, mark repeated provider_txn_ids)
 * or internal transactions as CSV. A run then reads the file while the engine takes in the day's
 * transactions, on a second processor when there is one.
 *
 * The bytes come from the caller's chunks (an object store's stream: the thread asks for one chunk at
 * a time) or, for a local file, straight from disk in the thread. Memory stays bounded: the thread
 * stops reading while {@link ThreadReaderOptions.blocksAhead} blocks wait for the engine. Blocks move
 * between threads without copying (their buffers are transferred).
 *
 * The thread runs this very module: in a Lambda bundle `__filename` is the bundle itself, and when
 * run from the TypeScript sources (the local stack, tests, benchmarks) the thread gets tsx's loader.
 */

const ROLE = 'reconciliation-file-reader';
/**
 * The engine takes in the day's transactions before it asks for the first row, so the thread gets
 * furthest when it may read far ahead: by default up to 256 blocks (about a million rows, 140 MB),
 * enough to have read a whole day's file by then.
 */
const DEFAULT_BLOCKS_AHEAD = 256;

export interface ThreadReaderOptions {
  /** Blocks (of BLOCK_ROWS rows, about 0.55 MB each) read ahead of the engine. */
  readonly blocksAhead?: number;
  /**
   * The thread starts at once but begins reading only when this settles: after another thread has
   * read the day's transactions, say, so that two readers never compete with the engine at once.
   * Given another reading of this module, it begins the moment that thread has read its input: the
   * threads tell each other directly, where that thread's word would reach the engine's thread only
   * once the engine had used up the blocks already waiting for it (a few hundred milliseconds later).
   */
  readonly startAfter?: Promise<unknown> | ThreadReading<unknown>;
}

/** Rows being read on a thread, block by block. */
export interface ThreadReading<T> extends AsyncIterable<T> {
  /** Settles when the thread has read its whole input (or stopped). */
  readonly finished: Promise<void>;
  /** Shared memory the thread sets to 1 once it has read its input (or stopped): see startAfter. */
  readonly finishedFlag: Int32Array;
}

/**
 * The caller's chunks (a stream: an fs.ReadStream too, though it has a `path`), or a file on this
 * machine that the thread opens and reads itself.
 */
export type FileSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | { readonly localFile: string };

/** Whether a second thread can run beside this one. */
export function hasSpareProcessor(): boolean {
  return availableParallelism() > 1;
}

type ToThread =
  | { readonly type: 'start' }
  | { readonly type: 'chunk'; readonly chunk: Uint8Array }
  | { readonly type: 'end' }
  | { readonly type: 'consumed' };

type FromThread =
  | { readonly type: 'next-chunk' }
  | { readonly type: 'block'; readonly block: TransferredBlock }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly error: { readonly line?: number; readonly field?: string; readonly detail?: string; readonly message: string } };

/** A block as structured clone carries it: its own fields (typed arrays, transferred), no methods. */
type TransferredBlock = Record<string, unknown>;

type FileKind = 'settlement' | 'internal-transactions';

interface ThreadData {
  readonly role: typeof ROLE;
  readonly kind: FileKind;
  readonly options: SettlementFileReaderOptions;
  readonly blocksAhead: number;
  readonly path?: string;
  readonly deferred: boolean;
  /** The thread sets this to 1 when it stops reading. */
  readonly finishedFlag: Int32Array;
  /** The flag of the reading this one starts after, when that is a thread of this module. */
  readonly startAfterFlag?: Int32Array;
}

/**
 * Reads a settlement file on a thread, with the engine's `settlementFileOptions`. Starts at once;
 * iterate the result exactly once, to the end or until an error (breaking off stops the thread too).
 */
export function readSettlementFileInThread(
  source: FileSource,
  options: SettlementFileReaderOptions,
  threadOptions: ThreadReaderOptions = {},
): ThreadReading<SettlementRowBatch> {
  return startThread(source, 'settlement', options, threadOptions, SettlementRowBatch.prototype);
}

/** Reads internal transactions in CSV on a thread; as {@link readSettlementFileInThread}. */
export function readInternalTransactionsInThread(
  source: FileSource,
  threadOptions: ThreadReaderOptions = {},
): ThreadReading<InternalTransactionBatch> {
  return startThread(source, 'internal-transactions', {}, threadOptions, InternalTransactionBatch.prototype);
}

function startThread<T extends RowBlock<T>>(
  source: FileSource,
  kind: FileKind,
  options: SettlementFileReaderOptions,
  threadOptions: ThreadReaderOptions,
  prototype: T,
): ThreadReading<T> {
  const startAfter = threadOptions.startAfter;
  const data: ThreadData = {
    role: ROLE,
    kind,
    options,
    blocksAhead: threadOptions.blocksAhead ?? DEFAULT_BLOCKS_AHEAD,
    ...('localFile' in source ? { path: source.localFile } : {}),
    deferred: startAfter !== undefined,
    // A SharedArrayBuffer travels to the thread shared, not copied.
    finishedFlag: new Int32Array(new SharedArrayBuffer(4)),
    ...(startAfter !== undefined && 'finishedFlag' in startAfter ? { startAfterFlag: startAfter.finishedFlag } : {}),
  };
  // Started now, not when the engine first asks: reading ahead while the engine is busy is the point.
  const reader = new ThreadReader<T>('localFile' in source ? null : source, data, prototype);
  const start = () => reader.start();
  // Also for a reading of this module: its thread may stop without setting its flag (terminated).
  const after = startAfter === undefined ? undefined : 'finishedFlag' in startAfter ? startAfter.finished : startAfter;
  after?.then(start, start);
  return { [Symbol.asyncIterator]: () => reader, finished: reader.finished, finishedFlag: data.finishedFlag };
}

class ThreadReader<T extends object> implements AsyncIterator<T> {
  private readonly worker: Worker;
  private readonly input: AsyncIterator<Uint8Array> | Iterator<Uint8Array> | null;
  private readonly blocks: T[] = [];
  private failure: Error | null = null;
  private done = false;
  private waiting: (() => void) | null = null;
  private handedOut = false;
  private sending: Promise<void> = Promise.resolve();
  private finish: () => void = () => {};
  readonly finished = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> | null,
    data: ThreadData,
    private readonly prototype: T,
  ) {
    this.input = chunks === null ? null : Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]();
    const workerOptions = { workerData: data };
    // From the sources the thread needs tsx's loader, found from this file (the project's devDependency).
    const source = JSON.stringify(__filename);
    this.worker = __filename.endsWith('.ts')
      ? new Worker(`const load = require('node:module').createRequire(${source}); load('tsx/cjs'); load(${source});`, { ...workerOptions, eval: true })
      : new Worker(__filename, workerOptions);
    this.worker.on('message', (message: FromThread) => this.receive(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.done) this.fail(new Error(`the reconciliation file reader thread stopped (exit code ${code})`));
    });
  }

  start(): void {
    if (!this.done) this.worker.postMessage({ type: 'start' } satisfies ToThread);
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.handedOut) this.worker.postMessage({ type: 'consumed' } satisfies ToThread);
    while (this.blocks.length === 0 && !this.done && this.failure === null) {
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    if (this.failure !== null) {
      await this.stop();
      throw this.failure;
    }
    const block = this.blocks.shift();
    this.handedOut = block !== undefined;
    if (block === undefined) {
      await this.stop();
      return { done: true, value: undefined };
    }
    return { done: false, value: block };
  }

  async return(): Promise<IteratorResult<T>> {
    await this.stop();
    return { done: true, value: undefined };
  }

  private receive(message: FromThread): void {
    if (message.type === 'next-chunk') this.sending = this.sending.then(() => this.sendChunk());
    else if (message.type === 'block') this.blocks.push(Object.assign(Object.create(this.prototype) as T, message.block) as T);
    else if (message.type === 'done') {
      this.done = true;
      this.finish();
    }
    else {
      const { line, field, detail, message: text } = message.error;
      this.fail(line !== undefined && field !== undefined && detail !== undefined ? new SettlementFileError(line, field, detail) : new Error(text));
    }
    this.wake();
  }

  private async sendChunk(): Promise<void> {
    try {
      const next = await this.input!.next();
      if (this.failure !== null || this.done) return;
      if (next.done) {
        this.worker.postMessage({ type: 'end' } satisfies ToThread);
        return;
      }
      // A copy of just the chunk's bytes, moved: a stream's chunk may be a view of a larger buffer.
      const chunk = new Uint8Array(next.value);
      this.worker.postMessage({ type: 'chunk', chunk } satisfies ToThread, [chunk.buffer]);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.finish();
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  private async stop(): Promise<void> {
    this.done = true;
    this.finish();
    await this.worker.terminate();
    await this.input?.return?.();
  }
}

/** The thread's side: reads the bytes, sends blocks, and pauses while enough blocks wait. */
async function serveReader(port: MessagePort, data: ThreadData): Promise<void> {
  const send = (message: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const fromCaller: Exclude<ToThread, { type: 'consumed' | 'start' }>[] = [];
  let waitingBlocks = 0;
  let started = !data.deferred;
  let wake: (() => void) | null = null;
  port.on('message', (message: ToThread) => {
    if (message.type === 'consumed') waitingBlocks--;
    else if (message.type === 'start') started = true;
    else fromCaller.push(message);
    wake?.();
  });
  const until = async (ready: () => boolean) => {
    while (!ready()) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  };
  if (data.startAfterFlag !== undefined) {
    const begin = () => {
      started = true;
      wake?.();
    };
    const waiting = Atomics.waitAsync(data.startAfterFlag, 0, 0);
    if (waiting.async) void waiting.value.then(begin);
    else begin();
  }
  async function* askCaller(): AsyncGenerator<Uint8Array> {
    send({ type: 'next-chunk' });
    for (;;) {
      await until(() => fromCaller.length > 0);
      const message = fromCaller.shift()!;
      if (message.type === 'end') return;
      send({ type: 'next-chunk' }); // the next one travels while this one is parsed
      yield message.chunk;
    }
  }

  // Tells a reader waiting on this one (startAfter) at once, before the engine hears of it.
  const raiseFinishedFlag = () => {
    Atomics.store(data.finishedFlag, 0, 1);
    Atomics.notify(data.finishedFlag, 0);
  };
  const sendBlock = (block: RowBlock<unknown>) => {
    waitingBlocks++;
    send({ type: 'block', block: { ...block } }, block.arrays().map((array) => array.buffer as ArrayBuffer));
  };
  const reader = data.kind === 'settlement' ? new SettlementFileReader(sendBlock, { ...data.options, mode: 'copy' }) : internalTransactionReader(sendBlock);
  try {
    await until(() => started);
    // The readers copy each chunk's rows into blocks, so a local file is read into one reused buffer.
    const chunks = data.path !== undefined ? fileChunks(data.path) : askCaller();
    for await (const chunk of chunks) {
      reader.push(chunk as Uint8Array);
      await until(() => waitingBlocks < data.blocksAhead);
    }
    reader.finish();
    raiseFinishedFlag();
    send({ type: 'done' });
  } catch (error) {
    raiseFinishedFlag();
    const known = error instanceof SettlementFileError ? { line: error.line, field: error.field, detail: error.detail } : {};
    send({ type: 'error', error: { ...known, message: error instanceof Error ? error.message : String(error) } });
  }
  port.close();
}

function internalTransactionReader(emit: (block: InternalTransactionBatch) => void): { push(chunk: Uint8Array): void; finish(): void } {
  const blocks = new BlockWriter(() => new InternalTransactionBatch(BLOCK_ROWS), emit);
  const parser = new InternalTransactionCsvParser((batch) => blocks.append(batch));
  return {
    push: (chunk) => parser.push(chunk),
    finish: () => {
      parser.finish();
      blocks.flush();
    },
  };
}

if (!isMainThread && (workerData as Partial<ThreadData> | null)?.role === ROLE) void serveReader(parentPort!, workerData as ThreadData);

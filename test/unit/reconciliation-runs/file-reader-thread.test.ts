// Proves that reading the reconciliation files on worker threads gives the engine exactly what reading them in line gives, errors included, with bounded read-ahead.
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Discrepancy } from '../../../domain/reconciliation/discrepancy';
import { reconcile, settlementFileOptions, type ReconciliationInput } from '../../../domain/reconciliation/matching-engine';
import { SettlementFileError } from '../../../domain/reconciliation/reconciliation-error';
import { readInternalTransactionsInThread, readSettlementFileInThread } from '../../../functions/reconciliation/file-reader-thread';
import { BENCH_BUSINESS_DATE, BENCH_WINDOW_MS, generateBenchData } from '../../../bench/reconcile-data';
import { aRow, aSettlementFile, bytes, chunksAt } from '../reconciliation/builders';

/** Cuts a file into chunks of an awkward size, as a stream might deliver it. */
function inChunks(data: Uint8Array, size: number): Uint8Array[] {
  return chunksAt(data, Array.from({ length: Math.ceil(data.length / size) }, (_, i) => (i + 1) * size));
}

async function reconcileWith(input: Omit<ReconciliationInput, 'onDiscrepancies'>) {
  const discrepancies: Discrepancy[] = [];
  const result = await reconcile({ ...input, onDiscrepancies: (batch) => void discrepancies.push(...batch) });
  return { ...result, discrepancies };
}

describe('reading reconciliation files on threads', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'reader-thread-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same summary and discrepancies as reading in line, with a read-ahead of two blocks', async () => {
    const files = generateBenchData(join(dir, 'day'), 20_000, 11);
    const internal = readFileSync(files.internalCsv);
    const settlement = readFileSync(files.settlementCsv);
    const base = { businessDate: BENCH_BUSINESS_DATE, pendingNextDayWindowMs: BENCH_WINDOW_MS };

    const inLine = await reconcileWith({
      ...base,
      internalTransactions: { format: 'csv', chunks: inChunks(internal, 65_537) },
      settlementFile: inChunks(settlement, 65_537),
    });
    const threaded = await reconcileWith({
      ...base,
      // One file read by the thread itself, the other sent to it in chunks.
      internalTransactions: { format: 'rows', batches: readInternalTransactionsInThread({ localFile: files.internalCsv }, { blocksAhead: 2 }) },
      settlementFile: { format: 'rows', batches: readSettlementFileInThread(inChunks(settlement, 77_777), settlementFileOptions(base), { blocksAhead: 2 }) },
    });

    expect(threaded.summary).toEqual(inLine.summary);
    expect(threaded.discrepancies).toEqual(inLine.discrepancies);
    expect(inLine.summary.rows).toBeGreaterThan(19_000);
    expect(Object.values(inLine.summary.discrepancies).every((count) => count > 0)).toBe(true);
  });

  it('refuses a malformed file with the line and field the in-line reader names', async () => {
    const rows = Array.from({ length: 9_000 }, (_, i) => aRow({ providerTxnId: `MB${i}`, paymentId: `PAY-${i}` }));
    rows[8_500] = aRow({ providerTxnId: 'MB-bad', amount: '12.5' });
    const file = bytes(aSettlementFile(rows));
    const reading = readSettlementFileInThread(inChunks(file, 10_000), {});
    const error = await (async () => {
      for await (const block of reading) expect(block.count).toBeGreaterThan(0);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SettlementFileError);
    expect(error).toMatchObject({ line: 8_502, field: 'amount' });
  });

  it('stops reading its source when the engine breaks off', async () => {
    let closed = false;
    let chunksRead = 0;
    const file = bytes(aSettlementFile(Array.from({ length: 50_000 }, (_, i) => aRow({ providerTxnId: `MB${i}`, paymentId: `PAY-${i}` }))));
    function* source() {
      try {
        for (const chunk of inChunks(file, 4_096)) {
          chunksRead++;
          yield chunk;
        }
      } finally {
        closed = true;
      }
    }
    const reading = readSettlementFileInThread(source(), {}, { blocksAhead: 1 });
    for await (const block of reading) {
      expect(block.count).toBeGreaterThan(0);
      break;
    }
    expect(closed).toBe(true);
    expect(chunksRead).toBeLessThan(inChunks(file, 4_096).length);
  });

  it('is stopped by a run that fails before it reads the file', async () => {
    let closed = false;
    const chunks = [bytes(aSettlementFile([aRow()]))];
    const source: Iterable<Uint8Array> = {
      [Symbol.iterator]: () => ({
        next: () => (chunks.length > 0 ? { done: false, value: chunks.shift()! } : { done: true, value: undefined }),
        return: () => {
          closed = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const listedTwice = { paymentId: 'PAY-1', dossierId: 'D1', amount: 1_000, status: 'PENDING' as const };
    await expect(reconcile({
      businessDate: BENCH_BUSINESS_DATE,
      internalTransactions: { format: 'records', records: [listedTwice, listedTwice] },
      settlementFile: { format: 'rows', batches: readSettlementFileInThread(source, {}) },
    })).rejects.toMatchObject({ position: 2, field: 'paymentId' });
    expect(closed).toBe(true);
  });

  it('waits for startAfter before it reads, and says when it has read everything', async () => {
    let chunksRead = 0;
    const chunks = inChunks(bytes(aSettlementFile(Array.from({ length: 3_000 }, (_, i) => aRow({ providerTxnId: `MB${i}` })))), 8_192);
    function* source() {
      for (const chunk of chunks) {
        chunksRead++;
        yield chunk;
      }
    }
    let go: () => void = () => {};
    const reading = readSettlementFileInThread(source(), {}, { startAfter: new Promise<void>((resolve) => (go = resolve)) });
    let finished = false;
    void reading.finished.then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([chunksRead, finished]).toEqual([0, false]);

    go();
    let rows = 0;
    for await (const block of reading) rows += block.count;
    await reading.finished;
    expect([rows, finished, chunksRead]).toEqual([3_000, true, chunks.length]);
  });

  it('starts after another reading the moment that thread has read its input, while the engine is still busy', async () => {
    const files = generateBenchData(join(dir, 'after'), 5_000, 3);
    const internal = readInternalTransactionsInThread({ localFile: files.internalCsv });
    const settlement = readSettlementFileInThread({ localFile: files.settlementCsv }, {}, { startAfter: internal });
    expect([internal.finishedFlag[0], settlement.finishedFlag[0]]).toEqual([0, 0]);

    // The engine's thread busy for a while without once taking a message: the two threads still go
    // one after the other, the second told by the first, not by the engine.
    const busyUntil = Date.now() + 10_000;
    while (settlement.finishedFlag[0] === 0 && Date.now() < busyUntil) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    expect([internal.finishedFlag[0], settlement.finishedFlag[0]]).toEqual([1, 1]);

    const rowsOf = async (reading: AsyncIterable<{ count: number }>) => {
      let rows = 0;
      for await (const block of reading) rows += block.count;
      return rows;
    };
    const linesAfterHeader = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').length - 1;
    expect(await rowsOf(settlement)).toBe(linesAfterHeader(files.settlementCsv));
    expect(await rowsOf(internal)).toBe(linesAfterHeader(files.internalCsv));
  });

  it('starts after another reading that failed, and after one that was stopped', async () => {
    const broken = readSettlementFileInThread([bytes('provider_txn_id,payment_id\n')], {});
    const afterBroken = readSettlementFileInThread([bytes(aSettlementFile([aRow()]))], {}, { startAfter: broken });
    await expect(broken[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(SettlementFileError);
    let rows = 0;
    for await (const block of afterBroken) rows += block.count;
    expect(rows).toBe(1);

    const never = readSettlementFileInThread([bytes(aSettlementFile([aRow()]))], {}, { startAfter: new Promise(() => undefined) });
    const afterStopped = readSettlementFileInThread([bytes(aSettlementFile([aRow(), aRow({ providerTxnId: 'MB2' })]))], {}, { startAfter: never });
    await never[Symbol.asyncIterator]().return!();
    rows = 0;
    for await (const block of afterStopped) rows += block.count;
    expect(rows).toBe(2);
  });

  it('reads a file stream handed to it as chunks, to its end', async () => {
    const path = join(dir, 'streamed.csv');
    writeFileSync(path, aSettlementFile(Array.from({ length: 2_000 }, (_, i) => aRow({ providerTxnId: `MB${i}` }))));
    const stream = createReadStream(path, { highWaterMark: 4_096 });
    let rows = 0;
    for await (const block of readSettlementFileInThread(stream, {})) rows += block.count;
    expect([rows, stream.bytesRead, stream.destroyed]).toEqual([2_000, statSync(path).size, true]);
  });

  it('passes on the error of a file it cannot read', async () => {
    const reading = readInternalTransactionsInThread({ localFile: join(dir, 'no-such-file.csv') });
    await expect((async () => {
      for await (const block of reading) expect(block).toBeUndefined();
    })()).rejects.toThrow(/ENOENT/);
  });

  it('passes on the error of its source', async () => {
    async function* failing() {
      yield bytes(aSettlementFile([aRow()]));
      throw new Error('the object store went away');
    }
    const reading = readSettlementFileInThread(failing(), {});
    await expect((async () => {
      for await (const block of reading) expect(block.count).toBe(1);
    })()).rejects.toThrow('the object store went away');
  });
});

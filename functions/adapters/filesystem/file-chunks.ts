import { closeSync, openSync, readSync } from 'node:fs';

/**
 * A local file's bytes in chunks read into one reused buffer: each chunk is valid only until the next
 * one is asked for. For readers that copy what they keep, as the reconciliation parsers do. An fs
 * stream allocates a fresh buffer per chunk, and every 4 KB of fresh memory costs the process a page
 * fault: reading a day's two files that way faults about 50,000 times, a tenth of a reconciliation
 * run's CPU time on the development machine.
 *
 * Reads are synchronous: this is for a thread that does nothing but read (the reconciliation file
 * reader thread) and for the benchmark's single-threaded run.
 */
export function* fileChunks(path: string, chunkBytes = 1 << 20): Generator<Uint8Array, void, undefined> {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(chunkBytes);
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
  }
}

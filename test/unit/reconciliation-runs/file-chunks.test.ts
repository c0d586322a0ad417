// Proves a local file is read whole and in order through the one reused buffer, and that the file is closed however the reading ends.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileChunks } from '../../../functions/adapters/filesystem/file-chunks';

const openFiles = () => readdirSync('/proc/self/fd').length;

describe('fileChunks', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'file-chunks-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('yields the bytes in order, each chunk at most the buffer size, reusing one buffer', () => {
    const path = join(dir, 'f.csv');
    const content = Buffer.from(Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join(''));
    writeFileSync(path, content);
    const copies: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for (const chunk of fileChunks(path, 1024)) {
      expect(chunk.length).toBeLessThanOrEqual(1024);
      buffers.add(chunk.buffer);
      copies.push(Buffer.from(chunk));
    }
    expect(Buffer.concat(copies).equals(content)).toBe(true);
    expect(copies.length).toBe(Math.ceil(content.length / 1024));
    expect(buffers.size).toBe(1);
  });

  it('yields nothing for an empty file', () => {
    const path = join(dir, 'empty.csv');
    writeFileSync(path, '');
    expect([...fileChunks(path)]).toEqual([]);
  });

  it('closes the file when the reader stops early', () => {
    const path = join(dir, 'f.csv');
    writeFileSync(path, 'x'.repeat(10_000));
    const before = openFiles();
    for (const chunk of fileChunks(path, 100)) {
      expect(openFiles()).toBe(before + 1);
      if (chunk.length > 0) break;
    }
    expect(openFiles()).toBe(before);
  });

  it('fails with the file system error for a missing file', () => {
    expect(() => [...fileChunks(join(dir, 'missing.csv'))]).toThrow(/ENOENT/);
  });
});

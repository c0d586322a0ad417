// Proves the identifier hash table behaves as an exact set of byte strings, whichever key form (compact or arena) an id takes.
import fc from 'fast-check';
import { ByteKeyTable, KeyBatch } from '../../../domain/reconciliation/byte-key-table';
import { bytes } from './builders';

describe('ByteKeyTable', () => {
  it('gives each distinct id one dense index and finds it again', () => {
    const table = new ByteKeyTable(4);
    const ids = ['PAY-20261122-00000001', 'MB2026112200000001', '123', 'A01', 'A1', '0', '', 'uuid-5f0c2a7e', 'Hải Phòng-7', 'x'.repeat(128)];
    ids.forEach((id, i) => {
      expect(table.insertText(id)).toBe(i);
      expect(table.inserted).toBe(true);
    });
    ids.forEach((id, i) => {
      expect(table.insertText(id)).toBe(i);
      expect(table.inserted).toBe(false);
      expect(table.findText(id)).toBe(i);
      expect(table.keyText(i)).toBe(id);
    });
    expect(table.findText('A001')).toBe(-1);
    expect(table.findText('PAY-20261122-00000002')).toBe(-1);
  });

  it('keeps ids of more shapes than it interns exact, through growth', () => {
    const table = new ByteKeyTable(16);
    const ids = Array.from({ length: 5000 }, (_, i) => `AG${i % 200}-${String(i).padStart(6, '0')}`);
    ids.forEach((id) => table.insertText(id));
    expect(table.size).toBe(5000);
    ids.forEach((id, i) => expect(table.findText(id)).toBe(i));
    expect(table.findText('AG199-999999')).toBe(-1);
    expect(table.findText('AG999-000001')).toBe(-1);
  });

  it('answers batch look-ups like single ones', () => {
    const table = new ByteKeyTable();
    ['K-1', 'K-2', 'odd'].forEach((id) => table.insertText(id));
    const text = 'K-2,odd,K-3,K-1';
    const buf = bytes(text);
    const starts = Int32Array.of(0, 4, 8, 12);
    const ends = Int32Array.of(3, 7, 11, 15);
    const keys = new KeyBatch(4);
    table.prepare(buf, starts, ends, 0, 4, keys, false);
    expect([0, 1, 2, 3].map((i) => table.findPrepared(keys, i, buf, starts[i]!, ends[i]!))).toEqual([1, 2, -1, 0]);
  });

  it('orders keys by their bytes', () => {
    const table = new ByteKeyTable();
    ['B-2', 'B-10', 'a'].forEach((id) => table.insertText(id));
    expect(table.compareKeys(0, 1)).toBeGreaterThan(0); // "B-2" > "B-10" byte-wise
    expect(table.compareKeys(2, 0)).toBeGreaterThan(0);
  });

  it('agrees with a Map on any sequence of ids', () => {
    const id = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.tuple(fc.constantFrom('P-', 'MB', '', 'x.y-'), fc.nat(), fc.nat({ max: 12 })).map(([p, n, pad]) => `${p}${String(n).padStart(pad, '0')}`),
      fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), (ids) => {
        const table = new ByteKeyTable(2);
        const map = new Map<string, number>();
        for (const key of ids) {
          const index = table.insertText(key);
          if (!map.has(key)) map.set(key, map.size);
          expect(index).toBe(map.get(key));
        }
        for (const [key, index] of map) {
          expect(table.findText(key)).toBe(index);
          expect(table.keyText(index)).toBe(key);
        }
        expect(table.size).toBe(map.size);
      }),
      { numRuns: 200 },
    );
  });
});

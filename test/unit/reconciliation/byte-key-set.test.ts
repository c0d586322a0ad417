// Proves the set of ids that finds a file's repeated provider_txn_ids is an exact set of byte strings, in batches, through growth.
import fc from 'fast-check';
import { ByteKeySet } from '../../../domain/reconciliation/byte-key-set';

/** Adds ids one batch at a time, as the settlement reader does; answers which were there already. */
function addAll(set: ByteKeySet, ids: readonly string[], batchSize: number): boolean[] {
  const encoder = new TextEncoder();
  const parts = ids.map((id) => encoder.encode(id));
  const buf = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  const starts = new Int32Array(ids.length);
  const ends = new Int32Array(ids.length);
  let at = 0;
  parts.forEach((part, i) => {
    buf.set(part, at);
    starts[i] = at;
    at += part.length;
    ends[i] = at;
  });
  const seen: boolean[] = [];
  for (let from = 0; from < ids.length; from += batchSize) {
    const to = Math.min(ids.length, from + batchSize);
    set.prepare(buf, starts, ends, from, to);
    for (let i = from; i < to; i++) seen.push(set.addPrepared(i - from, buf, starts[i]!, ends[i]!));
  }
  return seen;
}

describe('ByteKeySet', () => {
  it('says whether the same bytes came before: case, leading zeros and text beyond ASCII count', () => {
    const set = new ByteKeySet(4, 8);
    const ids = ['MB000001', 'mb000001', 'A01', 'A1', '', 'Hải Phòng-7', 'x'.repeat(255), 'MB000001', 'A1', 'Hải Phòng-7', ''];
    expect(addAll(set, ids, 8)).toEqual([false, false, false, false, false, false, false, true, true, true, true]);
    expect(set.size).toBe(7);
  });

  it('stays exact past the size it was given, and within one batch', () => {
    const set = new ByteKeySet(16, 512);
    const ids = Array.from({ length: 20_000 }, (_, i) => `MB${String(i % 15_000).padStart(12, '0')}`);
    const seen = addAll(set, ids, 512);
    expect(seen.slice(0, 15_000).every((repeat) => !repeat)).toBe(true);
    expect(seen.slice(15_000).every((repeat) => repeat)).toBe(true);
    expect(set.size).toBe(15_000);
    expect(addAll(set, ['MB000000014999', 'MB000000015000'], 512)).toEqual([true, false]);
  });

  it('agrees with a Set of strings on any sequence of ids', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (ids, batchSize) => {
        const expected = new Set<string>();
        const answers = ids.map((id) => {
          const repeat = expected.has(id);
          expected.add(id);
          return repeat;
        });
        expect(addAll(new ByteKeySet(4, batchSize), ids, batchSize)).toEqual(answers);
      }),
    );
  });

  it('refuses an id longer than 255 bytes', () => {
    expect(() => addAll(new ByteKeySet(), ['x'.repeat(256)], 1)).toThrow(RangeError);
  });
});

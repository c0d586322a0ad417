// Proves the byte arena keeps ids exactly: what is appended reads back as the same text, and two ids compare equal only when every byte agrees, whatever their length.
import fc from 'fast-check';
import { ByteArena } from '../../../domain/reconciliation/byte-arena';
import { bytes } from './builders';

describe('ByteArena', () => {
  it('reads back every id as appended and compares ids byte for byte', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 30 }), fc.string({ maxLength: 40 }), (ids, probe) => {
        const arena = new ByteArena(16);
        const offsets = ids.map((id) => {
          const buf = bytes(`#${id}#`);
          return arena.append(buf, 1, buf.length - 1);
        });
        const probeBytes = bytes(probe);
        ids.forEach((id, i) => {
          expect(arena.text(offsets[i]!)).toBe(id);
          expect(arena.equals(offsets[i]!, probeBytes, 0, probeBytes.length)).toBe(id === probe);
          expect(arena.same(offsets[i]!, offsets[0]!)).toBe(id === ids[0]);
        });
      }),
    );
  });

  it('tells apart ids that differ in one byte anywhere, or in length only', () => {
    const arena = new ByteArena(16);
    const id = 'pay_01M7ZGRTJPFAP22CEKGXB';
    const at = arena.append(bytes(id), 0, id.length);
    for (let i = 0; i < id.length; i++) {
      const other = bytes(id);
      other[i] = other[i]! + 1;
      expect(arena.equals(at, other, 0, other.length)).toBe(false);
    }
    expect(arena.equals(at, bytes(`${id}0`), 0, id.length + 1)).toBe(false);
    expect(arena.equals(at, bytes(id), 0, id.length - 1)).toBe(false);
    expect(arena.equals(at, bytes(id), 0, id.length)).toBe(true);
  });

  it('refuses an id longer than its length byte can say', () => {
    expect(() => new ByteArena().append(new Uint8Array(256), 0, 256)).toThrow(RangeError);
  });
});

/**
 * Identifiers kept as bytes, back to back in one growing buffer, each after a length byte: how the
 * key tables and the dossier log keep a million ids without a string each. An id is known by its
 * offset; ids are only ever appended.
 */
export class ByteArena {
  /** The bytes; replaced when the arena grows, so read it afresh after an append. */
  bytes: Uint8Array;
  private length = 0;
  private readonly decoder = new TextDecoder();

  constructor(initialBytes = 1 << 16) {
    this.bytes = new Uint8Array(initialBytes);
  }

  /** Appends `buf[start, end)` (at most 255 bytes); returns its offset. */
  append(buf: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length > 255) throw new RangeError('identifier longer than 255 bytes');
    const offset = this.length;
    if (offset + 1 + length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, offset + 1 + length));
      grown.set(this.bytes.subarray(0, offset));
      this.bytes = grown;
    }
    const bytes = this.bytes;
    bytes[offset] = length;
    // Four bytes a round: an id is some twenty bytes, too short for set() and a subarray to pay off,
    // and a byte a round spends as much on the loop as on the copy.
    const to = offset + 1 - start;
    let i = start;
    for (const last = end - 3; i < last; i += 4) {
      bytes[to + i] = buf[i]!;
      bytes[to + i + 1] = buf[i + 1]!;
      bytes[to + i + 2] = buf[i + 2]!;
      bytes[to + i + 3] = buf[i + 3]!;
    }
    for (; i < end; i++) bytes[to + i] = buf[i]!;
    this.length = offset + 1 + length;
    return offset;
  }

  /** Whether the id at `offset` is `buf[start, end)`, byte for byte. */
  equals(offset: number, buf: Uint8Array, start: number, end: number): boolean {
    const bytes = this.bytes;
    if (bytes[offset] !== end - start) return false;
    // Four bytes a round, as append() copies them.
    const at = offset + 1 - start;
    let i = start;
    for (const last = end - 3; i < last; i += 4) {
      if ((bytes[at + i]! ^ buf[i]!) | (bytes[at + i + 1]! ^ buf[i + 1]!) | (bytes[at + i + 2]! ^ buf[i + 2]!) | (bytes[at + i + 3]! ^ buf[i + 3]!)) return false;
    }
    for (; i < end; i++) if (bytes[at + i] !== buf[i]) return false;
    return true;
  }

  /** Whether the ids at two offsets are the same bytes. */
  same(a: number, b: number): boolean {
    const bytes = this.bytes;
    const length = bytes[a]!;
    if (bytes[b] !== length) return false;
    for (let i = 1; i <= length; i++) if (bytes[a + i] !== bytes[b + i]) return false;
    return true;
  }

  text(offset: number): string {
    return this.decoder.decode(this.bytes.subarray(offset + 1, offset + 1 + this.bytes[offset]!));
  }
}

/** The hash the key tables place an id by: FNV-1a over its bytes, then mixed so its low bits vary. */
export function hashIdBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 16_777_619);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

import * as arenas from './byte-arena';
import { ByteArena } from './byte-arena';

// Bound locally: CommonJS output (jest, tsx) reads imported functions through getters.
const hashIdBytes = arenas.hashIdBytes;

/**
 * A hash set of identifiers (payment ids, provider transaction ids) keyed by their UTF-8 bytes, that hands out dense entry indexes (0, 1, 2, …) so that callers keep per-entry data in typed
 * arrays instead of objects. It exists because a `Map<string, …>` of a million ids costs a string and
 * a map entry each (about 100 bytes) and a string per lookup; here a lookup reads bytes in place.
 *
 * Compact keys: an id that ends in digits (`PAY-20261122-00012345`, `MB000123456789`, `123456`) is
 * stored as its shape — the bytes before its last (4 to 15) digits, at most 16 of them, and the digit
 * count, interned once per table (at most 64 shapes) — and those digits as one exact float64 integer,
 * whatever the id's length. Any other id (a UUID, a code with letters at the end) is kept byte for
 * byte in an arena, the slot holding its hash. Both forms compare exactly; the shape
 * includes the digit count, so `A01` and `A1` stay different ids.
 *
 * Open addressing with linear probing. A slot is 16 bytes — the key's value (or, for an arena key,
 * its hash) as a float64, the entry index + 1 (0 = empty) and the shape as int32s — so that a lookup
 * costs one cache miss, not one per array. The table is kept at most 3/4 full: about 30 bytes per
 * compact key in all.
 */
const MAX_SHAPES = 64;
const SHAPE_SLOTS = 256;
const MAX_PREFIX_BYTES = 16;
// A tail of fewer digits is a coincidence of a random id (`pay_…K7`), not a number worth a shape.
const MIN_DIGITS = 4;
const MAX_DIGITS = 15;
const TWO_POW_32 = 4_294_967_296;
const RUN_BITS = 4;
const RUN = 1 << RUN_BITS;

/** Encoded keys of one batch (see {@link ByteKeyTable.prepare}); shape -1 = absent for sure. */
export class KeyBatch {
  readonly shapes: Int32Array;
  readonly values: Float64Array;
  readonly hashes: Int32Array;

  constructor(capacity: number) {
    this.shapes = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
    this.hashes = new Int32Array(capacity);
  }
}

export class ByteKeyTable {
  /** Number of distinct keys. */
  size = 0;
  /** Whether the last {@link insert} added a new key. */
  inserted = false;

  // Slot i: slotValues[2i] = a compact key's value, or for an arena key slotInts[4i] = its hash and
  // slotInts[4i + 1] = its arena offset (so that comparing it reads the slot and the arena, nothing
  // else); slotInts[4i + 2] = entry index + 1; slotInts[4i + 3] = shape.
  private slotValues: Float64Array;
  private slotInts: Int32Array;
  private mask: number;
  private growAt: number;
  // Per entry, for keyText(): the shape and the value (or arena offset).
  private entryShapes: Uint16Array;
  private entryValues: Float64Array;
  private readonly arena: ByteArena;

  private readonly shapePrefixes: Uint8Array[] = [];
  private readonly shapeDigits: number[] = [];
  private readonly shapeTexts: string[] = [];
  private lastShape = -1;
  private readonly shapeSlots = new Int32Array(SHAPE_SLOTS);
  private shapeHash = 0;

  // Result of the last encode(): the key's shape (0 = arena bytes), value (hash for arena keys), slot.
  private keyShape = 0;
  private keyValue = 0;
  private keyHash = 0;
  private emptySlot = 0;

  private readonly encoder = new TextEncoder();
  private scratch = new Uint8Array(256);

  constructor(expectedKeys = 1024) {
    const capacity = Math.max(16, expectedKeys);
    let slotCount = 64;
    while (slotCount * 0.75 < capacity) slotCount *= 2;
    const slots = new ArrayBuffer(slotCount * 16);
    this.slotValues = new Float64Array(slots);
    this.slotInts = new Int32Array(slots);
    this.mask = slotCount - 1;
    this.growAt = slotCount * 0.75;
    // Per-entry arrays with half again as much room as expected: memory nobody writes to is never
    // handed to the process, and growing copies the arrays and faults their pages in twice.
    this.entryShapes = new Uint16Array(Math.ceil(capacity * 1.5));
    this.entryValues = new Float64Array(Math.ceil(capacity * 1.5));
    // Room for ids of some 30 bytes, which costs nothing when the ids are compact, for the same reason.
    this.arena = new ByteArena(Math.max(1 << 16, capacity * 32));
  }

  /** The entry index of the key in `buf[start, end)`, adding it when absent (see {@link inserted}). */
  insert(buf: Uint8Array, start: number, end: number): number {
    this.encode(buf, start, end, true);
    return this.insertEncoded(buf, start, end);
  }

  /**
   * Encodes keys `from` to `to` of a batch (`buf[starts[i], ends[i])`) into `keys`, then reads the slot of each
   * one. Those reads are independent, so the processor overlaps their cache (and TLB) misses; the
   * probes that follow ({@link insertPrepared}, {@link findPrepared}) then mostly hit the cache. With
   * a million keys a lone probe costs a full memory round trip, several times the cost of the rest of
   * a row's work.
   */
  prepare(buf: Uint8Array, starts: Int32Array, ends: Int32Array, from: number, to: number, keys: KeyBatch, forInsert: boolean): void {
    const { shapes, values, hashes } = keys;
    for (let i = from; i < to; i++) {
      if (this.encode(buf, starts[i]!, ends[i]!, forInsert)) {
        shapes[i] = this.keyShape;
        values[i] = this.keyValue;
        hashes[i] = this.keyHash;
      } else {
        shapes[i] = -1;
      }
    }
    // The reads are tight loops of their own: the processor then has many of them in flight at once,
    // where one read per round of hashing would leave it a single miss to wait on at a time.
    const ints = this.slotInts;
    const mask = this.mask;
    let touched = 0;
    for (let i = from; i < to; i++) touched += ints[(hashes[i]! & mask) * 4 + 2]!;
    // A key that is found is compared byte for byte with the arena's copy: touch that too.
    const arena = this.arena.bytes;
    for (let i = from; i < to; i++) {
      const at = (hashes[i]! & mask) * 4;
      if (ints[at + 2] !== 0 && shapes[i] === 0) touched += arena[ints[at + 1]!]!;
    }
    this.touched = touched;
  }

  /** {@link insert} for key `i` of a batch made by {@link prepare} (for insert) from the same bytes. */
  insertPrepared(keys: KeyBatch, i: number, buf: Uint8Array, start: number, end: number): number {
    this.keyShape = keys.shapes[i]!;
    this.keyValue = keys.values[i]!;
    this.keyHash = keys.hashes[i]!;
    return this.insertEncoded(buf, start, end);
  }

  /** {@link find} for key `i` of a batch made by {@link prepare} from the same bytes. */
  findPrepared(keys: KeyBatch, i: number, buf: Uint8Array, start: number, end: number): number {
    const shape = keys.shapes[i]!;
    if (shape < 0) return -1;
    this.keyShape = shape;
    this.keyValue = keys.values[i]!;
    this.keyHash = keys.hashes[i]!;
    return this.probe(buf, start, end);
  }

  /** Keeps the touching reads of {@link prepare} from being optimised away. */
  touched = 0;

  private insertEncoded(buf: Uint8Array, start: number, end: number): number {
    const found = this.probe(buf, start, end);
    if (found >= 0) {
      this.inserted = false;
      return found;
    }
    const index = this.size;
    if (index === this.entryShapes.length) this.growEntries();
    const shape = this.keyShape;
    this.entryShapes[index] = shape;
    const slot = this.emptySlot;
    if (shape !== 0) {
      this.entryValues[index] = this.keyValue;
      this.slotValues[slot * 2] = this.keyValue;
    } else {
      const offset = this.arena.append(buf, start, end);
      this.entryValues[index] = offset;
      this.slotInts[slot * 4] = this.keyHash;
      this.slotInts[slot * 4 + 1] = offset;
    }
    this.slotInts[slot * 4 + 2] = index + 1;
    this.slotInts[slot * 4 + 3] = shape;
    this.size = index + 1;
    if (this.size > this.growAt) this.rehash();
    this.inserted = true;
    return index;
  }

  /** The entry index of the key in `buf[start, end)`, or -1. */
  find(buf: Uint8Array, start: number, end: number): number {
    if (!this.encode(buf, start, end, false)) return -1;
    return this.probe(buf, start, end);
  }

  insertText(text: string): number {
    const length = this.encodeText(text);
    return this.insert(this.scratch, 0, length);
  }

  findText(text: string): number {
    const length = this.encodeText(text);
    return this.find(this.scratch, 0, length);
  }

  /** The key of an entry as text. */
  keyText(index: number): string {
    const shape = this.entryShapes[index]!;
    const value = this.entryValues[index]!;
    if (shape !== 0) {
      const digits = String(value);
      return this.shapeTexts[shape - 1]! + digits.padStart(this.shapeDigits[shape - 1]!, '0');
    }
    return this.arena.text(value);
  }

  /** Orders two entries by the bytes of their keys, as SQL orders VARCHAR. */
  compareKeys(a: number, b: number): number {
    const left = this.encoder.encode(this.keyText(a));
    const right = this.encoder.encode(this.keyText(b));
    const length = Math.min(left.length, right.length);
    for (let i = 0; i < length; i++) if (left[i] !== right[i]) return left[i]! - right[i]!;
    return left.length - right.length;
  }

  /** Looks the encoded key up; returns its index, or -1 leaving {@link emptySlot} where it would go. */
  private probe(buf: Uint8Array, start: number, end: number): number {
    const values = this.slotValues;
    const ints = this.slotInts;
    const mask = this.mask;
    const value = this.keyValue;
    const shape = this.keyShape;
    const hash = this.keyHash;
    let slot = hash & mask;
    for (;;) {
      const entry = ints[slot * 4 + 2]!;
      if (entry === 0) {
        this.emptySlot = slot;
        return -1;
      }
      if (ints[slot * 4 + 3] === shape) {
        if (shape !== 0 ? values[slot * 2] === value : ints[slot * 4] === hash && this.arena.equals(ints[slot * 4 + 1]!, buf, start, end)) {
          return entry - 1;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Computes shape, value and hash of a key. Returns false only for a lookup whose compact shape was
   * never interned while interning was still possible: such a key was never inserted.
   */
  private encode(buf: Uint8Array, start: number, end: number, intern: boolean): boolean {
    let q = end;
    while (q > start) {
      const d = buf[q - 1]! - 48;
      if (d < 0 || d > 9) break;
      q--;
    }
    // The value is the last (at most 15) digits; longer digit runs leave their head in the prefix.
    if (end - q > MAX_DIGITS) q = end - MAX_DIGITS;
    const digits = end - q;
    if (digits >= MIN_DIGITS && q - start <= MAX_PREFIX_BYTES) {
      let shape = this.findShape(buf, start, q, digits);
      if (shape < 0 && this.shapePrefixes.length < MAX_SHAPES) {
        if (!intern) return false;
        shape = this.addShape(buf, start, q, digits);
      }
      if (shape >= 0) {
        let value = 0;
        for (let i = q; i < end; i++) value = value * 10 + (buf[i]! - 48);
        this.keyShape = shape + 1;
        this.keyValue = value;
        this.keyHash = hashNumber(value, shape + 1);
        return true;
      }
    }
    const h = hashIdBytes(buf, start, end);
    this.keyShape = 0;
    this.keyValue = h;
    this.keyHash = h;
    return true;
  }

  /** Finds an interned shape through a small open-addressing table keyed by a hash of the prefix. */
  private findShape(buf: Uint8Array, start: number, end: number, digits: number): number {
    const last = this.lastShape;
    if (last >= 0 && this.shapeMatches(last, buf, start, end, digits)) return last;
    let h = Math.imul(digits, 0x9e3779b1);
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 16_777_619);
    this.shapeHash = h;
    const mask = SHAPE_SLOTS - 1;
    for (let slot = (h ^ (h >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.shapeSlots[slot]!;
      if (entry === 0) return -1;
      if (this.shapeMatches(entry - 1, buf, start, end, digits)) {
        this.lastShape = entry - 1;
        return entry - 1;
      }
    }
  }

  private shapeMatches(shape: number, buf: Uint8Array, start: number, end: number, digits: number): boolean {
    if (this.shapeDigits[shape] !== digits) return false;
    const prefix = this.shapePrefixes[shape]!;
    if (prefix.length !== end - start) return false;
    for (let i = 0; i < prefix.length; i++) if (prefix[i] !== buf[start + i]) return false;
    return true;
  }

  /** Interns a shape; {@link findShape} has just failed on it and left its hash in shapeHash. */
  private addShape(buf: Uint8Array, start: number, end: number, digits: number): number {
    const shape = this.shapePrefixes.length;
    const prefix = buf.slice(start, end);
    this.shapePrefixes.push(prefix);
    this.shapeDigits.push(digits);
    this.shapeTexts.push(new TextDecoder().decode(prefix));
    const h = this.shapeHash;
    const mask = SHAPE_SLOTS - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    while (this.shapeSlots[slot] !== 0) slot = (slot + 1) & mask;
    this.shapeSlots[slot] = shape + 1;
    this.lastShape = shape;
    return shape;
  }

  private growEntries(): void {
    const capacity = this.entryShapes.length * 2;
    const shapes = new Uint16Array(capacity);
    shapes.set(this.entryShapes);
    this.entryShapes = shapes;
    const values = new Float64Array(capacity);
    values.set(this.entryValues);
    this.entryValues = values;
  }

  private rehash(): void {
    const oldValues = this.slotValues;
    const oldInts = this.slotInts;
    const slotCount = (this.mask + 1) * 2;
    const slots = new ArrayBuffer(slotCount * 16);
    const values = new Float64Array(slots);
    const ints = new Int32Array(slots);
    const mask = slotCount - 1;
    for (let old = 0; old <= this.mask; old++) {
      const entry = oldInts[old * 4 + 2]!;
      if (entry === 0) continue;
      const value = oldValues[old * 2]!;
      const shape = oldInts[old * 4 + 3]!;
      let slot = (shape !== 0 ? hashNumber(value, shape) : oldInts[old * 4]!) & mask;
      while (ints[slot * 4 + 2] !== 0) slot = (slot + 1) & mask;
      values[slot * 2] = value; // for an arena key, its hash and offset
      ints[slot * 4 + 2] = entry;
      ints[slot * 4 + 3] = shape;
    }
    this.slotValues = values;
    this.slotInts = ints;
    this.mask = mask;
    this.growAt = slotCount * 0.75;
  }

  private encodeText(text: string): number {
    if (text.length * 3 > this.scratch.length) this.scratch = new Uint8Array(text.length * 3);
    return this.encoder.encodeInto(text, this.scratch).written;
  }
}

/**
 * Hashes a compact key (an integer below 2^53 and its shape) to 32 bits. Runs of RUN consecutive
 * values map to consecutive slots and the runs themselves are scattered (murmur3's finaliser): ids
 * issued in sequence — bank transaction numbers, dated payment sequences — are then inserted and
 * looked up in a nearly sequential sweep of the table, one page walk per run instead of one per key
 * (with a million keys the TLB, not the cache, is what a random probe waits on). Other keys are no
 * worse off than with a plain mix.
 */
function hashNumber(value: number, shape: number): number {
  const run = Math.floor(value / RUN);
  const lo = run >>> 0;
  const hi = (run / TWO_POW_32) | 0;
  let h = Math.imul(lo ^ Math.imul(hi ^ shape, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h << RUN_BITS) | (value - run * RUN);
}

import * as arenas from './byte-arena';
import { ByteArena } from './byte-arena';

// Bound locally: CommonJS output (jest, tsx) reads imported functions through getters.
const hashIdBytes = arenas.hashIdBytes;

/**
 * A set of identifiers by their UTF-8 bytes, for one question asked of every row of a file: did an
 * earlier row have these bytes? (a repeated provider_txn_id, RULES.md rule 1). ByteKeyTable answers
 * it too, but also keeps each key's text and a dense index; this set keeps only what the question
 * needs — a slot of 8 bytes (the key's hash and where its bytes are) and the bytes themselves,
 * appended — so that a day's million ids take half the memory, and so half the page faults and cache
 * misses, of the table.
 *
 * Open addressing with linear probing, at most half full. Keys are compared byte for byte whenever
 * their 32-bit hashes agree. Like ByteKeyTable, {@link prepare} reads a batch's slots in one tight loop
 * first, so that the memory waits of a batch overlap.
 */
export class ByteKeySet {
  size = 0;
  // Slot i: slots[2i] = hash, slots[2i + 1] = arena offset + 1 (0 = empty).
  private slots: Int32Array;
  private mask: number;
  private readonly arena: ByteArena;
  private readonly hashes: Int32Array;
  /** Keeps the reads of {@link prepare} from being optimised away. */
  touched = 0;

  constructor(expectedKeys = 1024, batchSize = 512) {
    let slotCount = 64;
    while (slotCount < expectedKeys * 2) slotCount *= 2;
    this.slots = new Int32Array(slotCount * 2);
    this.mask = slotCount - 1;
    this.arena = new ByteArena(Math.max(1 << 16, expectedKeys * 16));
    this.hashes = new Int32Array(batchSize);
  }

  /**
   * Hashes keys `from` to `to` of a batch (`buf[starts[i], ends[i])`) and reads their slots; then
   * {@link addPrepared} asks about them, in order, mostly from the cache.
   */
  prepare(buf: Uint8Array, starts: Int32Array, ends: Int32Array, from: number, to: number): void {
    const hashes = this.hashes;
    for (let i = from; i < to; i++) {
      hashes[i - from] = hashIdBytes(buf, starts[i]!, ends[i]!);
    }
    const slots = this.slots;
    const mask = this.mask;
    let touched = 0;
    for (let i = 0; i < to - from; i++) touched += slots[(hashes[i]! & mask) * 2]!;
    this.touched = touched;
  }

  /** Whether key `i` of the prepared batch (`from` + its position) was in the set; adds it if not. */
  addPrepared(i: number, buf: Uint8Array, start: number, end: number): boolean {
    const h = this.hashes[i]!;
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const at = slots[slot * 2 + 1]!;
      if (at === 0) break;
      if (slots[slot * 2] === h && this.arena.equals(at - 1, buf, start, end)) return true;
      slot = (slot + 1) & mask;
    }
    const offset = this.arena.append(buf, start, end);
    this.slots[slot * 2] = h;
    this.slots[slot * 2 + 1] = offset + 1;
    this.size++;
    if (this.size * 2 > this.mask + 1) this.grow();
    return false;
  }

  private grow(): void {
    const old = this.slots;
    const slotCount = (this.mask + 1) * 2;
    const slots = new Int32Array(slotCount * 2);
    const mask = slotCount - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = old[s]! & mask;
      while (slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
      slots[slot * 2] = old[s]!;
      slots[slot * 2 + 1] = old[s + 1]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

import { ByteArena } from './byte-arena';

/**
 * The dossier id of each internal payment, kept as bytes in one append-only arena. The engine needs
 * dossiers for two things only: the text of a discrepancy, and finding dossiers paid more than once.
 * The second is done once, after all transactions are in: two passes over a bit set indexed by a hash
 * of the dossier id pick out the few payments that may share a dossier with another (a real repeat,
 * or a collision of the bit set's slots, a few percent), and only those are grouped by hash and
 * compared. A bit set of a million dossiers is 2 MB, which the cache mostly holds, where a hash table
 * of them all would wait on memory for every payment, and sorting them all would take several passes
 * over every payment for the one in a hundred that repeats.
 */

export class DossierLog {
  private readonly arena: ByteArena;
  private offsets: Int32Array;
  private hashes: Int32Array;

  constructor(expected: number) {
    // Room for half again as many dossier ids of some 30 bytes as expected: pages are only handed to
    // the process once written, and growing would copy.
    this.arena = new ByteArena(Math.max(1 << 16, expected * 32));
    this.offsets = new Int32Array(Math.max(16, Math.ceil(expected * 1.5)));
    this.hashes = new Int32Array(Math.max(16, Math.ceil(expected * 1.5)));
  }

  /** Records the dossier id of payment `index` (indexes are appended in increasing order). */
  append(index: number, buf: Uint8Array, start: number, end: number): void {
    if (index >= this.offsets.length) this.grow();
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 16_777_619);
    this.offsets[index] = this.arena.append(buf, start, end);
    this.hashes[index] = h;
  }

  text(index: number): string {
    return this.arena.text(this.offsets[index]!);
  }

  same(a: number, b: number): boolean {
    return this.arena.same(this.offsets[a]!, this.offsets[b]!);
  }

  /**
   * Calls `onGroup` with the payment indexes of each dossier that two or more of `members` share.
   */
  forEachShared(members: Int32Array, onGroup: (indexes: readonly number[]) => void): void {
    // A Map over the few candidates: its code is the engine's own, fast from the first call, where a
    // sort written here runs once per reconciliation and so mostly before the JIT has compiled it.
    const byHash = new Map<number, number[]>();
    for (const index of this.maybeShared(members)) {
      const hash = this.hashes[index]!;
      const same = byHash.get(hash);
      if (same === undefined) byHash.set(hash, [index]);
      else same.push(index);
    }
    for (const sameHash of byHash.values()) if (sameHash.length > 1) this.splitByBytes(sameHash, onGroup);
  }

  /** Payments with one hash almost always share one dossier; compare bytes to be exact. */
  private splitByBytes(sameHash: readonly number[], onGroup: (indexes: readonly number[]) => void): void {
    let left = sameHash;
    while (left.length > 1) {
      const head = left[0]!;
      const group = left.filter((index) => this.same(head, index));
      if (group.length > 1) onGroup(group);
      left = left.filter((index) => !this.same(head, index));
    }
  }

  /**
   * The members whose slot in a bit set (16 slots per member, by the dossier hash) another member also
   * takes: every member that shares its dossier, and a few that only share the slot.
   */
  private maybeShared(members: Int32Array): Int32Array {
    const n = members.length;
    let slotBits = 10;
    while (1 << slotBits < n * 16 && slotBits < 30) slotBits++;
    const shift = 32 - slotBits;
    const taken = new Int32Array(1 << (slotBits - 5));
    const shared = new Int32Array(1 << (slotBits - 5));
    const hashes = this.hashes;
    for (let i = 0; i < n; i++) {
      const slot = Math.imul(hashes[members[i]!]!, 0x9e3779b1) >>> shift;
      const word = slot >>> 5;
      const bit = 1 << (slot & 31);
      if ((taken[word]! & bit) !== 0) shared[word] = shared[word]! | bit;
      else taken[word] = taken[word]! | bit;
    }
    let count = 0;
    const candidates = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const member = members[i]!;
      const slot = Math.imul(hashes[member]!, 0x9e3779b1) >>> shift;
      if ((shared[slot >>> 5]! & (1 << (slot & 31))) !== 0) candidates[count++] = member;
    }
    return candidates.subarray(0, count);
  }

  private grow(): void {
    const offsets = new Int32Array(this.offsets.length * 2);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }
}

import * as arenas from './byte-arena';
import { ByteArena } from './byte-arena';

// Bound locally: CommonJS output (jest, tsx) reads imported functions through getters.
const hashIdBytes = arenas.hashIdBytes;

/**
 * The dossier id of each internal payment, kept as bytes in one append-only arena. The engine needs
 * dossiers for two things only: the text of a discrepancy, and finding dossiers paid more than once
 * among the payments it names members (the day's successes).
 *
 * The second is prepared while payments are appended: each member's dossier hash marks a slot in a
 * bit set (16 slots per expected member, 2 MB for a million), and a member whose slot is already
 * marked marks it shared. At the end one pass picks the members of shared slots (every member that
 * shares its dossier, and the few that only share a slot), and only those are grouped by hash and
 * compared. A bit set mostly stays in the cache where a hash table of a million dossiers would wait on
 * memory for every payment, and the work rides on the loop that appends, which the JIT has long
 * compiled, where passes of their own over a million payments would run once, mostly before it has.
 */

export class DossierLog {
  private readonly arena: ByteArena;
  private offsets: Int32Array;
  private hashes: Int32Array;
  private members: Int32Array;
  private memberCount = 0;
  private readonly taken: Int32Array;
  private readonly shared: Int32Array;
  private readonly slotShift: number;

  constructor(expected: number) {
    // Room for half again as many dossier ids of some 30 bytes as expected: pages are only handed to
    // the process once written, and growing would copy.
    const capacity = Math.max(16, Math.ceil(expected * 1.5));
    this.arena = new ByteArena(Math.max(1 << 16, expected * 32));
    this.offsets = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.members = new Int32Array(capacity);
    let slotBits = 10;
    while (1 << slotBits < expected * 16 && slotBits < 30) slotBits++;
    this.slotShift = 32 - slotBits;
    this.taken = new Int32Array(1 << (slotBits - 5));
    this.shared = new Int32Array(1 << (slotBits - 5));
  }

  /**
   * Records the dossier id of payment `index` (indexes are appended in increasing order); a member is
   * one {@link forEachShared} looks at.
   */
  append(index: number, buf: Uint8Array, start: number, end: number, member: boolean): void {
    if (index >= this.offsets.length) this.grow();
    const hash = hashIdBytes(buf, start, end);
    this.offsets[index] = this.arena.append(buf, start, end);
    this.hashes[index] = hash;
    if (!member) return;
    this.members[this.memberCount++] = index;
    const slot = this.slotOf(hash);
    const word = slot >>> 5;
    const bit = 1 << (slot & 31);
    if ((this.taken[word]! & bit) !== 0) this.shared[word] = this.shared[word]! | bit;
    else this.taken[word] = this.taken[word]! | bit;
  }

  text(index: number): string {
    return this.arena.text(this.offsets[index]!);
  }

  same(a: number, b: number): boolean {
    return this.arena.same(this.offsets[a]!, this.offsets[b]!);
  }

  /** Calls `onGroup` with the payment indexes of each dossier that two or more members share. */
  forEachShared(onGroup: (indexes: readonly number[]) => void): void {
    // A Map over the few candidates: its code is the engine's own, fast from the first call, where a
    // sort written here would run once per reconciliation and so mostly before the JIT compiled it.
    const byHash = new Map<number, number[]>();
    const { members, hashes, shared } = this;
    for (let i = 0; i < this.memberCount; i++) {
      const index = members[i]!;
      const hash = hashes[index]!;
      const slot = this.slotOf(hash);
      if ((shared[slot >>> 5]! & (1 << (slot & 31))) === 0) continue;
      const same = byHash.get(hash);
      if (same === undefined) byHash.set(hash, [index]);
      else same.push(index);
    }
    for (const sameHash of byHash.values()) if (sameHash.length > 1) this.splitByBytes(sameHash, onGroup);
  }

  /** A dossier hash's slot in the bit sets. */
  private slotOf(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> this.slotShift;
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

  private grow(): void {
    const offsets = new Int32Array(this.offsets.length * 2);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const members = new Int32Array(this.members.length * 2);
    members.set(this.members);
    this.members = members;
  }
}

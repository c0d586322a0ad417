// Proves the dossier log finds exactly the dossiers that two or more payments share (rule 7's input), however many payments there are and whatever else shares a slot of its bit set.
import fc from 'fast-check';
import { DossierLog } from '../../../domain/reconciliation/dossier-log';
import { bytes } from './builders';

function logOf(dossierIds: readonly string[], members: readonly number[] = dossierIds.map((_, i) => i), expected = 4): DossierLog {
  const log = new DossierLog(expected);
  const isMember = new Set(members);
  dossierIds.forEach((id, index) => {
    const buf = bytes(id);
    log.append(index, buf, 0, buf.length, isMember.has(index));
  });
  return log;
}

/** The groups of members that share a dossier, as forEachShared reports them, in a comparable order. */
function sharedGroups(log: DossierLog): number[][] {
  const groups: number[][] = [];
  log.forEachShared((group) => groups.push([...group].sort((a, b) => a - b)));
  return groups.sort((a, b) => a[0]! - b[0]!);
}

/** The same question answered the obvious way. */
function expectedGroups(dossierIds: readonly string[], members: readonly number[]): number[][] {
  const byDossier = new Map<string, number[]>();
  for (const member of members) byDossier.set(dossierIds[member]!, [...(byDossier.get(dossierIds[member]!) ?? []), member]);
  return [...byDossier.values()].filter((group) => group.length > 1).map((group) => group.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

describe('DossierLog', () => {
  it('keeps each dossier id as text', () => {
    const log = logOf(['000.01.99.H37-261122-000001', 'HS-ĐN-0002']);
    expect(log.text(0)).toBe('000.01.99.H37-261122-000001');
    expect(log.text(1)).toBe('HS-ĐN-0002');
  });

  it('groups the members that share a dossier, and only among the members asked about', () => {
    const ids = ['D1', 'D2', 'D1', 'D3', 'D1', 'D2', 'D3'];
    expect(sharedGroups(logOf(ids, [0, 1, 2, 3, 4, 5]))).toEqual([[0, 2, 4], [1, 5]]);
    expect(sharedGroups(logOf(ids, [0, 1, 3, 6]))).toEqual([[3, 6]]);
    expect(sharedGroups(logOf(ids, []))).toEqual([]);
  });

  it('finds every shared dossier among a hundred thousand, where many unshared ones take a shared slot of the bit set', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `000.00.${i % 97}.H${i % 13}-261122-${String(i).padStart(6, '0')}`);
    for (let i = 0; i < 1_000; i++) ids[i * 97] = ids[i * 89 + 1]!;
    const members = ids.map((_, i) => i).filter((i) => i % 7 !== 3);
    const groups = sharedGroups(logOf(ids, members, ids.length));
    expect(groups.length).toBeGreaterThan(500);
    expect(groups).toEqual(expectedGroups(ids, members));
  });

  it('stays exact with many more members than it expected, its bit set then crowded', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `D-${i % 15_000}`);
    const members = ids.map((_, i) => i);
    expect(sharedGroups(logOf(ids, members, 16))).toEqual(expectedGroups(ids, members));
  });

  it('agrees with grouping by text on any list of dossiers', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'AB', 'BA', 'Đ'), { maxLength: 60 }), (ids) => {
        const members = ids.map((_, i) => i);
        expect(sharedGroups(logOf(ids))).toEqual(expectedGroups(ids, members));
      }),
    );
  });
});

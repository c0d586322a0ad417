// Proves target sets are validated data: the shipped file loads, a new province is a data change, and bad documents name the bad field.
import shipped from '../../../data/target-sets.json';
import {
  findTargetSet,
  parseTargetSets,
  parseTargetSetsJson,
  summarizeTargetSet,
  TargetSetsInvalidError,
} from '../../../domain/reports/target-sets';

const dongNai = {
  id: 'dongnai-2026',
  name: 'Kế hoạch của UBND tỉnh Đồng Nai',
  transactionRate: { target: '35.5', comparison: 'gte' },
  procedureRate: { target: '70', comparison: 'gt' },
  points: { meets: '2.00', misses: '-0.50' },
};

function issuesOf(document: unknown): { path: string; message: string }[] {
  try {
    parseTargetSets(document);
  } catch (error) {
    if (error instanceof TargetSetsInvalidError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the document to be refused');
}

describe('parseTargetSets', () => {
  it('loads the shipped sets with their comparisons and points', () => {
    const sets = parseTargetSets(shipped);
    expect(sets.map((s) => s.id)).toEqual(['nq01-2021', 'haiphong-2024']);
    expect(findTargetSet(sets, 'nq01-2021')).toMatchObject({ transactionRate: { target: '25.00', comparison: 'gte' }, points: null });
    expect(findTargetSet(sets, 'haiphong-2024')).toMatchObject({
      procedureRate: { target: '60.00', comparison: 'gt' },
      points: { meets: '1.00', misses: '-1.00' },
    });
    expect(findTargetSet(sets, 'nowhere')).toBeUndefined();
  });

  it('takes a new province set as data alone', () => {
    const sets = parseTargetSets({ ...shipped, targetSets: [...shipped.targetSets, dongNai] });
    expect(findTargetSet(sets, 'dongnai-2026')).toEqual(dongNai);
  });

  it('lets a set carry notes of its own', () => {
    const [set] = parseTargetSets({ targetSets: [{ ...dongNai, source: 'Kế hoạch số …/KH-UBND' }] });
    expect(set).toEqual(dongNai);
  });

  it('names the field of every problem', () => {
    const issues = issuesOf({
      targetSets: [
        { ...dongNai, transactionRate: { target: 35, comparison: 'gte' } },
        { ...dongNai, id: 'other', procedureRate: { target: '100.01', comparison: 'gt' } },
        { ...dongNai, id: 'third', points: { meets: 'one', misses: '-1' } },
        { ...dongNai, id: 'fourth', transactionRate: { target: '30', comparison: 'ge' } },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual([
      'targetSets[0].transactionRate.target',
      'targetSets[1].procedureRate.target',
      'targetSets[2].points.meets',
      'targetSets[3].transactionRate.comparison',
    ]);
    expect(issues[1]?.message).toBe('must be at most 100');
    expect(issues[3]?.message).toBe("must be 'gte' (at least) or 'gt' (above)");
  });

  it('refuses duplicate ids, an empty list and a missing points entry', () => {
    expect(issuesOf({ targetSets: [dongNai, dongNai] })).toEqual([{ path: 'targetSets[1].id', message: 'duplicate id "dongnai-2026"' }]);
    expect(issuesOf({ targetSets: [] })).toEqual([{ path: 'targetSets', message: 'must list at least one target set' }]);
    const { points: _points, ...withoutPoints } = dongNai;
    expect(issuesOf({ targetSets: [withoutPoints] })[0]?.path).toBe('targetSets[0].points');
  });

  it('says what is wrong in the error message', () => {
    expect(() => parseTargetSets({ targetSets: [{ ...dongNai, name: '' }] })).toThrow(/targetSets\[0\]\.name/);
  });
});

describe('parseTargetSetsJson', () => {
  it('reports text that is not JSON as a document problem', () => {
    expect(() => parseTargetSetsJson('{"targetSets": [')).toThrow(TargetSetsInvalidError);
    expect(parseTargetSetsJson(JSON.stringify(shipped))).toHaveLength(2);
  });
});

describe('summarizeTargetSet', () => {
  it('gives the report header fields', () => {
    const [nq01] = parseTargetSets(shipped);
    expect(summarizeTargetSet(nq01!)).toEqual({
      id: 'nq01-2021',
      name: 'Nghị quyết 01/NQ-CP năm 2021 (toàn quốc)',
      transactionRateTarget: '25.00',
      transactionRateComparison: 'gte',
      procedureRateTarget: '50.00',
      procedureRateComparison: 'gte',
      points: null,
    });
  });
});

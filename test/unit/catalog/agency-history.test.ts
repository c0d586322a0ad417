// Proves which agency serves a procedure on a date is a pure function of the catalog's agencies (validity, successors, chains), and that the catalog schema refuses unknown successors, cycles, gaps and validTo before validFrom.
import { agencyHistory, agencyHistoryIssues } from '../../../domain/catalog/agency-history';
import { catalogSchema } from '../../../domain/catalog/catalog-schema';
import { businessDateOf } from '../../../domain/shared/business-date';
import { demoCatalog } from '../../../functions/catalog/seed-catalog';

const chain = [
  { code: 'A', validTo: '2025-02-28', successor: 'B' },
  { code: 'B', validFrom: '2025-03-01', validTo: '2025-06-30', successor: 'C' },
  { code: 'C', validFrom: '2025-07-01' },
  { code: 'D', validFrom: '2025-07-01' },
  { code: 'OLD', validTo: '2024-12-31' },
];

describe('agencyHistory', () => {
  const history = agencyHistory(chain);

  it('serves a procedure by its agency until that agency’s last day, then by each successor in turn', () => {
    expect(history.servingOn('A', '2025-02-28')).toBe('A');
    expect(history.servingOn('A', '2025-03-01')).toBe('B');
    expect(history.servingOn('A', '2025-06-30')).toBe('B');
    expect(history.servingOn('A', '2025-07-01')).toBe('C');
    expect(history.servingOn('B', '2025-02-28')).toBeUndefined(); // named under B, which did not exist yet
    expect(history.servingOn('D', '2025-06-30')).toBeUndefined();
    expect(history.servingOn('OLD', '2025-01-01')).toBeUndefined(); // ended without successor
    expect(history.servingOn('OLD', '2024-12-31')).toBe('OLD');
  });

  it('lists every agency that served during a period, and rolls any of them up to the end of the chain', () => {
    expect(history.servingDuring('A', { from: '2025-01-01', to: '2025-12-31' })).toEqual(['A', 'B', 'C']);
    expect(history.servingDuring('A', { from: '2025-06-30', to: '2025-07-01' })).toEqual(['B', 'C']);
    expect(history.servingDuring('A', { from: '2026-01-01', to: '2026-01-31' })).toEqual(['C']);
    expect(['A', 'B', 'C'].map(history.rolledUp)).toEqual(['C', 'C', 'C']);
    expect(history.rolledUp('D')).toBe('D');
    expect(history.rolledUp('UNKNOWN')).toBe('UNKNOWN');
    expect(history.withPredecessors('C').sort()).toEqual(['A', 'B', 'C']);
    expect(history.withPredecessors('B').sort()).toEqual(['A', 'B']);
    expect(history.withPredecessors('D')).toEqual(['D']);
  });

  it('finds no issue in a sound history, and names each kind of fault', () => {
    expect(agencyHistoryIssues(chain)).toEqual([]);
    const messages = (agencies: Parameters<typeof agencyHistoryIssues>[0]) => agencyHistoryIssues(agencies).map((issue) => issue.message);
    expect(messages([{ code: 'A', validTo: '2025-06-30', successor: 'Z' }])).toEqual(['unknown successor agency Z']);
    expect(messages([{ code: 'A', validTo: '2025-06-30', successor: 'B' }, { code: 'B', validTo: '2025-12-31', successor: 'A' }])).toEqual([
      'the successors of A form a cycle through A',
      'the successors of B form a cycle through B',
    ]);
    expect(messages([{ code: 'A', validTo: '2025-06-30', successor: 'B' }, { code: 'B', validFrom: '2025-07-02' }])[0]).toMatch(/no agency in between/);
    expect(messages([{ code: 'A' }, { code: 'A' }])).toEqual(['duplicate agency A']);
  });
});

describe('the catalog schema', () => {
  const catalogWith = (agencies: object[]) => ({ province: { code: 'DN', name: 'Đồng Nai' }, agencies, procedures: [] });
  const agency = (fields: object) => ({ code: 'A', name: 'a', level: 'PROVINCE', ...fields });
  const pathsOf = (input: unknown) => {
    const result = catalogSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
  };

  it('refuses a successor that does not exist, a cycle, validTo before validFrom, and a successor without an end', () => {
    expect(pathsOf(catalogWith([agency({ validTo: '2025-06-30', successor: 'NOPE' })]))).toEqual(['agencies.0.successor']);
    expect(pathsOf(catalogWith([agency({ validTo: '2025-06-30', successor: 'A' })]))).toEqual(['agencies.0.successor']);
    expect(pathsOf(catalogWith([agency({ validFrom: '2025-07-01', validTo: '2025-06-30' })]))).toEqual(['agencies.0.validTo']);
    expect(pathsOf(catalogWith([agency({ successor: 'B' }), agency({ code: 'B' })]))).toEqual(['agencies.0.successor']);
    expect(pathsOf(catalogWith([agency({ taxCode: '36001' })]))).toEqual(['agencies.0.taxCode']);
    expect(pathsOf(catalogWith([agency({ taxCode: '3600100101', validTo: '2025-06-30', successor: 'B' }), agency({ code: 'B', validFrom: '2025-07-01' })]))).toEqual([]);
  });
});

describe('the demo catalog', () => {
  const catalog = demoCatalog();
  const history = agencyHistory(catalog.agencies);

  it('is a province after 2025: every procedure is served today by an agency that is still valid', () => {
    const today = businessDateOf(new Date('2026-12-07T09:00:00+07:00'));
    for (const procedure of catalog.procedures) {
      const serving = history.servingOn(procedure.agencyCode, today);
      expect(serving).toBeDefined();
      expect(catalog.agencies.find((agency) => agency.code === serving)?.validTo).toBeUndefined();
    }
    expect(new Set(catalog.procedures.map((procedure) => history.servingOn(procedure.agencyCode, today)))).toEqual(
      new Set(['STP', 'STC', 'SXD', 'SYT', 'SNNMT', 'TRANBIEN', 'TAMHIEP']),
    );
  });

  it('keeps the old agencies as history, with merged departments and communes instead of districts', () => {
    expect(history.servingOn('SGTVT', '2025-02-28')).toBe('SGTVT');
    expect(history.servingOn('SGTVT', '2025-03-01')).toBe('SXD');
    expect(history.servingOn('SKHDT', '2025-03-01')).toBe('STC');
    expect(history.servingOn('STNMT', '2025-03-01')).toBe('SNNMT');
    expect(history.rolledUp('SNNPTNT')).toBe('SNNMT');
    expect(history.servingOn('BIENHOA', '2025-06-30')).toBe('BIENHOA');
    expect(history.servingOn('BIENHOA', '2025-07-01')).toBe('TRANBIEN');
    expect(history.servingOn('TANPHONG', '2025-07-01')).toBe('TRANBIEN');
    expect(catalog.agencies.filter((agency) => agency.level === 'DISTRICT').every((agency) => agency.validTo === '2025-06-30')).toBe(true);
    expect(catalog.agencies.every((agency) => /^\d{10}$/.test(agency.taxCode ?? ''))).toBe(true);
  });
});

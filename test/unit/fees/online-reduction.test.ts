// Proves an online reduction from the catalog halves a fee for an online dossier inside its dates (UTC+7 day boundaries included), never at the counter or outside them, rounds the reduced line once, and is explained in the quote.
import type { Procedure } from '../../../domain/catalog/catalog';
import { catalogSchema } from '../../../domain/catalog/catalog-schema';
import { quoteFees } from '../../../domain/fees/quote';
import type { SubmissionChannel } from '../../../domain/fees/online-reduction';
import { demoCatalog } from '../../../functions/catalog/seed-catalog';

const householdBusiness = demoCatalog().procedures.find((procedure) => procedure.code === 'HKD-DANGKY') as Procedure;
const quoted = (procedure: Procedure, submittedAt: string, channel?: SubmissionChannel, inputs: object = {}) => {
  const result = quoteFees(procedure, inputs, submittedAt, channel);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.quote;
};

describe('online reductions', () => {
  it('quotes half the fee for an online dossier inside the reduction, the full fee outside it (UTC+7 days)', () => {
    expect(quoted(householdBusiness, '2025-06-30T23:59:59+07:00').amount).toBe(100_000);
    expect(quoted(householdBusiness, '2025-07-01T00:00:00+07:00').amount).toBe(50_000);
    expect(quoted(householdBusiness, '2025-06-30T17:00:00Z').amount).toBe(50_000); // 00:00 on 1 July in Vietnam
    expect(quoted(householdBusiness, '2026-03-10T09:00:00+07:00').amount).toBe(50_000);
    expect(quoted(householdBusiness, '2026-12-31T23:59:59+07:00').amount).toBe(50_000);
    expect(quoted(householdBusiness, '2027-01-01T00:00:00+07:00').amount).toBe(100_000);
  });

  it('charges the full fee at the counter, also inside the reduction', () => {
    expect(quoted(householdBusiness, '2026-03-10T09:00:00+07:00', 'COUNTER')).toMatchObject({ amount: 100_000, channel: 'COUNTER' });
    expect(quoted(householdBusiness, '2026-03-10T09:00:00+07:00', 'COUNTER').lines[0]).not.toHaveProperty('reduction');
  });

  it('explains the reduction in the line, with its decision and dates, and records the full amount', () => {
    const quote = quoted(householdBusiness, '2026-03-10T09:00:00+07:00', 'ONLINE');
    expect(quote.channel).toBe('ONLINE');
    expect(quote.lines).toEqual([
      {
        feeCode: 'LP-HKD',
        name: 'Lệ phí đăng ký hộ kinh doanh',
        kind: 'LE_PHI',
        amount: 50_000,
        explanation: 'Mức cố định 100.000 ₫ mỗi hồ sơ; giảm 50% do nộp trực tuyến (Nghị quyết HĐND tỉnh Đồng Nai, số hiệu minh họa, từ 01/07/2025 đến 31/12/2026): còn 50.000 ₫',
        reduction: { percent: '50', fullAmount: 100_000, source: 'Nghị quyết HĐND tỉnh Đồng Nai, số hiệu minh họa', from: '2025-07-01', to: '2026-12-31' },
      },
    ]);
  });

  it('rounds the reduced line once, from the unrounded amount', () => {
    // 0.5% × 920 = 4.6 ₫; halved = 2.3 → 2 ₫. Rounding twice would give 5 → 2.5 → 3 ₫.
    const procedure: Procedure = {
      code: 'X-PCT',
      name: 'x',
      agencyCode: 'STP',
      fees: [
        {
          feeCode: 'X',
          name: 'x',
          kind: 'LE_PHI',
          rule: { type: 'percentage', base: 'declaredValue', rate: '0.005', min: null, max: null },
          validFrom: '2020-01-01',
          validTo: null,
          onlineReductions: [{ percent: '50', from: '2025-01-01', to: null, source: 'NQ' }],
        },
      ],
    };
    const line = quoted(procedure, '2026-01-01T09:00:00+07:00', 'ONLINE', { declaredValue: 920 }).lines[0];
    expect(line).toMatchObject({ amount: 2, reduction: { fullAmount: 5 } });
    expect(line?.explanation).toBe('0,5% × 920 ₫ = 4,6 ₫, làm tròn 5 ₫; giảm 50% do nộp trực tuyến (NQ, từ 01/01/2025): còn 2,3 ₫, làm tròn 2 ₫');
  });

  it('is catalog data the schema checks: a percentage in (0, 100], dates in order, no overlaps', () => {
    const catalogWith = (reductions: unknown[]) => ({
      province: { code: 'DN', name: 'Đồng Nai' },
      agencies: [{ code: 'STP', name: 'Sở Tư pháp', level: 'PROVINCE' }],
      procedures: [
        {
          code: 'P',
          name: 'p',
          agencyCode: 'STP',
          fees: [{ feeCode: 'F', name: 'f', kind: 'PHI', rule: { type: 'fixed', amount: 1000 }, validFrom: '2020-01-01', validTo: null, onlineReductions: reductions }],
        },
      ],
    });
    const ok = { percent: '50', from: '2025-07-01', to: '2026-12-31', source: 'NQ' };
    expect(catalogSchema.safeParse(catalogWith([ok])).success).toBe(true);
    expect(catalogSchema.safeParse(catalogWith([{ ...ok, percent: '0' }])).success).toBe(false);
    expect(catalogSchema.safeParse(catalogWith([{ ...ok, percent: '101' }])).success).toBe(false);
    expect(catalogSchema.safeParse(catalogWith([{ ...ok, percent: 50 }])).success).toBe(false);
    expect(catalogSchema.safeParse(catalogWith([{ ...ok, to: '2025-06-30' }])).success).toBe(false);
    expect(catalogSchema.safeParse(catalogWith([ok, { ...ok, from: '2026-12-31', to: null }])).success).toBe(false);
    expect(catalogSchema.safeParse(catalogWith([ok, { ...ok, from: '2027-01-01', to: null }])).success).toBe(true);
  });
});

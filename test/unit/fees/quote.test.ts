// Proves a quote applies the fee lines in force on the UTC+7 submission date, sums phí and lệ phí lines, honours exemptions and validates inputs.
import type { Procedure } from '../../../domain/catalog/catalog';
import { feeInputsSchema } from '../../../domain/fees/fee-inputs';
import { quoteFees } from '../../../domain/fees/quote';
import { demoCatalog } from '../../../functions/catalog/seed-catalog';

const catalog = demoCatalog();
const procedure = (code: string): Procedure => {
  const found = catalog.procedures.find((candidate) => candidate.code === code);
  if (!found) throw new Error(`no ${code} in the demo catalog`);
  return found;
};
const quoted = (code: string, inputs: object, submittedAt: string) => {
  const result = quoteFees(procedure(code), inputs, submittedAt);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.quote;
};

describe('quoteFees', () => {
  it('applies the GPXD-NHAO rule in force on each side of its change on 2025-01-01 (UTC+7)', () => {
    expect(quoted('GPXD-NHAO', {}, '2024-12-31T23:59:59+07:00')).toMatchObject({ amount: 75_000, businessDate: '2024-12-31' });
    expect(quoted('GPXD-NHAO', {}, '2025-01-01T00:00:00+07:00')).toMatchObject({ amount: 100_000, businessDate: '2025-01-01' });
    // The same instants written in UTC: 16:59:59Z on 31 December is still 2024 in Vietnam, 17:00Z is 2025.
    expect(quoted('GPXD-NHAO', {}, '2024-12-31T16:59:59Z').amount).toBe(75_000);
    expect(quoted('GPXD-NHAO', {}, '2024-12-31T17:00:00Z').amount).toBe(100_000);
    expect(quoted('GPXD-NHAO', {}, '2025-01-01T00:00:00+07:00').lines).toEqual([
      { feeCode: 'LP-GPXD', name: 'Lệ phí cấp giấy phép xây dựng', kind: 'LE_PHI', amount: 100_000, explanation: 'Mức cố định 100.000 ₫ mỗi hồ sơ' },
    ]);
  });

  it('charges nothing before a procedure’s first fee line starts', () => {
    expect(quoted('GPXD-NHAO', {}, '2019-12-31T12:00:00+07:00')).toMatchObject({ amount: 0, lines: [] });
  });

  it('adds several lines (lệ phí and phí) of one procedure', () => {
    const quote = quoted('DKDN-THAYDOI', {}, '2026-01-10T09:00:00+07:00');
    expect(quote.amount).toBe(150_000);
    expect(quote.lines.map((line) => [line.feeCode, line.kind, line.amount])).toEqual([
      ['LP-DKDN', 'LE_PHI', 50_000],
      ['P-CBTT', 'PHI', 100_000],
    ]);
  });

  it('mixes a percentage line and a fixed line', () => {
    const quote = quoted('TB-NHADAT', { declaredValue: 2_000_000_001 }, '2026-01-10T09:00:00+07:00');
    // 0.5% × 2 000 000 001 = 10 000 000.005 → 10 000 000; plus 100 000.
    expect(quote.lines.map((line) => line.amount)).toEqual([10_000_000, 100_000]);
    expect(quote.amount).toBe(10_100_000);
  });

  it('quotes certified copies from pages and copies', () => {
    expect(quoted('CT-BANSAO', { pages: 5, copies: 2 }, '2026-01-10T09:00:00+07:00')).toMatchObject({
      procedureCode: 'CT-BANSAO',
      amount: 14_000,
      currency: 'VND',
      lines: [{ feeCode: 'LP-CTBS', amount: 14_000, explanation: '2 trang × 2.000 ₫ + 3 trang × 1.000 ₫ = 7.000 ₫ mỗi bản, × 2 bản = 14.000 ₫' }],
    });
  });

  it('makes every line 0 for an exempt dossier, without asking for other inputs', () => {
    const quote = quoted('TB-NHADAT', { exemption: true }, '2026-01-10T09:00:00+07:00');
    expect(quote.amount).toBe(0);
    expect(quote.lines.map((line) => line.amount)).toEqual([0, 0]);
    expect(quote.lines[0]?.explanation).toContain('miễn');
  });

  it('names every missing input once', () => {
    expect(quoteFees(procedure('TB-NHADAT'), {}, '2026-01-10T09:00:00+07:00')).toEqual({
      ok: false,
      issues: [{ path: 'inputs.declaredValue', message: expect.any(String) }],
    });
    expect(quoteFees(procedure('CT-BANSAO'), { copies: 2 }, '2026-01-10T09:00:00+07:00')).toMatchObject({ ok: false, issues: [{ path: 'inputs.pages' }] });
  });

  it('quotes a procedure without financial obligation as 0 with no lines', () => {
    expect(quoted('HT-KETHON', {}, '2026-01-10T09:00:00+07:00')).toMatchObject({ amount: 0, lines: [] });
  });
});

describe('feeInputsSchema', () => {
  it.each([
    [{ pages: 0 }, 'pages'],
    [{ pages: -1 }, 'pages'],
    [{ pages: 2.5 }, 'pages'],
    [{ pages: '3' }, 'pages'],
    [{ pages: 10_001 }, 'pages'],
    [{ copies: 0 }, 'copies'],
    [{ copies: 1_001 }, 'copies'],
    [{ declaredValue: -1 }, 'declaredValue'],
    [{ declaredValue: 10.5 }, 'declaredValue'],
    [{ declaredValue: 1e13 }, 'declaredValue'],
    [{ exemption: 'yes' }, 'exemption'],
    [{ page: 3 }, ''],
  ])('refuses %j naming %s', (inputs, path) => {
    const result = feeInputsSchema.safeParse(inputs);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });

  it('accepts the bounds themselves', () => {
    expect(feeInputsSchema.safeParse({ pages: 10_000, copies: 1_000, declaredValue: 1_000_000_000_000, exemption: false }).success).toBe(true);
    expect(feeInputsSchema.safeParse({ pages: 1, copies: 1, declaredValue: 0 }).success).toBe(true);
  });
});

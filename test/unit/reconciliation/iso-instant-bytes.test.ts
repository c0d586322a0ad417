// Proves paid_at instants are read from bytes exactly as Date.parse reads them, and only in the contract's form.
import fc from 'fast-check';
import * as isoInstant from '../../../domain/reconciliation/iso-instant-bytes';
import { parseIsoInstantBytes } from '../../../domain/reconciliation/iso-instant-bytes';
import { bytes } from './builders';

const parse = (text: string) => {
  const buf = bytes(text);
  return parseIsoInstantBytes(buf, 0, buf.length);
};

describe('parseIsoInstantBytes', () => {
  it('reads offsets, Z and fractions', () => {
    expect(parse('2026-11-22T23:59:59+07:00')).toBe(Date.parse('2026-11-22T16:59:59Z'));
    expect(parse('2026-11-22T00:00:00-05:30')).toBe(Date.parse('2026-11-22T05:30:00Z'));
    expect(parse('2026-11-22T09:30:00.5Z')).toBe(Date.parse('2026-11-22T09:30:00.500Z'));
    expect(parse('2026-11-22T09:30:00.123456789+07:00')).toBe(Date.parse('2026-11-22T09:30:00.123+07:00'));
    expect(parse('2024-02-29T12:00:00Z')).toBe(Date.parse('2024-02-29T12:00:00Z'));
  });

  it.each([
    '2026-11-22T09:30:00', '2026-11-22 09:30:00+07:00', '2026-11-22T09:30+07:00', '2026-11-22T09:30:00+0700',
    '2026-11-22T09:30:00+7:00', '2026-11-22T09:30:00.+07:00', '2026-13-01T00:00:00Z', '2025-02-29T00:00:00Z',
    '2026-11-22T09:60:00Z', '2026-11-22T09:30:60Z', '2026-11-22T09:30:00z', '2026-11-22T09:30:00Zjunk', '',
    '202X-11-22T09:30:00Z', '2X26-11-22T09:30:00Z',
  ])('refuses %j', (text) => {
    expect(parse(text)).toBeNaN();
  });

  it('agrees with Date.parse on any instant written with any offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1971-01-01T00:00:00Z'), max: Date.parse('2199-12-31T00:00:00Z') }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, offsetMinutes) => {
          const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parse(text)).toBe(ms);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('checks each date as it comes, whatever date was read before it', () => {
    expect(parse('2025-02-28T23:59:59.999+07:00')).toBe(Date.parse('2025-02-28T16:59:59.999Z'));
    expect(parse('2025-02-29T00:00:00+07:00')).toBeNaN();
    expect(isoInstant.isoInstantProblem).toBe('is not a calendar date');
    expect(parse('2025-02-28T00:00:00.05-01:00')).toBe(Date.parse('2025-02-28T01:00:00.050Z'));
    expect(parse('2025-02-28T24:00:00+07:00')).toBeNaN();
    expect(isoInstant.isoInstantProblem).toBe('is not a time of day');
    expect(parse('2025-02-28T10:00:00+15:00')).toBeNaN();
    expect(isoInstant.isoInstantProblem).toBe('has an offset that is not ±HH:MM');
    expect(parse('2025-02-28T10:00:00.1234567890Z')).toBeNaN();
    expect(parse('2025-03-01T00:00:00Z')).toBe(Date.parse('2025-03-01T00:00:00Z'));
  });

  it('agrees with Date.parse on runs of instants over a few dates, with fractions of any length', () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ ms: fc.integer({ min: Date.parse('2026-02-27T00:00:00Z'), max: Date.parse('2026-02-27T00:00:00Z') + 3 * day }), fraction: fc.integer({ min: 0, max: 9 }), offsetMinutes: fc.constantFrom(0, 420, -330) }),
          { minLength: 1, maxLength: 40 },
        ),
        (instants) => {
          for (const { ms, fraction, offsetMinutes } of instants) {
            const local = new Date(ms + offsetMinutes * 60_000).toISOString();
            const digits = local.slice(20, 23).padEnd(fraction, '7').slice(0, fraction);
            const sign = offsetMinutes < 0 ? '-' : '+';
            const abs = Math.abs(offsetMinutes);
            const offset = offsetMinutes === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
            const text = `${local.slice(0, 19)}${fraction > 0 ? `.${digits}` : ''}${offset}`;
            const expected = Math.floor(ms / 1000) * 1000 + (fraction > 0 ? Number(digits.slice(0, 3).padEnd(3, '0')) : 0);
            expect(parse(text)).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

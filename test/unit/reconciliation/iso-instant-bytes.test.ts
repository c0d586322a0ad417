// Proves paid_at instants are read from bytes exactly as Date.parse reads them, and only in the contract's form.
import fc from 'fast-check';
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
});

// Proves business dates follow UTC+7 exactly at midnight, whatever offset an instant is written in.
import fc from 'fast-check';
import { addDays, businessDateOf, businessDatesBetween, isBusinessDate, startOfBusinessDate, toVietnamIso } from '../../../domain/shared/business-date';

describe('businessDateOf', () => {
  it('keeps 23:59:59+07:00 on the same day and moves 00:00:00+07:00 to the next', () => {
    expect(businessDateOf('2026-11-22T23:59:59+07:00')).toBe('2026-11-22');
    expect(businessDateOf('2026-11-23T00:00:00+07:00')).toBe('2026-11-23');
  });

  it('reads UTC instants in Vietnam time', () => {
    expect(businessDateOf('2026-11-22T16:59:59Z')).toBe('2026-11-22');
    expect(businessDateOf('2026-11-22T17:00:00Z')).toBe('2026-11-23');
  });

  it('rejects text that is not an instant', () => {
    expect(() => businessDateOf('yesterday')).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it('writes instants with the +07:00 offset', () => {
    expect(toVietnamIso(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23T00:00:00+07:00');
    expect(toVietnamIso(new Date('2026-11-22T17:00:00.250Z'))).toBe('2026-11-23T00:00:00.250+07:00');
    expect(toVietnamIso(Date.parse('2026-11-22T16:59:59.999Z'))).toBe('2026-11-22T23:59:59.999+07:00');
    expect(toVietnamIso(Date.parse('2026-11-22T17:00:00.007Z'))).toBe('2026-11-23T00:00:00.007+07:00');
    expect(toVietnamIso(Date.parse('1969-12-31T16:59:59.050Z'))).toBe('1969-12-31T23:59:59.050+07:00');
    expect(() => toVietnamIso(NaN)).toThrow(RangeError);
  });

  it('writes any instant as Date writes it, shifted to +07:00, whatever was written before', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: Date.parse('1970-01-02T00:00:00Z'), max: Date.parse('2199-12-31T00:00:00Z') }), { minLength: 1, maxLength: 20 }), (instants) => {
        for (const ms of instants) {
          const shifted = new Date(ms + 7 * 3_600_000).toISOString();
          const millis = shifted.slice(19, 23);
          expect(toVietnamIso(ms)).toBe(`${shifted.slice(0, 19)}${millis === '.000' ? '' : millis}+07:00`);
          expect(Date.parse(toVietnamIso(ms))).toBe(ms);
        }
      }),
    );
  });

  it('validates real calendar dates only', () => {
    expect(isBusinessDate('2024-02-29')).toBe(true);
    expect(isBusinessDate('2026-02-29')).toBe(false);
    expect(isBusinessDate('2026-1-05')).toBe(false);
  });

  it('steps across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(businessDatesBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(businessDatesBetween('2026-03-02', '2026-03-01')).toEqual([]);
    expect(startOfBusinessDate('2026-11-23').toISOString()).toBe('2026-11-22T17:00:00.000Z');
  });
});

// Proves business dates follow UTC+7 exactly at midnight, whatever offset an instant is written in.
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

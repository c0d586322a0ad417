/**
 * Vietnam keeps UTC+7 all year (Asia/Ho_Chi_Minh, no daylight saving), so a business date is the
 * calendar date of an instant shifted by seven hours. Fixed arithmetic avoids depending on the
 * time-zone database of whatever runtime this runs in.
 */
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const BUSINESS_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type BusinessDate = string; // YYYY-MM-DD

export function businessDateOf(instant: Date | string): BusinessDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

// The local date last written and its "YYYY-MM-DDT": a reconciliation writes tens of thousands of
// instants of one or two dates, and formatting only the time of day halves the cost of each.
let lastLocalDay = NaN;
let lastDatePrefix = '';

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** ISO 8601 with the +07:00 offset, the form the service writes: 2026-11-22T09:30:00+07:00. */
export function toVietnamIso(instant: Date | number): string {
  const ms = Math.trunc(typeof instant === 'number' ? instant : instant.getTime()); // as a Date would
  const local = ms + OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  if (day !== lastLocalDay) {
    lastDatePrefix = new Date(day * DAY_MS).toISOString().slice(0, 11); // throws a RangeError for NaN, as before
    lastLocalDay = day;
  }
  let rest = local - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  const fraction = millis === 0 ? '' : millis < 10 ? `.00${millis}` : millis < 100 ? `.0${millis}` : `.${millis}`;
  return `${lastDatePrefix}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}${fraction}+07:00`;
}

export function isBusinessDate(value: string): boolean {
  const m = BUSINESS_DATE.exec(value);
  if (!m) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The instant a business date starts (00:00:00+07:00). */
export function startOfBusinessDate(date: BusinessDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Inclusive list of business dates from..to; empty when from > to. */
export function businessDatesBetween(from: BusinessDate, to: BusinessDate): BusinessDate[] {
  const dates: BusinessDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

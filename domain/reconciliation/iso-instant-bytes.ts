/**
 * Reads an ISO 8601 instant straight from bytes, without building a string or a Date: the settlement
 * parser calls this once per row, a million times per file. Only the form the contract allows is
 * accepted: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 1–9 digits, and an explicit offset (`Z` or
 * `±HH:MM`). Digits past milliseconds are dropped (floor), which keeps every comparison against a
 * whole-millisecond boundary (midnight, the next-day window) exact.
 */

/** Why the last call to {@link parseIsoInstantBytes} returned NaN; read it only on the error path. */
export let isoInstantProblem = '';

const MS_PER_DAY = 86_400_000;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(buf: Uint8Array, i: number): number {
  const d = (buf[i] as number) - 48;
  return d >= 0 && d <= 9 ? d : -1000;
}


/** Two ASCII digits as a number, or -1. */
function twoDigits(buf: Uint8Array, i: number): number {
  const tens = (buf[i] as number) - 48;
  const ones = (buf[i + 1] as number) - 48;
  return tens >>> 0 <= 9 && ones >>> 0 <= 9 ? tens * 10 + ones : -1;
}

function fail(problem: string): number {
  isoInstantProblem = problem;
  return NaN;
}

// The last calendar date read (YYYYMMDD) and its midnight UTC: a file's instants fall on one or two
// dates, so the calendar arithmetic and its checks run once per date rather than once per row.
let cachedDate = -1;
let cachedDateMs = 0;


/** Epoch milliseconds of the instant in `buf[start, end)`, or NaN (see {@link isoInstantProblem}). */
export function parseIsoInstantBytes(buf: Uint8Array, start: number, end: number): number {
  const s = start;
  // The common case in one pass; anything unusual (or wrong) goes to the careful reading below, which
  // accepts exactly the same instants and names what is wrong with the others.
  if (end - s < 20 || buf[s + 4] !== 45 || buf[s + 7] !== 45 || buf[s + 10] !== 84 || buf[s + 13] !== 58 || buf[s + 16] !== 58) {
    return parseCarefully(buf, s, end);
  }
  const century = twoDigits(buf, s);
  const yearOfCentury = twoDigits(buf, s + 2);
  const month = twoDigits(buf, s + 5);
  const day = twoDigits(buf, s + 8);
  const hour = twoDigits(buf, s + 11);
  const minute = twoDigits(buf, s + 14);
  const second = twoDigits(buf, s + 17);
  if ((century | yearOfCentury | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
    return parseCarefully(buf, s, end);
  }
  let p = s + 19;
  let millis = 0;
  if (buf[p] === 46) {
    const fractionStart = ++p;
    let d = (buf[p] as number) - 48;
    while (p < end && d >>> 0 <= 9) {
      if (p - fractionStart < 3) millis = millis * 10 + d;
      d = (buf[++p] as number) - 48;
    }
    const digits = p - fractionStart;
    if (digits === 0 || digits > 9) return parseCarefully(buf, s, end);
    if (digits === 1) millis *= 100;
    else if (digits === 2) millis *= 10;
  }
  let offsetMinutes = 0;
  const sign = buf[p];
  if ((sign === 43 || sign === 45) && end - p === 6 && buf[p + 3] === 58) {
    const offsetHour = twoDigits(buf, p + 1);
    const offsetMinute = twoDigits(buf, p + 4);
    if (offsetHour < 0 || offsetMinute < 0 || offsetHour > 14 || offsetMinute > 59) return parseCarefully(buf, s, end);
    offsetMinutes = (sign === 45 ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  } else if (!(sign === 90 && p + 1 === end)) {
    return parseCarefully(buf, s, end);
  }
  const date = ((century * 100 + yearOfCentury) * 100 + month) * 100 + day;
  if (date !== cachedDate) {
    const year = century * 100 + yearOfCentury;
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return parseCarefully(buf, s, end);
    cachedDateMs = daysFromCivil(year, month, day) * MS_PER_DAY;
    cachedDate = date;
  }
  return cachedDateMs + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

function parseCarefully(buf: Uint8Array, start: number, end: number): number {
  const s = start;
  if (end - s < 20) {
    return fail(end - s === 19 ? 'has no offset (write Z or ±HH:MM)' : 'is not an ISO 8601 instant');
  }
  const century = twoDigits(buf, s);
  const yearOfCentury = twoDigits(buf, s + 2);
  const month = twoDigits(buf, s + 5);
  const day = twoDigits(buf, s + 8);
  const hour = twoDigits(buf, s + 11);
  const minute = twoDigits(buf, s + 14);
  const second = twoDigits(buf, s + 17);
  if (
    (century | yearOfCentury | month | day | hour | minute | second) < 0 ||
    buf[s + 4] !== 45 || buf[s + 7] !== 45 || buf[s + 10] !== 84 || buf[s + 13] !== 58 || buf[s + 16] !== 58
  ) {
    return fail('is not an ISO 8601 instant of the form YYYY-MM-DDTHH:MM:SS±HH:MM');
  }
  const year = century * 100 + yearOfCentury;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail('is not a calendar date');
  }
  if (hour > 23 || minute > 59 || second > 59) return fail('is not a time of day');

  let p = s + 19;
  let millis = 0;
  if (buf[p] === 46) {
    p++;
    const fractionStart = p;
    while (p < end && digit(buf, p) >= 0) {
      const place = p - fractionStart;
      if (place < 3) millis += digit(buf, p) * (place === 0 ? 100 : place === 1 ? 10 : 1);
      p++;
    }
    const digits = p - fractionStart;
    if (digits === 0 || digits > 9) return fail('has a fraction of seconds that is not 1 to 9 digits');
  }

  let offsetMinutes: number;
  const sign = buf[p];
  if (sign === 90 && p + 1 === end) {
    offsetMinutes = 0;
  } else if ((sign === 43 || sign === 45) && end - p === 6 && buf[p + 3] === 58) {
    const offsetHour = twoDigits(buf, p + 1);
    const offsetMinute = twoDigits(buf, p + 4);
    if (offsetHour < 0 || offsetMinute < 0 || offsetHour > 14 || offsetMinute > 59) {
      return fail('has an offset that is not ±HH:MM');
    }
    offsetMinutes = (sign === 45 ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  } else if (p === end) {
    return fail('has no offset (write Z or ±HH:MM)');
  } else {
    return fail('has an offset that is not Z or ±HH:MM');
  }

  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    millis
  );
}

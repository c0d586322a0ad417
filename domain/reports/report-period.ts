import { isBusinessDate, type BusinessDate } from '../shared/business-date';

/** A report period: business dates from..to, both inclusive. */
export interface ReportPeriod {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
}

/** A calendar month of business dates, YYYY-MM. */
export type ReportMonth = string;

/** Throws on a malformed period; the handler validates input first, so this guards against bugs. */
export function assertReportPeriod(period: ReportPeriod): void {
  if (!isBusinessDate(period.from) || !isBusinessDate(period.to)) {
    throw new RangeError(`a report period needs business dates, got ${period.from}..${period.to}`);
  }
  if (period.from > period.to) throw new RangeError(`a report period must not end before it starts: ${period.from}..${period.to}`);
}

export function isInPeriod(date: BusinessDate, period: ReportPeriod): boolean {
  // YYYY-MM-DD strings order as the dates do.
  return date >= period.from && date <= period.to;
}

export function monthOf(date: BusinessDate): ReportMonth {
  return date.slice(0, 7);
}

/** Every month the period touches, in order, so a monthly chart has no holes. */
export function monthsOfPeriod(period: ReportPeriod): ReportMonth[] {
  assertReportPeriod(period);
  const months: ReportMonth[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  const last = monthOf(period.to);
  for (;;) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    months.push(current);
    if (current >= last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

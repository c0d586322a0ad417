import type { BusinessDate } from '../../domain/shared/business-date';

/**
 * How the dashboard writes numbers and dates for Vietnamese readers: "." groups thousands, ","
 * marks decimals, dates are dd/mm/yyyy. Percentages arrive already rounded (two decimals, half up,
 * by the domain) and only have their separator changed here, never re-rounded.
 */
export const NO_VALUE = '—';

export function formatInteger(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "27.50" → "27,50%"; null → "—". */
export function formatPercent(percent: string | null): string {
  return percent === null ? NO_VALUE : `${percent.replace('.', ',')}%`;
}

/** A target as the source words it: "25.00" → "25%", "30.50" → "30,5%". */
export function formatTargetPercent(percent: string): string {
  const trimmed = percent.includes('.') ? percent.replace(/\.?0+$/, '') : percent;
  return `${trimmed.replace('.', ',')}%`;
}

export function formatVnd(amount: number): string {
  return `${formatInteger(amount)} ₫`;
}

/** Points are signed decimal strings: "-1.00" → "−1,00", "2.00" → "+2,00". */
export function formatPoints(points: string | null): string {
  if (points === null) return NO_VALUE;
  const negative = points.startsWith('-');
  const digits = (negative ? points.slice(1) : points).replace('.', ',');
  return /^0(,0+)?$/.test(digits) ? digits : `${negative ? '−' : '+'}${digits}`;
}

export function formatDate(date: BusinessDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** "2026-03" → "03/2026". */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

import { isBusinessDate, type BusinessDate } from '../../domain/shared/business-date';

/**
 * Dates as staff type them: dd/mm/yyyy, and dd/mm/yyyy HH:mm for a moment of a day, always in
 * Vietnam's time (UTC+7). A page writes what it read back into its field, so a staff member sees the
 * same form again with their own text and a message next to it, never a reformatted value.
 */
const DATE = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;
const DATE_TIME = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})\s*$/;
const pad = (text: string): string => text.padStart(2, '0');

/** "7/3/2026" → "2026-03-07"; null for anything else, 31/02 included. */
export function parseVietnamDate(text: string): BusinessDate | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const date = `${match[3]}-${pad(match[2]!)}-${pad(match[1]!)}`;
  return isBusinessDate(date) ? date : null;
}

/** "07/03/2026 09:05" → "2026-03-07T09:05:00+07:00"; null for anything else. */
export function parseVietnamDateTime(text: string): string | null {
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const date = parseVietnamDate(`${match[1]}/${match[2]}/${match[3]}`);
  const hours = Number(match[4]);
  const minutes = Number(match[5]);
  if (!date || hours > 23 || minutes > 59) return null;
  return `${date}T${pad(match[4]!)}:${match[5]}:00+07:00`;
}

/** "2026-03-07" → "07/03/2026", the form a date field shows. */
export function formatFormDate(date: BusinessDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

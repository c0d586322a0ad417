/**
 * CSV for Excel, shared by every export: a UTF-8 byte order mark (without it Excel reads Vietnamese
 * as Latin-1), RFC 4180 quoting, CRLF line ends.
 *
 * Formula injection: identifiers come from providers' files and notes are typed by staff, so a text
 * cell could start with `=`, `+`, `-`, `@`, a tab or a carriage return and be run as a formula by a
 * spreadsheet. Such text gets a leading apostrophe (OWASP's advice), which spreadsheets show as text;
 * a plain decimal such as "-1.00" stays a number. Numbers are never text, so a negative amount is
 * never mistaken for a formula either.
 */
export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;
const BYTE_ORDER_MARK = '\uFEFF';

/** Text a spreadsheet would run as a formula gets a leading apostrophe; other text is unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV cell, neutralised against formula injection and quoted when needed; null is empty. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: the byte order mark, the header line, then one line per row, each ending in CRLF. */
export function renderCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${BYTE_ORDER_MARK}${lines.join('\r\n')}\r\n`;
}

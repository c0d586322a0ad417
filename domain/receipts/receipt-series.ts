/**
 * Which receipt template and series an agency issues from, and who the collector is (tổ chức thu
 * phí, lệ phí: its name and tax code). Data, not code: data/receipt-series.json, one entry per agency
 * code and a `default` for any agency without one (a new commune after a merger issues at once).
 *
 * Circular 78/2021/TT-BTC keeps the receipt symbols of the e-receipt form: the template symbol
 * (ký hiệu mẫu biên lai, e.g. "01BLP0-001") and the series (ký hiệu biên lai): two letters, the last
 * two digits of the year and "E" for an electronic receipt ("AB-26E"). The year is part of the series,
 * so the series follows the issue year and numbering restarts from 0000001 each year.
 */
export interface ReceiptSeriesEntry {
  readonly templateCode: string;
  /** Two capital letters; the series is `<prefix>-<yy>E`. */
  readonly seriesPrefix: string;
  /** The collector's name when the catalog has no name for the agency. */
  readonly collectorName: string;
  readonly taxCode: string;
}

export interface ReceiptSeriesConfig {
  readonly default: ReceiptSeriesEntry;
  readonly agencies: Readonly<Record<string, Partial<ReceiptSeriesEntry>>>;
}

export class ReceiptSeriesConfigError extends Error {
  constructor(message: string) {
    super(`data/receipt-series.json: ${message}`);
    this.name = 'ReceiptSeriesConfigError';
  }
}

const TEMPLATE = /^\d{2}BLP\d-\d{3}$/;
const PREFIX = /^[A-Z]{2}$/;
const TAX_CODE = /^\d{10}(-\d{3})?$/;

export function parseReceiptSeriesConfig(document: unknown): ReceiptSeriesConfig {
  const root = document as { default?: unknown; agencies?: unknown };
  if (typeof root !== 'object' || root === null) throw new ReceiptSeriesConfigError('must be an object');
  const fallback = checkEntry('default', root.default, true) as ReceiptSeriesEntry;
  const agencies: Record<string, Partial<ReceiptSeriesEntry>> = {};
  for (const [code, entry] of Object.entries((root.agencies ?? {}) as Record<string, unknown>)) agencies[code] = checkEntry(`agencies.${code}`, entry, false);
  return { default: fallback, agencies };
}

function checkEntry(path: string, value: unknown, complete: boolean): Partial<ReceiptSeriesEntry> {
  if (typeof value !== 'object' || value === null) throw new ReceiptSeriesConfigError(`${path} must be an object`);
  const entry = value as Record<string, unknown>;
  const checks: [keyof ReceiptSeriesEntry, RegExp | null, string][] = [
    ['templateCode', TEMPLATE, 'a template symbol such as 01BLP0-001'],
    ['seriesPrefix', PREFIX, 'two capital letters such as AB'],
    ['collectorName', null, 'a name'],
    ['taxCode', TAX_CODE, 'a tax code of 10 digits, or 10-3 for a dependent unit'],
  ];
  const out: Record<string, string> = {};
  for (const [field, pattern, what] of checks) {
    const given = entry[field];
    if (given === undefined && !complete) continue;
    if (typeof given !== 'string' || given.trim() === '' || (pattern && !pattern.test(given))) throw new ReceiptSeriesConfigError(`${path}.${field} must be ${what}`);
    out[field] = given;
  }
  return out;
}

export interface ReceiptSeries {
  readonly templateCode: string;
  readonly series: string;
  readonly collector: { readonly name: string; readonly taxCode: string };
}

/**
 * The series an agency issues from in a year. The catalog's agency, when it has a name and a tax code,
 * names the collector: the catalog is where an agency's own data lives; the series file only fills in
 * for an agency the catalog does not describe.
 */
export function seriesFor(config: ReceiptSeriesConfig, agencyCode: string, year: number, catalogAgency?: { readonly name?: string; readonly taxCode?: string }): ReceiptSeries {
  const entry = { ...config.default, ...config.agencies[agencyCode] };
  return {
    templateCode: entry.templateCode,
    series: `${entry.seriesPrefix}-${String(year % 100).padStart(2, '0')}E`,
    collector: { name: catalogAgency?.name ?? entry.collectorName, taxCode: catalogAgency?.taxCode ?? entry.taxCode },
  };
}

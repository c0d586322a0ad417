/**
 * The dashboard's form writes dates as people in Vietnam do, dd/mm/yyyy; the report reads business
 * dates (YYYY-MM-DD). Dates typed as d/m/yyyy (or with "-" or ".") are turned into that form before the
 * report's own validation; anything else is left as typed, so the validation names the field.
 */
const DMY = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/;

export function fromVietnameseDate(value: string): string {
  const match = DMY.exec(value);
  if (!match) return value.trim();
  const [, day, month, year] = match;
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

/**
 * The page's query (from its path) with its date fields read from dd/mm/yyyy. A repeated parameter is
 * joined with commas, as API Gateway joins it for the report route.
 */
export function dashboardQuery(path: string): Record<string, string | undefined> {
  const params = new URLSearchParams(path.split('?')[1] ?? '');
  const out: Record<string, string | undefined> = {};
  for (const name of new Set(params.keys())) out[name] = params.getAll(name).join(',');
  const query = { ...out };
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined) out[field] = fromVietnameseDate(value);
  }
  return out;
}

/**
 * Keys whose values are personal data (Decree 13/2023/ND-CP) or credentials. Matching is on the key
 * name, case-insensitive, wherever it appears in a logged object.
 */
const MASKED_KEYS = new Set(['idnumber', 'payername', 'name_of_payer', 'phone', 'email', 'authorization', 'password', 'secret', 'token']);
const PAYER_OBJECT_KEYS = new Set(['payer']);

export function maskPii(key: string, value: unknown): unknown {
  const lower = key.toLowerCase();
  if (PAYER_OBJECT_KEYS.has(lower) && value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).map((field) => [field, '***']));
  }
  if (!MASKED_KEYS.has(lower) || value === undefined || value === null) return value;
  if (typeof value !== 'string') return '***';
  // Keep the last three characters of an identity number so support can match a complaint.
  return lower === 'idnumber' && value.length > 6 ? `${'*'.repeat(value.length - 3)}${value.slice(-3)}` : '***';
}

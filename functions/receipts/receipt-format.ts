/** What the caller asked for: `?format=` wins, else the Accept header's best of JSON, HTML and PDF (JSON for `*` and for nothing). */
export type ReceiptFormat = 'json' | 'html' | 'pdf';

const TYPES: Record<string, ReceiptFormat> = { 'application/json': 'json', 'text/html': 'html', 'application/pdf': 'pdf' };

export function negotiateReceiptFormat(accept: string | undefined, format: ReceiptFormat | undefined, fallback: ReceiptFormat): ReceiptFormat {
  if (format) return format;
  let best: { format: ReceiptFormat; q: number } | undefined;
  for (const part of (accept ?? '').split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((param) => param.trim()).find((param) => param.startsWith('q='))?.slice(2) ?? '1');
    const candidate = TYPES[type.trim()];
    if (candidate && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { format: candidate, q };
  }
  return best?.format ?? fallback;
}

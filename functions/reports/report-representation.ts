import { HttpError } from '../http/http-errors';
import type { ReportFormat } from './report-query';

/**
 * Which representation of a report to send: `format=` wins (a link cannot set Accept), then the
 * Accept header with its q-values, JSON when the client has no preference. A client that accepts
 * none of them gets 406 rather than a body it cannot read.
 */
export type ReportRepresentation = ReportFormat;

const MEDIA_TYPES: ReadonlyArray<readonly [ReportRepresentation, string]> = [
  ['json', 'application/json'],
  ['html', 'text/html'],
  ['html', 'application/xhtml+xml'],
  ['csv', 'text/csv'],
];
// On a tie (`*/*`, or no Accept at all) the API answers JSON, as CONTRACT makes it the default.
const PREFERENCE: readonly ReportRepresentation[] = ['json', 'html', 'csv'];

export function chooseRepresentation(format: ReportFormat | undefined, accept: string | undefined): ReportRepresentation {
  if (format) return format;
  if (!accept || accept.trim() === '') return 'json';
  const ranges = parseAccept(accept);
  let best: { representation: ReportRepresentation; q: number } | undefined;
  for (const representation of PREFERENCE) {
    const q = Math.max(...MEDIA_TYPES.filter(([r]) => r === representation).map(([, type]) => qualityOf(type, ranges)));
    if (q > 0 && (!best || q > best.q)) best = { representation, q };
  }
  if (!best) {
    throw new HttpError(406, 'NOT_ACCEPTABLE', 'This report is available as application/json, text/csv or text/html.', [
      { path: 'accept', message: 'must accept application/json, text/csv or text/html (or use format=json|csv|html)' },
    ]);
  }
  return best.representation;
}

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .slice(0, 50)
    .flatMap((part) => {
      const [range = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const [type, subtype] = range.split('/');
      if (!type || !subtype) return [];
      const qParam = params.find((param) => param.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return Number.isFinite(q) && q >= 0 && q <= 1 ? [{ type, subtype, q }] : [];
    });
}

// The most specific range that matches decides the quality (RFC 9110, 12.5.1).
function qualityOf(mediaType: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = mediaType.split('/');
  let match: { specificity: number; q: number } | undefined;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (specificity < 0) continue;
    if (!match || specificity > match.specificity || (specificity === match.specificity && range.q > match.q)) match = { specificity, q: range.q };
  }
  return match?.q ?? 0;
}

import * as z from 'zod/mini';
import { REPORT_GROUP_BYS } from '../../domain/reports/report-rows';
import type { ReportPeriod } from '../../domain/reports/report-period';
import { findTargetSet, type TargetSet } from '../../domain/reports/target-sets';
import { addDays, isBusinessDate, type BusinessDate } from '../../domain/shared/business-date';
import { validationFailed, type ErrorDetail } from '../http/http-errors';
import { DEFAULT_TARGET_SET_ID } from './shipped-target-sets';

/**
 * The query of GET /v1/reports/online-payments and GET /dashboard. Checks of single parameters live
 * in the schema (so the 400 names the parameter); the period's checks need both ends, and for the
 * dashboard its defaults, so they run after, in resolvePeriod.
 */
export const MAX_REPORT_PERIOD_DAYS = 366;
/** Agencies one request may name; a province has far fewer units than this. */
export const MAX_AGENCIES_PER_REQUEST = 100;
export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
/** `rollUp=successor` groups old agencies under their successors (docs/CATALOG.md); absent = as they were. */
export const REPORT_ROLL_UPS = ['successor'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

// A GET form sends an empty field for "not chosen"; treat it as absent rather than as a bad value.
const optional = <T extends z.core.SomeType>(schema: T) =>
  z.pipe(
    z.transform((value: unknown) => (value === '' ? undefined : value)),
    z.optional(schema),
  );
/** Absent (or blank) is the fallback. */
const withDefault = <T extends z.core.SomeType>(schema: T, fallback: z.output<T>) =>
  z.pipe(
    optional(schema),
    z.transform((value: z.output<T> | undefined) => value ?? fallback),
  );

const businessDate = z.string().check(z.refine(isBusinessDate, 'must be a date YYYY-MM-DD'));

// API Gateway joins a repeated parameter with commas (agency=STP&agency=SXD arrives as "STP,SXD"),
// so a list is the comma form; codes are upper-case as in the catalog, and nothing is normalised,
// so the code checked against the caller's agencies is exactly the code that is read.
const agencyList = z
  .pipe(
    z.string().check(
      z.maxLength(MAX_AGENCIES_PER_REQUEST * 33),
      z.regex(/^[A-Z0-9_-]{1,32}(,[A-Z0-9_-]{1,32})*$/, 'must be agency codes such as STP, separated by commas'),
    ),
    z.transform((text: string) => [...new Set(text.split(','))]),
  )
  .check(z.refine((codes) => codes.length <= MAX_AGENCIES_PER_REQUEST, `must name at most ${MAX_AGENCIES_PER_REQUEST} agencies`));

export const reportQuerySchema = z.object({
  from: optional(businessDate),
  to: optional(businessDate),
  groupBy: withDefault(z.enum(REPORT_GROUP_BYS, { error: `must be one of ${REPORT_GROUP_BYS.join(', ')}` }), 'agency'),
  agency: optional(agencyList),
  targetSet: withDefault(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a target set id such as nq01-2021')), DEFAULT_TARGET_SET_ID),
  format: optional(z.enum(REPORT_FORMATS, { error: `must be one of ${REPORT_FORMATS.join(', ')}` })),
  rollUp: optional(z.enum(REPORT_ROLL_UPS, { error: `must be ${REPORT_ROLL_UPS.join(', ')} (or absent: agencies as they were)` })),
});

export type ReportQuery = z.infer<typeof reportQuerySchema>;

/**
 * The period asked for. The API requires both ends; the dashboard defaults `to` to today and `from`
 * to the first day of `to`'s month, so opening it shows the month so far.
 */
export function resolvePeriod(query: Pick<ReportQuery, 'from' | 'to'>, options: { readonly required: boolean; readonly today: BusinessDate }): ReportPeriod {
  const missing: ErrorDetail[] = [];
  if (options.required) {
    if (!query.from) missing.push({ path: 'from', message: 'is required: the first business date of the period, YYYY-MM-DD' });
    if (!query.to) missing.push({ path: 'to', message: 'is required: the last business date of the period, YYYY-MM-DD' });
  }
  if (missing.length > 0) throw validationFailed(missing);
  const to = query.to ?? options.today;
  const from = query.from ?? `${to.slice(0, 7)}-01`;
  if (from > to) throw validationFailed([{ path: 'to', message: `must not be before from (${from})` }]);
  if (addDays(from, MAX_REPORT_PERIOD_DAYS - 1) < to) {
    throw validationFailed([{ path: 'to', message: `the period may span at most ${MAX_REPORT_PERIOD_DAYS} days` }]);
  }
  return { from, to };
}

export function resolveTargetSet(targetSets: readonly TargetSet[], id: string): TargetSet {
  const targetSet = findTargetSet(targetSets, id);
  if (!targetSet) {
    throw validationFailed(
      [{ path: 'targetSet', message: `no target set ${id}; one of ${targetSets.map((set) => set.id).join(', ')}` }],
      `Unknown target set ${id}.`,
    );
  }
  return targetSet;
}

import type { ReportCounter } from './counters';
import { procedureId, rollUpProcedures, uniqueProcedures, type FeeBearingProcedure } from './fee-bearing-catalog';
import { reportFigures, type ReportCounts, type ReportFigures } from './report-figures';
import { assertReportPeriod, isInPeriod, monthOf, monthsOfPeriod, type ReportPeriod } from './report-period';
import { summarizeTargetSet, type TargetSet, type TargetSetSummary } from './target-sets';

/**
 * Online-payment rate reports: counters and the scope's catalog in, rows per agency, procedure or
 * month plus totals out. Every row and the totals are computed from counts (never from rounded
 * percentages), and the totals from all counters of the period, so totals are the same whatever the
 * grouping. The caller passes only data of the agencies the user may see (see report-scope.ts).
 *
 * Counts add up across rows (paymentTransactions, onlinePaymentTransactions, dossiers, amounts; and
 * for agency and procedure rows feeBearingProcedures and proceduresPaidOnline too). Month rows each
 * measure the whole catalog against the procedures paid online in that month, so their procedure
 * counts do not add up to the period's.
 *
 * Agencies change (domain/catalog/agency-history.ts). Rows group by the agency as it was unless the
 * caller rolled the data up into successors first; the totals and month rows always count a
 * procedure under the agency it rolls up into (`rollUpAgency`), so they are the same with or without
 * roll-up. When a procedure moved to a successor during the period, the rows as it was count it for
 * both agencies (each served it), and their procedure counts then add up to more than the totals'.
 */
/** The groupings the API offers; a tuple, so a query schema can use it as is (z.enum). */
export const REPORT_GROUP_BYS = ['agency', 'procedure', 'month'] as const;

export type ReportGroupBy = (typeof REPORT_GROUP_BYS)[number];

export const GROUP_KEY_FIELDS = { agency: 'agencyCode', procedure: 'procedureCode', month: 'month' } as const;

export type GroupKeyField<G extends ReportGroupBy> = (typeof GROUP_KEY_FIELDS)[G];

/**
 * A ROW of the contract: the group's key (agencyCode / procedureCode / month) then its figures.
 * Distributes over a union, so ReportRow<ReportGroupBy> is one of the three shapes, not all at once.
 */
export type ReportRow<G extends ReportGroupBy = ReportGroupBy> = G extends ReportGroupBy
  ? { readonly [K in GroupKeyField<G>]: string } & ReportFigures
  : never;

export interface ReportInput {
  readonly period: ReportPeriod;
  /** Counters of the scope; records outside the period are ignored, shards of one key are summed. */
  readonly counters: readonly ReportCounter[];
  /** Fee-bearing procedures of the scope's catalog. */
  readonly catalog: readonly FeeBearingProcedure[];
  readonly targetSet: TargetSet;
  /** The agency an agency rolls up into (the end of its successors); identity when absent. */
  readonly rollUpAgency?: ((agencyCode: string) => string) | undefined;
}

export interface ReportRows<G extends ReportGroupBy> {
  readonly rows: ReportRow<G>[];
  readonly totals: ReportFigures;
}

/** The JSON body of GET /v1/reports/online-payments; `groupBy` says which key the rows carry. */
export type OnlinePaymentReport<G extends ReportGroupBy = ReportGroupBy> = G extends ReportGroupBy
  ? {
      readonly period: ReportPeriod;
      readonly groupBy: G;
      readonly targetSet: TargetSetSummary;
      readonly totals: ReportFigures;
      readonly rows: ReportRow<G>[];
    }
  : never;

export function buildOnlinePaymentReport<G extends ReportGroupBy>(input: ReportInput & { readonly groupBy: G }): OnlinePaymentReport<G> {
  const { rows, totals } = buildReportRows(input, input.groupBy);
  const report = {
    period: { from: input.period.from, to: input.period.to },
    groupBy: input.groupBy,
    targetSet: summarizeTargetSet(input.targetSet),
    totals,
    rows,
  };
  return report as OnlinePaymentReport<G>;
}

export function buildReportRows<G extends ReportGroupBy>(input: ReportInput, groupBy: G): ReportRows<G> {
  assertReportPeriod(input.period);
  const counters = input.counters.filter((c) => isInPeriod(c.businessDate, input.period));
  const catalog = uniqueProcedures(input.catalog);
  // Totals and months count each procedure once under the agency it rolls up into (see above).
  const rollUp = input.rollUpAgency;
  const unitCounters = rollUp ? counters.map((c) => ({ ...c, agencyCode: rollUp(c.agencyCode) })) : counters;
  const unitCatalog = rollUp ? rollUpProcedures(catalog, rollUp) : catalog;
  const row = (key: string, groupCounters: readonly ReportCounter[], groupCatalog: readonly FeeBearingProcedure[]) =>
    ({ [GROUP_KEY_FIELDS[groupBy]]: key, ...reportFigures(countsOf(groupCounters, groupCatalog), input.targetSet) }) as ReportRow<G>;

  let rows: ReportRow<G>[];
  if (groupBy === 'month') {
    // Every month of the period gets a row, and each measures the whole catalog.
    const countersByMonth = groupItems(unitCounters, (c) => monthOf(c.businessDate));
    rows = monthsOfPeriod(input.period).map((month) => row(month, countersByMonth.get(month) ?? [], unitCatalog));
  } else {
    // Agencies or procedures with counters, and those with fee-bearing procedures but no payment yet.
    const codeOf = (item: FeeBearingProcedure) => (groupBy === 'agency' ? item.agencyCode : item.procedureCode);
    const countersByCode = groupItems(counters, codeOf);
    const catalogByCode = groupItems(catalog, codeOf);
    const codes = [...new Set([...countersByCode.keys(), ...catalogByCode.keys()])].sort(compareCodes);
    rows = codes.map((code) => row(code, countersByCode.get(code) ?? [], catalogByCode.get(code) ?? []));
  }
  return { rows, totals: reportFigures(countsOf(unitCounters, unitCatalog), input.targetSet) };
}

/** The key a row carries for its grouping: its agency code, procedure code or month. */
export function groupKeyOf<G extends ReportGroupBy>(row: ReportRow<G>, groupBy: G): string {
  const key = (row as unknown as Record<string, unknown>)[GROUP_KEY_FIELDS[groupBy]];
  if (typeof key !== 'string') throw new TypeError(`a ${groupBy} row has no ${GROUP_KEY_FIELDS[groupBy]}`);
  return key;
}

/** The counts of one group: its counters (any number of records, shards included) and its catalog part. */
export function countsOf(counters: readonly ReportCounter[], catalog: readonly FeeBearingProcedure[]): ReportCounts {
  let paymentTransactions = 0;
  let onlinePaymentTransactions = 0;
  let dossiersPaid = 0;
  let dossiersPaidOnline = 0;
  let amount = 0;
  let onlineAmount = 0;
  const onlineByProcedure = new Map<string, number>();
  for (const c of counters) {
    paymentTransactions += c.paymentTransactions;
    dossiersPaid += c.dossiersPaid;
    amount += c.amount;
    if (c.channel === 'ONLINE') {
      onlinePaymentTransactions += c.paymentTransactions;
      dossiersPaidOnline += c.dossiersPaid;
      onlineAmount += c.amount;
      const id = procedureId(c);
      onlineByProcedure.set(id, (onlineByProcedure.get(id) ?? 0) + c.paymentTransactions);
    }
  }
  assertConsistent(onlinePaymentTransactions, paymentTransactions, 'payment transactions');
  assertConsistent(dossiersPaidOnline, dossiersPaid, 'dossiers paid');
  assertConsistent(onlineAmount, amount, 'amounts');
  // A reversal nets to zero on its success's own key, so a positive net count is a standing payment.
  const proceduresPaidOnline = catalog.filter((p) => (onlineByProcedure.get(procedureId(p)) ?? 0) > 0).length;
  return {
    paymentTransactions,
    onlinePaymentTransactions,
    feeBearingProcedures: catalog.length,
    proceduresPaidOnline,
    dossiersPaid,
    dossiersPaidOnline,
    amount,
    onlineAmount,
  };
}

function groupItems<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

// Code order by UTF-16 units: the same on every runtime, unlike a locale-aware sort.
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Net counts below zero, or more online than in total, mean counters out of step with payments
// (a reversal applied without its success): a report must not present them as rates.
function assertConsistent(online: number, total: number, what: string): void {
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(online) || online < 0 || online > total) {
    throw new RangeError(`report counters are inconsistent: online ${what} ${online} of ${total}`);
  }
}

/**
 * The scope's catalog as the reports see it: the fee-bearing procedures of each agency. A procedure
 * is fee-bearing when it has a financial obligation, i.e. at least one fee line (phí or lệ phí).
 * The unit the procedure rate counts is one procedure of one agency, so the same pair listed twice
 * counts once, and a counter only marks a procedure "paid online" for the agency it belongs to.
 */
export interface FeeBearingProcedure {
  readonly agencyCode: string;
  readonly procedureCode: string;
}

/** The part of a catalog procedure the reports need (the catalog's own shape has more). */
export interface CatalogProcedure {
  readonly code: string;
  readonly agencyCode: string;
  readonly fees: readonly unknown[];
}

export function feeBearingProceduresOf(procedures: readonly CatalogProcedure[]): FeeBearingProcedure[] {
  return uniqueProcedures(procedures.filter((p) => p.fees.length > 0).map((p) => ({ agencyCode: p.agencyCode, procedureCode: p.code })));
}

/**
 * The fee-bearing procedures of a period as the agencies were: one (agency, procedure) pair for each
 * agency that served the procedure on some day of the period, so a procedure that moved to a
 * successor during the period belongs to both, and one that moved before it only to the successor.
 * `servingDuring` is AgencyHistory.servingDuring (domain/catalog/agency-history.ts).
 */
export function feeBearingProceduresDuring(
  procedures: readonly CatalogProcedure[],
  servingDuring: (agencyCode: string) => readonly string[],
): FeeBearingProcedure[] {
  return uniqueProcedures(
    procedures.filter((p) => p.fees.length > 0).flatMap((p) => servingDuring(p.agencyCode).map((agencyCode) => ({ agencyCode, procedureCode: p.code }))),
  );
}

/** The same pairs with each agency replaced by the one it rolls up into; pairs that meet count once. */
export function rollUpProcedures(procedures: readonly FeeBearingProcedure[], rollUp: (agencyCode: string) => string): FeeBearingProcedure[] {
  return uniqueProcedures(procedures.map((p) => ({ agencyCode: rollUp(p.agencyCode), procedureCode: p.procedureCode })));
}

/** Drops repeated (agency, procedure) pairs, keeping the first. */
export function uniqueProcedures(procedures: readonly FeeBearingProcedure[]): FeeBearingProcedure[] {
  const seen = new Map<string, FeeBearingProcedure>();
  for (const p of procedures) {
    const id = procedureId(p);
    if (!seen.has(id)) seen.set(id, { agencyCode: p.agencyCode, procedureCode: p.procedureCode });
  }
  return [...seen.values()];
}

/** A stable text form of an (agency, procedure) pair, for maps. */
export function procedureId(p: { readonly agencyCode: string; readonly procedureCode: string }): string {
  return `${p.agencyCode}\u001f${p.procedureCode}`;
}

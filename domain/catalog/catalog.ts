import type * as z from 'zod/mini';
import type { agencySchema, catalogSchema, feeKindSchema, feeLineSchema, feeRuleSchema, onlineReductionSchema, procedureSchema } from './catalog-schema';

/**
 * The catalog of administrative procedures (thủ tục hành chính) and their fee schedules, in the
 * vocabulary of data/seed-catalog.json. A procedure has a financial obligation when it has at least
 * one fee line; each fee line carries the rule in force between validFrom and validTo (inclusive).
 * The types are those of the schemas in catalog-schema.ts, which check a catalog file. Agencies have
 * dates and successors (agency-history.ts), and a procedure is served on a date by the agency its
 * record names or, once that one has ended, by its successor.
 */
export type FeeRule = z.infer<typeof feeRuleSchema>;
export type FeeKind = z.infer<typeof feeKindSchema>;
export type FeeLine = z.infer<typeof feeLineSchema>;
export type OnlineReduction = z.infer<typeof onlineReductionSchema>;
export type Procedure = z.infer<typeof procedureSchema>;
export type Agency = z.infer<typeof agencySchema>;
export type Catalog = z.infer<typeof catalogSchema>;

export function hasFinancialObligation(procedure: Procedure): boolean {
  return procedure.fees.length > 0;
}

/** The port the use cases read the catalog through. */
export interface CatalogReader {
  getProcedure(code: string): Promise<Procedure | undefined>;
  listProcedures(filter?: { agencyCode?: string }): Promise<Procedure[]>;
  listAgencies(): Promise<Agency[]>;
}

import { hasFinancialObligation, type Procedure } from '../../domain/catalog/catalog';
import type { BusinessDate } from '../../domain/shared/business-date';

/**
 * The API's view of a procedure (CONTRACT.md, Catalog and fees): every fee line with its rule and
 * validity, and whether the line is in force on `today` (the business date in UTC+7), so a reader
 * does not have to work out which of two versions of a fee applies now. `agencyCode` is the agency
 * serving the procedure today (the successor of the one the record names, once that one has ended):
 * the agency a payment for it is created for. Online reductions are listed with their dates.
 */
export function procedureView(procedure: Procedure, today: BusinessDate, servingAgencyCode?: string) {
  return {
    code: procedure.code,
    name: procedure.name,
    agencyCode: servingAgencyCode ?? procedure.agencyCode,
    hasFinancialObligation: hasFinancialObligation(procedure),
    fees: procedure.fees.map((fee) => ({
      feeCode: fee.feeCode,
      name: fee.name,
      kind: fee.kind,
      rule: fee.rule,
      validFrom: fee.validFrom,
      validTo: fee.validTo,
      inForce: fee.validFrom <= today && (fee.validTo === null || today <= fee.validTo),
      ...(fee.source ? { source: fee.source } : {}),
      ...(fee.onlineReductions ? { onlineReductions: fee.onlineReductions } : {}),
    })),
  };
}

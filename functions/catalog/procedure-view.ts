import { hasFinancialObligation, type Procedure } from '../../domain/catalog/catalog';

/** The API's view of a procedure (CONTRACT.md, Catalog and fees): every fee line with its rule and validity. */
export function procedureView(procedure: Procedure) {
  return {
    code: procedure.code,
    name: procedure.name,
    agencyCode: procedure.agencyCode,
    hasFinancialObligation: hasFinancialObligation(procedure),
    fees: procedure.fees.map((fee) => ({
      feeCode: fee.feeCode,
      name: fee.name,
      kind: fee.kind,
      rule: fee.rule,
      validFrom: fee.validFrom,
      validTo: fee.validTo,
      ...(fee.source ? { source: fee.source } : {}),
    })),
  };
}

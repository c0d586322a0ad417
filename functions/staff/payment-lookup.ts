import { caseIdOf } from '../../domain/cases/case';
import { PROVIDERS, type Payment } from '../../domain/payments/payment';
import type { Dependencies } from '../composition';
import type { StoredCase } from '../cases/case-repository';
import { canSeeCase } from '../cases/case-access';
import { canActForAgency, type Principal } from '../http/principal';

/**
 * Finding payments by what a finance officer has in hand, each a GetItem or a Query:
 *  - a payment id: the payment itself;
 *  - a dossier id: the dossier's payments (gsi1);
 *  - a provider transaction id: the cases about it (a case's id is computed from the provider and the
 *    transaction, domain/cases/case.ts), and through them their payments. A transaction no case names
 *    is found by its payment or dossier id instead: the table keeps no index by provider transaction.
 * Only payments of agencies the principal acts for are returned, and only cases it may see.
 */
export interface LookupResult {
  readonly payment: Payment;
  readonly cases: readonly StoredCase[];
}

/** Payment, dossier and transaction ids are short and of a narrow alphabet; anything else finds nothing. */
export const LOOKUP_QUERY = /^[A-Za-z0-9._:/-]{1,128}$/;
const MAX_RESULTS = 20;

export async function lookUpPayments(q: string, principal: Principal, deps: Pick<Dependencies, 'payments' | 'cases'>): Promise<LookupResult[]> {
  const transactionCaseIds = PROVIDERS.flatMap((provider) => [caseIdOf({ kind: 'COLLECTION', provider, providerTxnId: q }), caseIdOf({ kind: 'REVERSAL', provider, providerTxnId: q })]);
  const [byId, byDossier, byTransaction] = await Promise.all([deps.payments.getPayment(q), deps.payments.listDossierPayments(q), deps.cases.getMany(transactionCaseIds)]);
  const paymentIds = [...byTransaction.values()].flatMap((found) => (found.paymentId ? [found.paymentId] : []));
  const fromCases = paymentIds.length > 0 ? await deps.payments.getPayments([...new Set(paymentIds)]) : [];
  const unique = new Map<string, Payment>();
  for (const payment of [...(byId ? [byId] : []), ...byDossier, ...fromCases]) unique.set(payment.paymentId, payment);
  const visible = [...unique.values()].filter((payment) => canActForAgency(principal, payment.agencyCode)).slice(0, MAX_RESULTS);
  return Promise.all(
    visible.map(async (payment) => ({ payment, cases: (await deps.cases.listByPayment(payment.paymentId)).filter((found) => canSeeCase(principal, found)) })),
  );
}

import type { CaseTrailEntry } from '../../domain/cases/case';
import type { Payment } from '../../domain/payments/payment';
import type { Dependencies } from '../composition';
import type { Principal } from '../http/principal';
import { canSeeCase } from './case-access';
import type { StoredCase } from './case-repository';

/** One case with its trail, oldest first, and the payment it is about as it is now. */
export type GetCaseOutcome =
  | { readonly kind: 'FOUND'; readonly case: StoredCase; readonly trail: readonly CaseTrailEntry[]; readonly payment: Payment | null }
  | { readonly kind: 'NOT_FOUND' }
  | { readonly kind: 'FORBIDDEN' };

export async function getCase(caseId: string, principal: Principal, deps: Pick<Dependencies, 'cases' | 'payments'>): Promise<GetCaseOutcome> {
  const found = await deps.cases.get(caseId);
  if (!found) return { kind: 'NOT_FOUND' };
  if (!canSeeCase(principal, found)) return { kind: 'FORBIDDEN' };
  const [trail, payment] = await Promise.all([deps.cases.trail(caseId), found.paymentId ? deps.payments.getPayment(found.paymentId) : Promise.resolve(undefined)]);
  return { kind: 'FOUND', case: found, trail, payment: payment ?? null };
}

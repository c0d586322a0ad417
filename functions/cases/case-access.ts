import type { Case } from '../../domain/cases/case';
import type { Principal } from '../http/principal';

/**
 * Who sees and decides which case, the same rule as the reconciliation routes: the province and
 * all-agency finance see every case (those of payments the service never issued included); finance
 * of some agencies sees their cases only. Only finance decides, and only for its agencies; the
 * province reads and never decides.
 */
export function seesEveryCase(principal: Principal): boolean {
  return principal.roles.includes('province') || principal.agencies.includes('*');
}

/** The agencies whose cases a principal may see: 'ALL', or its list. */
export function caseScope(principal: Principal): readonly string[] | 'ALL' {
  return seesEveryCase(principal) ? 'ALL' : principal.agencies;
}

export function canSeeCase(principal: Principal, subject: Pick<Case, 'agencyCode'>): boolean {
  if (seesEveryCase(principal)) return true;
  return subject.agencyCode !== null && principal.agencies.includes(subject.agencyCode);
}

export function canDecideCase(principal: Principal, subject: Pick<Case, 'agencyCode'>): boolean {
  if (!principal.roles.includes('finance')) return false;
  if (principal.agencies.includes('*')) return true;
  return subject.agencyCode !== null && principal.agencies.includes(subject.agencyCode);
}

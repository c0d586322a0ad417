import { addDays, type BusinessDate } from '../shared/business-date';

/**
 * Agencies over time (DOMAIN.md, "Agencies change"). An agency is valid from `validFrom` to
 * `validTo` (inclusive, either open); once it ends, its procedures pass to its `successor` from the
 * next day. A procedure record names one agency; the agency serving it on a date follows that
 * agency's successors until one is valid on the date. Everything here is a pure function of the
 * catalog's agencies, so "which agency serves procedure P on date D" has one answer everywhere.
 */
export interface AgencyValidity {
  readonly code: string;
  readonly validFrom?: BusinessDate | undefined;
  readonly validTo?: BusinessDate | undefined;
  readonly successor?: string | undefined;
}

export interface AgencyHistoryIssue {
  readonly path: (string | number)[];
  readonly input: unknown;
  readonly message: string;
}

export function isAgencyValidOn(agency: AgencyValidity, date: BusinessDate): boolean {
  return (agency.validFrom === undefined || agency.validFrom <= date) && (agency.validTo === undefined || date <= agency.validTo);
}

/** What is wrong with a list of agencies as a history: repeated codes, unknown successors, cycles, gaps. */
export function agencyHistoryIssues(agencies: readonly AgencyValidity[]): AgencyHistoryIssue[] {
  const issues: AgencyHistoryIssue[] = [];
  const byCode = new Map<string, AgencyValidity>();
  agencies.forEach((agency, i) => {
    if (byCode.has(agency.code)) issues.push({ path: [i, 'code'], input: agency.code, message: `duplicate agency ${agency.code}` });
    else byCode.set(agency.code, agency);
  });
  agencies.forEach((agency, i) => {
    if (agency.successor === undefined) return;
    const successor = byCode.get(agency.successor);
    if (!successor) {
      issues.push({ path: [i, 'successor'], input: agency.successor, message: `unknown successor agency ${agency.successor}` });
      return;
    }
    if (agency.validTo !== undefined && successor.validFrom !== undefined && successor.validFrom > addDays(agency.validTo, 1)) {
      issues.push({
        path: [i, 'successor'],
        input: agency.successor,
        message: `successor ${agency.successor} starts on ${successor.validFrom}, after the day following ${agency.validTo}: its procedures would have no agency in between`,
      });
    }
    const seen = new Set([agency.code]);
    for (let next: AgencyValidity | undefined = successor; next; next = next.successor === undefined ? undefined : byCode.get(next.successor)) {
      if (seen.has(next.code)) {
        issues.push({ path: [i, 'successor'], input: agency.successor, message: `the successors of ${agency.code} form a cycle through ${next.code}` });
        break;
      }
      seen.add(next.code);
    }
  });
  return issues;
}

/** The history of a catalog's agencies, built once from a list that agencyHistoryIssues accepts. */
export interface AgencyHistory {
  /** The agency serving a procedure that names `agencyCode`, on `date`; undefined when none does (not yet valid, or ended without successor). */
  servingOn(agencyCode: string, date: BusinessDate): string | undefined;
  /** Every agency serving such a procedure on some day of the period, in order of succession. */
  servingDuring(agencyCode: string, period: { readonly from: BusinessDate; readonly to: BusinessDate }): string[];
  /** The end of the agency's chain of successors (itself when it has none): what `rollUp=successor` groups under. */
  rolledUp(agencyCode: string): string;
  /** The agency and every agency whose chain of successors passes through it. */
  withPredecessors(agencyCode: string): string[];
}

export function agencyHistory(agencies: readonly AgencyValidity[]): AgencyHistory {
  const byCode = new Map(agencies.map((agency) => [agency.code, agency]));
  // Chains are finite when the catalog passed agencyHistoryIssues; the bound keeps a bad list from looping.
  const chainOf = (code: string): AgencyValidity[] => {
    const chain: AgencyValidity[] = [];
    for (let agency = byCode.get(code); agency && chain.length <= byCode.size; agency = agency.successor === undefined ? undefined : byCode.get(agency.successor)) {
      chain.push(agency);
    }
    return chain;
  };

  const servingOn = (agencyCode: string, date: BusinessDate): string | undefined => {
    for (const agency of chainOf(agencyCode)) {
      if (agency.validTo !== undefined && agency.validTo < date) continue; // ended before the date: its successor serves
      return isAgencyValidOn(agency, date) ? agency.code : undefined;
    }
    return undefined;
  };

  const servingDuring = (agencyCode: string, period: { readonly from: BusinessDate; readonly to: BusinessDate }): string[] =>
    chainOf(agencyCode)
      .filter((agency) => (agency.validFrom === undefined || agency.validFrom <= period.to) && (agency.validTo === undefined || period.from <= agency.validTo))
      .map((agency) => agency.code);

  const rolledUp = (agencyCode: string): string => chainOf(agencyCode).at(-1)?.code ?? agencyCode;

  const withPredecessors = (agencyCode: string): string[] => {
    const codes = agencies.filter((agency) => chainOf(agency.code).some((link) => link.code === agencyCode)).map((agency) => agency.code);
    return codes.includes(agencyCode) ? codes : [agencyCode, ...codes];
  };

  return { servingOn, servingDuring, rolledUp, withPredecessors };
}

/**
 * Who is calling, read from the claims API Gateway's JWT authorizer hands to the Lambda
 * (`requestContext.authorizer.jwt.claims`). API Gateway turns array claims into strings of the form
 * "[finance province]", so both that form and real arrays are accepted. Cognito puts roles in
 * `cognito:groups` and the agency list in the custom attribute `custom:agencies` (comma separated).
 */
export const ROLES = ['portal', 'finance', 'province'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** Agency codes this principal acts for; `'*'` means every agency. */
  readonly agencies: readonly string[];
}

export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal | undefined {
  if (!claims) return undefined;
  const subject = typeof claims.sub === 'string' ? claims.sub : undefined;
  if (!subject) return undefined;
  const roleNames = [...claimList(claims.roles), ...claimList(claims['cognito:groups'])];
  const roles = ROLES.filter((role) => roleNames.includes(role));
  const agencies = [...claimList(claims.agencies), ...claimList(claims['custom:agencies'])];
  return { subject, roles, agencies: [...new Set(agencies)] };
}

export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

/** The `province` role and the `'*'` agency claim see every agency; others only those listed. */
export function canActForAgency(principal: Principal, agencyCode: string): boolean {
  return principal.roles.includes('province') || principal.agencies.includes('*') || principal.agencies.includes(agencyCode);
}

function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string' || value.trim() === '') return [];
  const text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1).trim();
    if (inner.startsWith('"')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed.filter((item): item is string => typeof item === 'string');
      } catch {
        // fall through to the space-separated form
      }
    }
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return text.split(/[\s,]+/).filter(Boolean);
}

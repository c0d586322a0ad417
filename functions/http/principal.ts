/**
 * Who is calling, read from the claims API Gateway's JWT authorizer hands to the Lambda
 * (`requestContext.authorizer.jwt.claims`). API Gateway turns array claims into strings of the form
 * "[finance province]", so both that form and real arrays are accepted. Cognito puts roles in
 * `cognito:groups` and the agency list in the custom attribute `custom:agencies` (comma separated).
 * On the `browserSession` routes the browser-session authorizer (functions/authorizer/) hands the same
 * three claims over as its context (`requestContext.authorizer.lambda`), as SessionClaims.
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

/**
 * The context the browser-session Lambda authorizer returns for a verified token: exactly the claims a
 * Principal is made of, as strings in the forms principalFromClaims reads.
 */
export interface SessionClaims {
  readonly sub: string;
  /** "[finance province]", as the JWT authorizer passes an array claim. */
  readonly 'cognito:groups': string;
  /** "STP,SXD", the user's attribute as Cognito issues it. */
  readonly 'custom:agencies': string;
}

/**
 * The principal of a Lambda authorizer's context. Only the three SessionClaims are read, never
 * `roles` or `agencies` or anything else the context might hold, so nothing but the authorizer's
 * verified claims can make a principal.
 */
export function principalFromSessionClaims(context: Record<string, unknown> | undefined): Principal | undefined {
  if (!context) return undefined;
  return principalFromClaims({ sub: context.sub, 'cognito:groups': context['cognito:groups'], 'custom:agencies': context['custom:agencies'] });
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

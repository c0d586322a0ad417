// Proves roles and agencies are read the same from API Gateway's stringified claims, real arrays and Cognito groups.
import { canActForAgency, principalFromClaims } from '../../../functions/http/principal';

describe('principalFromClaims', () => {
  it('reads the "[a b]" form API Gateway gives array claims', () => {
    const principal = principalFromClaims({ sub: 'u1', roles: '[finance province]', agencies: '[STP SXD]' });
    expect(principal).toEqual({ subject: 'u1', roles: ['finance', 'province'], agencies: ['STP', 'SXD'] });
  });

  it('reads real arrays, Cognito groups and the custom:agencies attribute', () => {
    expect(principalFromClaims({ sub: 'u2', roles: ['portal'], agencies: ['*'] })?.roles).toEqual(['portal']);
    const cognito = principalFromClaims({ sub: 'u3', 'cognito:groups': '[finance]', 'custom:agencies': 'STP,SYT' });
    expect(cognito).toEqual({ subject: 'u3', roles: ['finance'], agencies: ['STP', 'SYT'] });
  });

  it('ignores unknown roles and refuses claims without a subject', () => {
    expect(principalFromClaims({ sub: 'u4', roles: '[admin finance]' })?.roles).toEqual(['finance']);
    expect(principalFromClaims({ roles: '[finance]' })).toBeUndefined();
    expect(principalFromClaims(undefined)).toBeUndefined();
  });
});

describe('canActForAgency', () => {
  it('limits finance staff to their agencies and lets the province see all', () => {
    const finance = principalFromClaims({ sub: 'f', roles: '[finance]', agencies: '[STP]' })!;
    expect(canActForAgency(finance, 'STP')).toBe(true);
    expect(canActForAgency(finance, 'SXD')).toBe(false);
    const province = principalFromClaims({ sub: 'p', roles: '[province]', agencies: '[]' })!;
    expect(canActForAgency(province, 'SXD')).toBe(true);
    const everyAgency = principalFromClaims({ sub: 'a', roles: '[finance]', agencies: '[*]' })!;
    expect(canActForAgency(everyAgency, 'SXD')).toBe(true);
  });
});

// Proves the dev server resolves routes as API Gateway does: parameters decoded, literals before parameters, 405 vs 404.
import { compileRoutes, matchRoute } from '../../../functions/local/route-table';
import type { FunctionDefinition } from '../../../functions/manifest';

const fns: FunctionDefinition[] = [
  { name: 'Get', entry: 'x.ts', routes: [{ method: 'GET', path: '/v1/things/{id}', auth: 'public' }] },
  { name: 'Export', entry: 'y.ts', routes: [{ method: 'GET', path: '/v1/things/export', auth: 'jwt' }] },
  { name: 'Cancel', entry: 'z.ts', routes: [{ method: 'POST', path: '/v1/things/{id}/cancel', auth: 'jwt' }] },
];
const routes = compileRoutes(fns);

describe('matchRoute', () => {
  it('extracts and decodes path parameters', () => {
    const match = matchRoute(routes, 'POST', '/v1/things/a%20b/cancel');
    expect(match).toMatchObject({ kind: 'found', pathParameters: { id: 'a b' } });
  });

  it('prefers a literal segment over a parameter', () => {
    const match = matchRoute(routes, 'GET', '/v1/things/export');
    expect(match.kind === 'found' && match.compiled.fn.name).toBe('Export');
  });

  it('tells a wrong method from an unknown path', () => {
    expect(matchRoute(routes, 'DELETE', '/v1/things/1')).toEqual({ kind: 'wrong-method', allowed: ['GET'] });
    expect(matchRoute(routes, 'GET', '/v1/things/1/extra')).toEqual({ kind: 'not-found' });
    expect(matchRoute(routes, 'GET', '/v1/things/')).toEqual({ kind: 'not-found' });
  });
});

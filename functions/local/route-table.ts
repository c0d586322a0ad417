import type { FunctionDefinition, HttpMethod, HttpRoute } from '../manifest';

/** Matches request paths against the manifest's API Gateway-style routes (`/v1/procedures/{code}`). */
export interface CompiledRoute {
  readonly route: HttpRoute;
  readonly fn: FunctionDefinition;
  readonly routeKey: string;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly compiled: CompiledRoute; readonly pathParameters: Record<string, string> }
  | { readonly kind: 'wrong-method'; readonly allowed: readonly HttpMethod[] }
  | { readonly kind: 'not-found' };

export function compileRoutes(functions: readonly FunctionDefinition[]): CompiledRoute[] {
  const compiled: CompiledRoute[] = [];
  for (const fn of functions) {
    for (const route of fn.routes ?? []) {
      const paramNames: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          const param = /^\{([A-Za-z0-9_]+)\}$/.exec(segment);
          if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          paramNames.push(param[1]!);
          return '([^/]+)';
        })
        .join('/');
      compiled.push({ route, fn, routeKey: `${route.method} ${route.path}`, pattern: new RegExp(`^${source}$`), paramNames });
    }
  }
  // Literal segments win over parameters, as in API Gateway (/v1/x/export before /v1/x/{id}).
  return compiled.sort((a, b) => a.paramNames.length - b.paramNames.length);
}

export function matchRoute(routes: readonly CompiledRoute[], method: string, path: string): RouteMatch {
  const allowed: HttpMethod[] = [];
  for (const compiled of routes) {
    const match = compiled.pattern.exec(path);
    if (!match) continue;
    if (compiled.route.method !== method) {
      allowed.push(compiled.route.method);
      continue;
    }
    const pathParameters: Record<string, string> = {};
    compiled.paramNames.forEach((name, i) => {
      pathParameters[name] = safeDecode(match[i + 1] ?? '');
    });
    return { kind: 'found', compiled, pathParameters };
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed: [...new Set(allowed)] } : { kind: 'not-found' };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

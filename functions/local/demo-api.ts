/**
 * The demo's HTTP client for the local stack: JSON in and out, a bearer token when given. The demo
 * goes through the API (and the mocks' own routes) as real callers do, never around it.
 */
export type DemoCall = (
  path: string,
  init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<{ status: number; body: Record<string, unknown> }>;

export function demoApi(baseUrl: string): DemoCall {
  return async (path, init = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };
}

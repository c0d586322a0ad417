/**
 * The framework-free request/response pair the mocks speak, so the dev server (or a test) can mount
 * them without the mocks knowing which HTTP server is in front.
 */
export interface MockRequest {
  method: string;
  /** Path only, no query string: `/mock-bank/pay/pay_01`. */
  path: string;
  query: URLSearchParams;
  /** Header names in any case; the mocks look them up case-insensitively. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export function headerOf(req: MockRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): MockResponse {
  return jsonText(status, JSON.stringify(body), headers);
}

/** JSON whose exact bytes matter (they are signed), so the caller serialises once. */
export function jsonText(status: number, text: string, headers: Record<string, string> = {}): MockResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers }, body: text };
}

// Pages hold no scripts; 'none' for everything but inline styles. form-action is left open on purpose:
// browsers apply it to the redirect after the form POST, and that redirect leaves for the service.
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function htmlPage(status: number, page: string): MockResponse {
  return { status, headers: { ...PAGE_HEADERS }, body: page };
}

export function csv(filename: string, text: string): MockResponse {
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
    body: text,
  };
}

export function redirect(location: string): MockResponse {
  return { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' }, body: '' };
}

export function methodNotAllowed(allowed: string[]): MockResponse {
  return json(405, { error: { code: 'METHOD_NOT_ALLOWED', message: `use ${allowed.join(' or ')}` } }, { Allow: allowed.join(', ') });
}

export function tooLarge(limitBytes: number): MockResponse {
  return json(413, { error: { code: 'BODY_TOO_LARGE', message: `the body is over ${limitBytes} bytes` } });
}

/** A form body as fields; undefined when it is over the limit. */
export function readForm(req: MockRequest, maxBytes: number): URLSearchParams | undefined {
  if (req.body.length > maxBytes) return undefined;
  return new URLSearchParams(req.body.toString('utf8'));
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: MockResponse };

export function readJson(req: MockRequest, maxBytes: number): JsonBody {
  if (req.body.length > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  try {
    return { ok: true, value: req.body.length === 0 ? {} : JSON.parse(req.body.toString('utf8')) };
  } catch {
    return { ok: false, response: json(400, { error: { code: 'INVALID_JSON', message: 'the body is not JSON' } }) };
  }
}

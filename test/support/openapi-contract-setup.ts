import { buildOpenApiDocument } from '../../functions/openapi/openapi-document';
import { OpenApiContract } from './openapi-contract';

/**
 * Set up for every e2e test file: every fetch the suite makes — the tests' own calls, and the mock
 * providers' callbacks into the service — is checked against the API document (openapi-contract.ts).
 * A status, media type or field the document does not describe fails the test that made the call
 * (or, for a call still in flight when it ended, the file).
 */
const contract = new OpenApiContract(buildOpenApiDocument());
const problems: string[] = [];
const originalFetch = globalThis.fetch;

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const response = await originalFetch(input, init);
  if (input instanceof Request) return response;
  // A followed redirect is judged as the GET it ended with.
  const url = new URL(response.redirected ? response.url : String(input));
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') return response;
  const headers = new Headers(init?.headers);
  const body = init?.body;
  const requestBody = typeof body === 'string' ? body : body instanceof URLSearchParams ? body.toString() : Buffer.isBuffer(body) ? body.toString('utf8') : undefined;
  const responseBody = Buffer.from(await response.clone().arrayBuffer());
  problems.push(
    ...contract.check({
      method: response.redirected ? 'GET' : (init?.method ?? 'GET').toUpperCase(),
      url,
      requestContentType: headers.get('content-type') ?? (body instanceof URLSearchParams ? 'application/x-www-form-urlencoded' : undefined),
      requestBody: response.redirected ? undefined : requestBody,
      status: response.status,
      responseHeaders: response.headers,
      responseBody,
    }),
  );
  return response;
};

function reportProblems(): void {
  if (problems.length === 0) return;
  const found = problems.splice(0);
  throw new Error(`The API document does not describe what the service did:\n- ${found.join('\n- ')}`);
}

afterEach(reportProblems);
afterAll(reportProblems);

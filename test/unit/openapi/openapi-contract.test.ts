// Proves the e2e suite's contract check refuses what the document does not describe: an extra field, an undocumented status or media type, a bad request body on a success; and passes what it does.
import { buildOpenApiDocument } from '../../../functions/openapi/openapi-document';
import { OpenApiContract, type Exchange } from '../../support/openapi-contract';

const contract = new OpenApiContract(buildOpenApiDocument());
const quote = { procedureCode: 'CT-CHUKY', amount: 10000, currency: 'VND', channel: 'ONLINE', businessDate: '2026-01-10', lines: [{ feeCode: 'P-CTCK', name: 'Phí chứng thực chữ ký', kind: 'PHI', amount: 10000, explanation: '10.000 ₫' }] };
const exchange = (overrides: Partial<Exchange> & { json?: unknown } = {}): Exchange => ({
  method: 'POST',
  url: new URL('http://127.0.0.1:3000/v1/fees/quote'),
  requestContentType: 'application/json',
  requestBody: JSON.stringify({ procedureCode: 'CT-CHUKY' }),
  status: 200,
  responseHeaders: new Headers({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r1', ...Object.fromEntries(overrides.responseHeaders ?? []) }),
  responseBody: Buffer.from(JSON.stringify(overrides.json ?? quote)),
  ...overrides,
});

describe('OpenApiContract', () => {
  it('passes an exchange the document describes', () => {
    expect(contract.check(exchange())).toEqual([]);
  });

  it('refuses a response field the schema does not name', () => {
    expect(contract.check(exchange({ json: { ...quote, discount: 5000 } }))).toEqual([expect.stringContaining('must NOT have additional properties (discount)')]);
  });

  it('refuses a status and a media type the operation does not document', () => {
    expect(contract.check(exchange({ status: 418 }))).toEqual([expect.stringContaining('gives no 418')]);
    expect(contract.check(exchange({ responseHeaders: new Headers({ 'content-type': 'text/plain', 'x-request-id': 'r1' }) }))).toEqual([expect.stringContaining('text/plain is not documented')]);
  });

  it('refuses an error body out of the shared shape, and a success whose request the document would not allow', () => {
    expect(contract.check(exchange({ status: 422, json: { error: { code: 'UNKNOWN_PROCEDURE', message: 'x' } } }))).toEqual([expect.stringContaining("must have required property 'details'"), expect.stringContaining("must have required property 'requestId'")]);
    expect(contract.check(exchange({ requestBody: JSON.stringify({ procedureCode: 'CT-CHUKY', inputs: { page: 2 } }) }))).toEqual([expect.stringContaining('request body: /inputs must NOT have additional properties (page)')]);
    expect(contract.check(exchange({ url: new URL('http://127.0.0.1:3000/v1/fees/quote?debug=1') }))).toEqual([expect.stringContaining('query parameter debug is not documented')]);
  });

  it('leaves alone paths the document does not describe, such as the mock providers', () => {
    expect(contract.check(exchange({ url: new URL('http://127.0.0.1:3000/mock-bank/pay/pay_x'), status: 418 }))).toEqual([]);
  });
});

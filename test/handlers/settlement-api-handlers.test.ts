// Proves the settlement upload edge refuses before storing anything: a body over 10 MB (413), a body that is not text/csv (415), a day in the future or an unknown provider (400), and an upload URL where the store has none (501).
import { useDependencies, type Dependencies } from '../../functions/composition';
import { handler as upload } from '../../functions/settlements/upload-settlement.handler';
import { handler as uploadUrl } from '../../functions/settlements/create-upload-url.handler';
import { FileSystemSettlementFileStore } from '../../functions/adapters/filesystem/filesystem-settlement-file-store';
import { anApiEvent } from '../support/api-events';
import { lambdaContext } from '../../functions/local/lambda-context';

const finance = { sub: 'finance-1', roles: '[finance]', agencies: '[*]' };
const put = jest.fn();
const request = jest.fn();
const csvEvent = (overrides: Parameters<typeof anApiEvent>[0] = {}) =>
  anApiEvent({
    method: 'PUT',
    path: '/v1/settlements/mock-bank/2026-03-10',
    pathParameters: { provider: 'mock-bank', businessDate: '2026-03-10' },
    headers: { 'content-type': 'text/csv' },
    body: 'provider_txn_id,payment_id,amount,fee,status,paid_at\n',
    claims: finance,
    ...overrides,
  });
const call = async (fn: typeof upload, event: ReturnType<typeof anApiEvent>) => {
  const response = (await fn(event, lambdaContext('test', 1000))) as { statusCode: number; body: string };
  return { status: response.statusCode, error: (JSON.parse(response.body) as { error?: { code: string; details: Array<{ path: string }> } }).error };
};

beforeAll(() => {
  useDependencies({
    clock: { now: () => new Date('2026-03-11T08:00:00+07:00') },
    config: { RECONCILIATION_PENDING_WINDOW_MINUTES: 30, SETTLEMENT_FILE_MAX_MB: 512 },
    settlementFiles: Object.assign(new FileSystemSettlementFileStore(), { put }),
    settlements: { accept: jest.fn(), request },
  } as unknown as Dependencies);
});

describe('settlement upload edge', () => {
  it('answers 413 for a body over 10 MB', async () => {
    expect(await call(upload, csvEvent({ body: 'x'.repeat(10 * 1024 * 1024 + 1) }))).toMatchObject({ status: 413, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers 415 for a body that is not text/csv', async () => {
    expect(await call(upload, csvEvent({ headers: { 'content-type': 'application/json' } }))).toMatchObject({ status: 415, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('answers 400 for a future day or an unknown provider', async () => {
    const future = await call(upload, csvEvent({ pathParameters: { provider: 'mock-bank', businessDate: '2026-03-12' } }));
    expect(future).toMatchObject({ status: 400, error: { details: [{ path: 'businessDate' }] } });
    const unknown = await call(upload, csvEvent({ pathParameters: { provider: 'bank-x', businessDate: '2026-03-10' } }));
    expect(unknown).toMatchObject({ status: 400, error: { details: [{ path: 'provider' }] } });
    expect(put).not.toHaveBeenCalled();
  });

  it('answers 501 for an upload URL when files are kept in a local directory', async () => {
    const event = csvEvent({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sizeBytes: 1000 }) });
    expect(await call(uploadUrl, event)).toMatchObject({ status: 501, error: { code: 'UPLOAD_URL_UNAVAILABLE' } });
    expect(request).not.toHaveBeenCalled();
  });
});

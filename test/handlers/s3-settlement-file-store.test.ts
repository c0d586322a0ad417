// Proves the hand-written S3 settlement-file store: against a local server standing in for S3 it writes with content type and length, reads (streamed) and heads the exact version, turns a missing object into SettlementObjectMissingError and other answers into errors naming status and code, and retries only what may pass; and its signed requests and presigned URLs are the ones @aws-sdk/client-s3 and getSignedUrl make for the same inputs, credentials and clock.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { SettlementObjectMissingError } from '../../domain/ports/settlement-file-store';
import type { Credentials } from '../../functions/adapters/aws/signed-requests';
import { S3RequestError, S3SettlementFileStore } from '../../functions/adapters/s3/s3-settlement-file-store';
import { FakeS3 } from '../support/fake-s3';
import { dropSdkBookkeepingHeaders, sent, signingDateOf } from '../support/sdk-requests';

const BUCKET = 'fee-payments-dev-settlements';
const REGION = 'ap-southeast-1';
const credentials: Credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'session-token-example' };
const key = 'incoming/mock-bank/2026-03-10/upl_01KAAAAAAAAAAAAAAAAAA.csv';
const s3 = new FakeS3(BUCKET);
const aStore = (options: { bucket?: string; endpoint?: string } = {}) =>
  new S3SettlementFileStore({ bucket: options.bucket ?? BUCKET, region: REGION, endpoint: options.endpoint ?? s3.endpoint, credentials: async () => credentials });
const pathOf = (url: string) => new URL(url, 'http://s3.local').pathname;
const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://s3.local').searchParams);
const text = async (chunks: AsyncIterable<Uint8Array>) => {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
};

beforeAll(() => s3.start());
afterAll(() => s3.stop());
beforeEach(() => s3.reset());

describe('S3SettlementFileStore against a stand-in S3', () => {
  it('puts a file with its content type, length and payload hash, signed, and keeps the version S3 gave it', async () => {
    const body = new TextEncoder().encode('provider_txn_id,payment_id,amount,fee,status,paid_at\n');

    const ref = await aStore().put('settlements/a.csv', body, { contentType: 'text/csv' });

    const [request] = s3.requests;
    expect(ref).toEqual({ key: 'settlements/a.csv', versionId: s3.versionsOf('settlements/a.csv')[0]!.versionId });
    expect([request!.method, pathOf(request!.url), queryOf(request!.url)]).toEqual(['PUT', `/${BUCKET}/settlements/a.csv`, { 'x-id': 'PutObject' }]);
    expect(request!.headers).toMatchObject({
      'content-type': 'text/csv',
      'content-length': String(body.byteLength),
      'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
      'x-amz-security-token': 'session-token-example',
      authorization: expect.stringMatching(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/ap-southeast-1\/s3\/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
      ),
    });
    expect(s3.versionsOf('settlements/a.csv')[0]!.body.toString('utf8')).toBe('provider_txn_id,payment_id,amount,fee,status,paid_at\n');
  });

  it('encodes each segment of a key once, and S3 stores it under the key itself', async () => {
    const odd = 'incoming/mock bank/ä+(1)!.csv';

    await aStore().put(odd, new TextEncoder().encode('x'), { contentType: 'text/csv' });

    expect(pathOf(s3.requests[0]!.url)).toBe(`/${BUCKET}/incoming/mock%20bank/%C3%A4%2B%281%29%21.csv`);
    expect(s3.versionsOf(odd)).toHaveLength(1);
  });

  it('reads the version it is given as a stream, chunk by chunk as S3 sends them', async () => {
    const first = s3.putObject(key, 'a,b\nc,d\n');
    s3.putObject(key, 'a newer upload\n');
    const held = s3.holdAfterFirstChunk();

    const chunks = (await aStore().read({ key, versionId: first }))[Symbol.asyncIterator]();
    const firstChunk = await chunks.next();
    await held.firstChunkSent;
    held.release();
    let rest = '';
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) rest += Buffer.from(next.value).toString('utf8');

    expect(Buffer.from(firstChunk.value as Uint8Array).toString('utf8') + rest).toBe('a,b\nc,d\n');
    expect(queryOf(s3.requests[0]!.url)).toEqual({ 'x-id': 'GetObject', versionId: first });
  });

  it('reads the current version when the reference names none', async () => {
    s3.putObject(key, 'old\n');
    s3.putObject(key, 'current\n');

    expect(await text(await aStore().read({ key }))).toBe('current\n');
    expect(queryOf(s3.requests[0]!.url)).toEqual({ 'x-id': 'GetObject' });
  });

  it('reports a missing object or version as SettlementObjectMissingError, but a missing bucket as the fault it is', async () => {
    await expect(aStore().read({ key })).rejects.toEqual(new SettlementObjectMissingError(key));
    s3.putObject(key, 'a,b\n');
    await expect(aStore().read({ key, versionId: 'no-such-version' })).rejects.toBeInstanceOf(SettlementObjectMissingError);
    await expect(aStore({ bucket: 'another-bucket' }).read({ key })).rejects.toThrow(new S3RequestError('GetObject', key, 404, 'NoSuchBucket'));
  });

  it('heads an object: its size and version, or undefined when there is none', async () => {
    const versionId = s3.putObject(key, '1234567890');

    expect(await aStore().head({ key })).toEqual({ key, sizeBytes: 10, versionId });
    expect(await aStore().head({ key, versionId })).toEqual({ key, sizeBytes: 10, versionId });
    expect(await aStore().head({ key, versionId: 'no-such-version' })).toBeUndefined();
    expect(await aStore().head({ key: 'incoming/nothing.csv' })).toBeUndefined();
    expect(s3.requests.map((request) => [request.method, queryOf(request.url)])).toEqual([
      ['HEAD', {}],
      ['HEAD', { versionId }],
      ['HEAD', { versionId: 'no-such-version' }],
      ['HEAD', {}],
    ]);
  });

  it('names the status and S3’s error code of any other answer, and does not retry it', async () => {
    s3.putObject(key, 'a,b\n');
    s3.failNext({ status: 403, code: 'AccessDenied' }, { status: 403 });

    await expect(aStore().read({ key })).rejects.toThrow(`S3 GetObject of ${key} failed: HTTP 403 AccessDenied`);
    await expect(aStore().head({ key })).rejects.toThrow(`S3 HeadObject of ${key} failed: HTTP 403`);
    expect(s3.requests).toHaveLength(2);
  });

  it('retries a 5xx up to three attempts in all, then gives up naming the last answer', async () => {
    s3.putObject(key, 'a,b\n');
    s3.failNext({ status: 503, code: 'SlowDown' });

    expect(await text(await aStore().read({ key }))).toBe('a,b\n');
    expect(s3.requests).toHaveLength(2);

    s3.requests.length = 0;
    s3.failNext({ status: 500, code: 'InternalError' }, { status: 500, code: 'InternalError' }, { status: 500, code: 'InternalError' });
    await expect(aStore().put(key, new Uint8Array([1]), { contentType: 'text/csv' })).rejects.toThrow(`S3 PutObject of ${key} failed: HTTP 500 InternalError`);
    expect(s3.requests).toHaveLength(3);
  });

  it('says no answer came when it cannot reach S3, keeping the cause', async () => {
    const unreachable = new FakeS3(BUCKET);
    await unreachable.start();
    const endpoint = unreachable.endpoint;
    await unreachable.stop();

    const failure = aStore({ endpoint }).head({ key });

    await expect(failure).rejects.toThrow(`S3 HeadObject of ${key} failed: HTTP 0`);
    await expect(failure).rejects.toMatchObject({ cause: expect.objectContaining({ code: 'ECONNREFUSED' }) });
  });

  it('presigns a PUT a client can send the announced bytes to, with the headers it must send', async () => {
    const store = new S3SettlementFileStore({ bucket: BUCKET, region: REGION, endpoint: s3.endpoint, credentials: async () => credentials, now: () => new Date('2026-03-11T01:00:00Z') });

    const upload = await store.createUploadUrl(key, { sizeBytes: 8, contentType: 'text/csv', expiresInSeconds: 900 });
    const response = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: 'a,b\nc,d\n' });

    expect(response.status).toBe(200);
    expect(upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'text/csv', 'content-length': '8' }, expiresAt: new Date('2026-03-11T01:15:00Z') });
    expect(s3.versionsOf(key).map((version) => version.body.toString('utf8'))).toEqual(['a,b\nc,d\n']);
  });

  it('refuses a bucket name S3 cannot serve virtual-hosted over TLS', () => {
    expect(() => new S3SettlementFileStore({ bucket: 'fee.payments.settlements', region: REGION })).toThrow(/cannot be addressed virtual-hosted style/);
  });
});

describe('S3SettlementFileStore signing, compared with @aws-sdk/client-s3', () => {
  /** The SDK client as the store stands in for it; its default CRC32 on PutObject is off (see the test at the end). */
  function sdkClient(capture: HttpRequest[], answer: () => HttpResponse) {
    const client = new S3Client({
      region: REGION,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { handle: async (request: HttpRequest) => (capture.push(request), { response: answer() }) },
    });
    dropSdkBookkeepingHeaders(client);
    return client;
  }
  const answer = (headers: Record<string, string> = {}) => () => new HttpResponse({ statusCode: 200, headers: { 'x-amz-version-id': 'v-1', 'content-length': '0', ...headers }, body: Readable.from([]) });
  const storeSigningAt = (signingDate: Date | (() => Date), capture: HttpRequest[], headers?: Record<string, string>) =>
    new S3SettlementFileStore({
      bucket: BUCKET,
      region: REGION,
      credentials: async () => credentials,
      now: typeof signingDate === 'function' ? signingDate : () => signingDate,
      httpHandler: { handle: async (request: HttpRequest) => (capture.push(request), { response: answer(headers)() }) },
    });

  const keys = [key, 'settlements/mock bank/2026-03-10/ä+(1)!*~.csv'];

  it.each(keys)('sends the PutObject the SDK sends, with the same signature (key %s)', async (objectKey) => {
    const fromSdk: HttpRequest[] = [];
    const fromStore: HttpRequest[] = [];
    const body = new TextEncoder().encode('provider_txn_id,payment_id\nMB1,PAY-1\n');
    await sdkClient(fromSdk, answer()).send(new PutObjectCommand({ Bucket: BUCKET, Key: objectKey, Body: body, ContentType: 'text/csv', ContentLength: body.byteLength }));

    const ref = await storeSigningAt(signingDateOf(fromSdk[0]!), fromStore).put(objectKey, body, { contentType: 'text/csv' });

    expect(sent(fromStore[0]!)).toEqual(sent(fromSdk[0]!));
    expect(ref).toEqual({ key: objectKey, versionId: 'v-1' });
  });

  it.each(keys)('sends the GetObject and HeadObject the SDK sends, with and without a version (key %s)', async (objectKey) => {
    const fromSdk: HttpRequest[] = [];
    const sdk = sdkClient(fromSdk, answer());
    await sdk.send(new GetObjectCommand({ Bucket: BUCKET, Key: objectKey, VersionId: 'v/1+x=' }));
    await sdk.send(new GetObjectCommand({ Bucket: BUCKET, Key: objectKey }));
    await sdk.send(new HeadObjectCommand({ Bucket: BUCKET, Key: objectKey, VersionId: 'v/1+x=' }));
    await sdk.send(new HeadObjectCommand({ Bucket: BUCKET, Key: objectKey }));

    const fromStore: HttpRequest[] = [];
    // Each request signed at the second the SDK signed the same request at: four calls may span two.
    const store = storeSigningAt(() => signingDateOf(fromSdk[fromStore.length]!), fromStore);
    await store.read({ key: objectKey, versionId: 'v/1+x=' });
    await store.read({ key: objectKey });
    await store.head({ key: objectKey, versionId: 'v/1+x=' });
    await store.head({ key: objectKey });

    expect(fromStore.map(sent)).toEqual(fromSdk.map(sent));
  });

  it.each([
    ['with a session token', credentials],
    ['with long-term keys', { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example' }],
  ])('presigns the URL getSignedUrl presigns, %s', async (_, identity) => {
    const signingDate = new Date('2026-03-11T01:00:00Z');
    for (const objectKey of keys) {
      const client = new S3Client({ region: REGION, credentials: identity, requestChecksumCalculation: 'WHEN_REQUIRED' });
      const command = new PutObjectCommand({ Bucket: BUCKET, Key: objectKey, ContentType: 'text/csv', ContentLength: 52_428_800 });
      const fromSdk = await getSignedUrl(client, command, { expiresIn: 900, signingDate, signableHeaders: new Set(['content-type', 'content-length']) });

      const store = new S3SettlementFileStore({ bucket: BUCKET, region: REGION, credentials: async () => identity, now: () => signingDate });
      const upload = await store.createUploadUrl(objectKey, { sizeBytes: 52_428_800, contentType: 'text/csv', expiresInSeconds: 900 });

      expect(upload.url).toBe(fromSdk);
      const url = new URL(upload.url);
      expect([url.hostname, url.searchParams.get('X-Amz-SignedHeaders'), url.searchParams.get('X-Amz-Content-Sha256')]).toEqual([
        `${BUCKET}.s3.${REGION}.amazonaws.com`,
        'content-length;content-type;host',
        'UNSIGNED-PAYLOAD',
      ]);
    }
  });

  it('signs no checksum into an upload URL, where the SDK’s default signs the CRC32 of an empty body that S3 would then refuse', async () => {
    const signingDate = new Date('2026-03-11T01:00:00Z');
    const sdkDefault = new S3Client({ region: REGION, credentials });
    const fromSdk = new URL(await getSignedUrl(sdkDefault, new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: 'text/csv', ContentLength: 8 }), { signingDate }));
    const store = new S3SettlementFileStore({ bucket: BUCKET, region: REGION, credentials: async () => credentials, now: () => signingDate });
    const ours = new URL((await store.createUploadUrl(key, { sizeBytes: 8, contentType: 'text/csv', expiresInSeconds: 900 })).url);

    expect(fromSdk.searchParams.get('x-amz-checksum-crc32')).toBe('AAAAAA==');
    expect([...ours.searchParams.keys()].filter((name) => name.toLowerCase().includes('checksum'))).toEqual([]);
  });
});

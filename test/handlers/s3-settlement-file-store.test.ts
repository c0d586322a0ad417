// Proves the S3 settlement-file store on @aws-sdk/client-s3: with faults injected through aws-sdk-client-mock it turns a missing object or version into SettlementObjectMissingError, a missing bucket, throttling, a 5xx, a refusal or no answer at all into S3RequestError naming operation, key, status and code, and a HEAD 404 into "no such object"; against a local server standing in for S3 it writes and reads the exact version (streamed), retries a 5xx, and presigns an upload URL that accepts the announced bytes and signs no checksum.
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { SettlementObjectMissingError } from '../../domain/ports/settlement-file-store';
import { S3SettlementFileStore } from '../../functions/adapters/s3/s3-settlement-file-store';
import { FakeS3 } from '../support/fake-s3';

const BUCKET = 'fee-payments-dev-settlements';
const REGION = 'ap-southeast-1';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'session-token-example' };
const key = 'incoming/mock-bank/2026-03-10/upl_01KAAAAAAAAAAAAAAAAAA.csv';
const text = async (chunks: AsyncIterable<Uint8Array>) => {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
};
/** An S3 error answer as the SDK throws it: named by S3's code, with the status. */
const s3Error = (name: string, httpStatusCode: number, fault: 'client' | 'server' = httpStatusCode >= 500 ? 'server' : 'client') =>
  new S3ServiceException({ name, $fault: fault, $metadata: { httpStatusCode }, message: `${name} (injected)` });

describe('S3SettlementFileStore with faults injected into the S3 client', () => {
  // Every S3Client's send is stubbed in this block only; the store builds its client as in production.
  const mockS3 = () => mockClient(S3Client);
  let s3: ReturnType<typeof mockS3>;
  const store = new S3SettlementFileStore({ bucket: BUCKET, region: REGION, credentials });
  beforeAll(() => (s3 = mockS3()));
  afterAll(() => s3.restore());
  beforeEach(() => s3.reset());

  it('puts a file with its content type and exact length, and keeps the version S3 gave it', async () => {
    s3.on(PutObjectCommand).resolves({ VersionId: 'v-1' });
    const body = new TextEncoder().encode('provider_txn_id,payment_id,amount,fee,status,paid_at\n');

    const ref = await store.put(key, body, { contentType: 'text/csv' });

    expect(ref).toEqual({ key, versionId: 'v-1' });
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toEqual({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'text/csv', ContentLength: body.byteLength });
  });

  it('reads the version it is given, and the current one when the reference names none', async () => {
    s3.on(GetObjectCommand).callsFake(() => ({ Body: Readable.from([Buffer.from('a,b\n'), Buffer.from('c,d\n')]) as never }));

    expect(await text(await store.read({ key, versionId: 'v-7' }))).toBe('a,b\nc,d\n');
    await store.read({ key });

    expect(s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: BUCKET, Key: key, VersionId: 'v-7' },
      { Bucket: BUCKET, Key: key },
    ]);
  });

  it('reports a missing object or version as SettlementObjectMissingError', async () => {
    s3.on(GetObjectCommand)
      .rejectsOnce(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }))
      .rejectsOnce(s3Error('NoSuchVersion', 404));

    await expect(store.read({ key })).rejects.toEqual(new SettlementObjectMissingError(key));
    await expect(store.read({ key, versionId: 'gone' })).rejects.toBeInstanceOf(SettlementObjectMissingError);
  });

  it('reports a missing bucket as the fault it is, not as a missing file', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchBucket', 404));

    const failure = store.read({ key });

    await expect(failure).rejects.toThrow(`S3 GetObject of ${key} failed: HTTP 404 NoSuchBucket`);
    await expect(failure).rejects.toMatchObject({ name: 'S3RequestError', statusCode: 404, code: 'NoSuchBucket', cause: expect.objectContaining({ name: 'NoSuchBucket' }) });
  });

  it.each([
    ['throttling', 'GetObject', s3Error('SlowDown', 503), `S3 GetObject of ${key} failed: HTTP 503 SlowDown`],
    ['a 5xx', 'PutObject', s3Error('InternalError', 500), `S3 PutObject of ${key} failed: HTTP 500 InternalError`],
    ['a refusal', 'GetObject', s3Error('AccessDenied', 403), `S3 GetObject of ${key} failed: HTTP 403 AccessDenied`],
    ['no answer at all', 'PutObject', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } }), `S3 PutObject of ${key} failed: no answer`],
  ])('names %s the SDK could not get past, keeping its error as the cause', async (_, operation, fault, message) => {
    s3.on(GetObjectCommand).rejects(fault);
    s3.on(PutObjectCommand).rejects(fault);

    const failure = operation === 'GetObject' ? store.read({ key }) : store.put(key, new Uint8Array([1]), { contentType: 'text/csv' });

    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ name: 'S3RequestError', cause: fault });
  });

  it('heads an object: its size and version, undefined on a 404, and the fault on anything else', async () => {
    s3.on(HeadObjectCommand)
      .resolvesOnce({ ContentLength: 10, VersionId: 'v-2' })
      .rejectsOnce(new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }))
      .rejectsOnce(s3Error('Forbidden', 403));

    expect(await store.head({ key })).toEqual({ key, sizeBytes: 10, versionId: 'v-2' });
    expect(await store.head({ key, versionId: 'gone' })).toBeUndefined();
    await expect(store.head({ key })).rejects.toThrow(`S3 HeadObject of ${key} failed: HTTP 403 Forbidden`);
    expect(s3.commandCalls(HeadObjectCommand).map((call) => call.args[0].input.VersionId)).toEqual([undefined, 'gone', undefined]);
  });

  it('presigns a virtual-hosted PUT with content type and length signed, no checksum, and the expiry it was asked for', async () => {
    const signing = new S3SettlementFileStore({ bucket: BUCKET, region: REGION, credentials, now: () => new Date('2026-03-11T01:00:00Z') });

    const upload = await signing.createUploadUrl(key, { sizeBytes: 52_428_800, contentType: 'text/csv', expiresInSeconds: 900 });

    const url = new URL(upload.url);
    expect([url.hostname, url.pathname]).toEqual([`${BUCKET}.s3.${REGION}.amazonaws.com`, `/${key}`]);
    expect(Object.fromEntries([...url.searchParams].filter(([name]) => !['X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'x-id'].includes(name)))).toEqual({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD',
      'X-Amz-Date': '20260311T010000Z',
      'X-Amz-Expires': '900',
      'X-Amz-SignedHeaders': 'content-length;content-type;host',
    });
    expect(upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'text/csv', 'content-length': '52428800' }, expiresAt: new Date('2026-03-11T01:15:00Z') });
    expect(s3.calls()).toHaveLength(0);
  });

  it('refuses a bucket name S3 cannot serve virtual-hosted over TLS', () => {
    expect(() => new S3SettlementFileStore({ bucket: 'fee.payments.settlements', region: REGION })).toThrow(/cannot be addressed virtual-hosted style/);
  });
});

describe('S3SettlementFileStore against a stand-in S3', () => {
  const s3 = new FakeS3(BUCKET);
  const aStore = (now?: () => Date) => new S3SettlementFileStore({ bucket: BUCKET, region: REGION, endpoint: s3.endpoint, credentials, ...(now ? { now } : {}) });
  const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://s3.local').searchParams);
  beforeAll(() => s3.start());
  afterAll(() => s3.stop());
  beforeEach(() => s3.reset());

  it('writes a file signed with the session’s credentials, and reads back exactly that version while a newer one exists', async () => {
    const ref = await aStore().put(key, new TextEncoder().encode('a,b\nc,d\n'), { contentType: 'text/csv' });
    s3.putObject(key, 'a newer upload\n');

    expect(await text(await aStore().read(ref))).toBe('a,b\nc,d\n');
    expect(ref.versionId).toBe(s3.versionsOf(key)[0]!.versionId);
    expect(s3.requests[0]!.headers).toMatchObject({ 'content-type': 'text/csv', 'content-length': '8', 'x-amz-security-token': 'session-token-example' });
    expect(queryOf(s3.requests[1]!.url)).toMatchObject({ versionId: ref.versionId });
  });

  it('streams a read chunk by chunk as S3 sends them', async () => {
    s3.putObject(key, 'a,b\nc,d\n');
    const held = s3.holdAfterFirstChunk();

    const chunks = (await aStore().read({ key }))[Symbol.asyncIterator]();
    const first = await chunks.next();
    await held.firstChunkSent;
    held.release();
    let rest = '';
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) rest += Buffer.from(next.value).toString('utf8');

    expect(Buffer.from(first.value as Uint8Array).toString('utf8') + rest).toBe('a,b\nc,d\n');
  });

  it('turns S3’s own missing-object answers into SettlementObjectMissingError, and heads nothing as undefined', async () => {
    await expect(aStore().read({ key })).rejects.toEqual(new SettlementObjectMissingError(key));
    s3.putObject(key, 'a,b\n');
    await expect(aStore().read({ key, versionId: 'no-such-version' })).rejects.toBeInstanceOf(SettlementObjectMissingError);
    expect(await aStore().head({ key, versionId: 'no-such-version' })).toBeUndefined();
  });

  it('retries a 5xx, as the SDK client is configured to', async () => {
    s3.putObject(key, 'a,b\n');
    s3.failNext({ status: 500, code: 'InternalError' });

    expect(await text(await aStore().read({ key }))).toBe('a,b\n');
    expect(s3.requests).toHaveLength(2);
  });

  it('presigns a PUT a client can send the announced bytes to', async () => {
    const upload = await aStore(() => new Date()).createUploadUrl(key, { sizeBytes: 8, contentType: 'text/csv', expiresInSeconds: 900 });

    const accepted = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: 'a,b\nc,d\n' });

    expect(accepted.status).toBe(200);
    expect(s3.versionsOf(key).map((version) => version.body.toString('utf8'))).toEqual(['a,b\nc,d\n']);
    expect([...new URL(upload.url).searchParams.keys()].filter((name) => name.toLowerCase().includes('checksum'))).toEqual([]);
  });
});

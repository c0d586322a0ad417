// Proves the S3 settlement-file store: writes with content type and length, reads and heads the exact version, turns a missing object into SettlementObjectMissingError, rethrows other faults, and presigns PUT URLs with the type and length signed.
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { SettlementObjectMissingError } from '../../domain/ports/settlement-file-store';
import { S3SettlementFileStore } from '../../functions/adapters/s3/s3-settlement-file-store';

const s3 = mockClient(S3Client);
const client = () => new S3Client({ region: 'ap-southeast-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example' } });
const aStore = () => new S3SettlementFileStore(client(), 'fee-payments-dev-settlements', undefined, () => new Date('2026-03-11T01:00:00Z'));
const key = 'incoming/mock-bank/2026-03-10/upl_01KAAAAAAAAAAAAAAAAAA.csv';
const serviceError = (name: string, status: number) => new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: name });

beforeEach(() => s3.reset());

describe('S3SettlementFileStore', () => {
  it('puts a file with its content type and length and keeps the version S3 gave it', async () => {
    s3.on(PutObjectCommand).resolves({ VersionId: 'v-1' });
    const body = new TextEncoder().encode('provider_txn_id,payment_id,amount,fee,status,paid_at\n');
    expect(await aStore().put('settlements/a.csv', body, { contentType: 'text/csv' })).toEqual({ key: 'settlements/a.csv', versionId: 'v-1' });
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'fee-payments-dev-settlements',
      Key: 'settlements/a.csv',
      ContentType: 'text/csv',
      ContentLength: body.byteLength,
    });
  });

  it('reads the version it is given, chunk by chunk', async () => {
    s3.on(GetObjectCommand).resolves({ Body: Readable.from([Buffer.from('a,b\n'), Buffer.from('c,d\n')]) as never });
    const chunks: string[] = [];
    for await (const chunk of await aStore().read({ key, versionId: 'v-7' })) chunks.push(Buffer.from(chunk).toString('utf8'));
    expect(chunks.join('')).toBe('a,b\nc,d\n');
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({ Bucket: 'fee-payments-dev-settlements', Key: key, VersionId: 'v-7' });
  });

  it('reports a missing object or version as SettlementObjectMissingError', async () => {
    s3.on(GetObjectCommand).rejectsOnce(new NoSuchKey({ message: 'gone', $metadata: {} })).rejectsOnce(serviceError('NoSuchVersion', 404));
    await expect(aStore().read({ key })).rejects.toBeInstanceOf(SettlementObjectMissingError);
    await expect(aStore().read({ key, versionId: 'v-0' })).rejects.toBeInstanceOf(SettlementObjectMissingError);
  });

  it('heads an object: its size and version, or undefined when there is none', async () => {
    s3.on(HeadObjectCommand).resolvesOnce({ ContentLength: 1234, VersionId: 'v-2' }).rejectsOnce(new NotFound({ message: 'no', $metadata: {} })).rejectsOnce(serviceError('NotFound', 404));
    expect(await aStore().head({ key })).toEqual({ key, sizeBytes: 1234, versionId: 'v-2' });
    expect(await aStore().head({ key })).toBeUndefined();
    expect(await aStore().head({ key })).toBeUndefined();
  });

  it('lets other faults through (access denied, throttling, server errors)', async () => {
    s3.on(HeadObjectCommand).rejects(serviceError('AccessDenied', 403));
    s3.on(GetObjectCommand).rejects(serviceError('InternalError', 500));
    await expect(aStore().head({ key })).rejects.toThrow('AccessDenied');
    await expect(aStore().read({ key })).rejects.toThrow('InternalError');
  });

  it('presigns a PUT for exactly the announced bytes, with content type and length signed', async () => {
    const upload = await aStore().createUploadUrl(key, { sizeBytes: 52_428_800, contentType: 'text/csv', expiresInSeconds: 900 });
    const url = new URL(upload.url);
    expect(url.hostname).toBe('fee-payments-dev-settlements.s3.ap-southeast-1.amazonaws.com');
    expect(url.pathname).toBe(`/${key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'text/csv', 'content-length': '52428800' }, expiresAt: new Date('2026-03-11T01:15:00Z') });
    expect(s3.calls()).toHaveLength(0);
  });
});

// Proves taking in settlement files on DynamoDB Local: a valid file becomes the day's file, a refused one (bad row, wrong day) stores nothing and replaces nothing, and an upload-URL upload is decided once when its object arrives.
import type { SettlementFileStore, StoredObjectInfo, StoredObjectRef, UploadUrl } from '../../domain/ports/settlement-file-store';
import { SettlementObjectMissingError } from '../../domain/ports/settlement-file-store';
import { acceptUploadedObject, requestSettlementUploadUrl, uploadSettlementFile } from '../../functions/settlements/store-settlement-file';
import { createTestTable, type TestTable } from '../support/dynamodb';
import { itemsWritten, ManualClock } from '../support/payments';
import { reconciliationDependencies, settlementCsv, type ReconciliationTestDependencies } from '../support/reconciliation';

/** An in-memory bucket with upload URLs, standing in for S3 (whose adapter has its own tests). */
class MemoryBucket implements SettlementFileStore {
  readonly objects = new Map<string, Uint8Array>();
  async put(key: string, body: Uint8Array): Promise<StoredObjectRef> {
    this.objects.set(key, body);
    return { key };
  }
  async read(ref: StoredObjectRef): Promise<AsyncIterable<Uint8Array>> {
    const body = this.objects.get(ref.key);
    if (!body) throw new SettlementObjectMissingError(ref.key);
    // Chunks that split rows anywhere, as a network stream does.
    return (async function* () {
      for (let i = 0; i < body.length; i += 7) yield body.subarray(i, i + 7);
    })();
  }
  async head(ref: StoredObjectRef): Promise<StoredObjectInfo | undefined> {
    const body = this.objects.get(ref.key);
    return body ? { key: ref.key, sizeBytes: body.length } : undefined;
  }
  async createUploadUrl(key: string, options: { sizeBytes: number; expiresInSeconds: number }): Promise<UploadUrl> {
    return { url: `https://bucket.example/${key}`, method: 'PUT', headers: { 'content-length': String(options.sizeBytes) }, expiresAt: new Date(Date.now() + options.expiresInSeconds * 1000) };
  }
}

const DAY = '2026-03-10';
const row = (n: number, amount = 14_000, paidAt = `${DAY}T09:0${n}:00+07:00`) => ({ providerTxnId: `MB00000000000${n}`, paymentId: `pay_0000000000AAAAAAAAAA${n}`, amount, paidAt });

describe('settlement files on DynamoDB Local', () => {
  let table: TestTable;
  let deps: ReconciliationTestDependencies;
  const bucket = new MemoryBucket();
  const clock = new ManualClock(new Date('2026-03-11T08:00:00+07:00'));

  beforeAll(async () => {
    table = await createTestTable();
    deps = await reconciliationDependencies(table, clock, bucket);
  });
  afterAll(async () => table.drop());

  const upload = (csv: string, businessDate = DAY) => uploadSettlementFile({ provider: 'mock-bank', businessDate, body: Buffer.from(csv), uploadedBy: 'finance-1' }, deps);

  it('keeps a valid file and makes it the day’s file, with totals, checksum and uploader', async () => {
    const outcome = await upload(settlementCsv([row(1), row(2, 20_000), { ...row(3), status: 'REVERSED' }]));
    if (outcome.kind !== 'ACCEPTED') throw new Error(outcome.error.message);
    expect(outcome.file).toMatchObject({ rows: 3, totalAmount: 34_000, totalFee: 112 + 160, uploadedBy: 'finance-1', source: 'API' });
    expect(await deps.settlements.getCurrent('mock-bank', DAY)).toEqual(outcome.file);
    expect(bucket.objects.has(outcome.file.objectKey)).toBe(true);
    expect(await deps.settlements.listUploads('mock-bank', DAY)).toEqual([expect.objectContaining({ uploadId: outcome.file.uploadId, status: 'ACCEPTED' })]);
  });

  it.each([
    ['a bad fee', settlementCsv([row(1), row(2)]).replace(',112,SUCCEEDED,2026-03-10T09:02', ',1x2,SUCCEEDED,2026-03-10T09:02'), 3, 'fee'],
    ['a row of another day', settlementCsv([row(1), row(2, 14_000, '2026-03-11T00:00:00+07:00')]), 3, 'paid_at'],
    ['a row paid before the next-day window', settlementCsv([row(1, 14_000, '2026-03-09T23:29:59+07:00')]), 2, 'paid_at'],
    ['a wrong header', 'provider_txn_id,payment_id,amount,status,paid_at\n', 1, 'header'],
  ])('refuses %s by line and field, storing and replacing nothing', async (_what, csv, line, field) => {
    const before = await itemsWritten(table.doc, table.tableName);
    const objects = bucket.objects.size;
    const outcome = await upload(csv);
    expect(outcome).toMatchObject({ kind: 'INVALID', error: { line, field } });
    expect(await itemsWritten(table.doc, table.tableName)).toEqual(before);
    expect(bucket.objects.size).toBe(objects);
    expect((await deps.settlements.getCurrent('mock-bank', DAY))?.rows).toBe(3);
  });

  it('accepts a payment of the previous evening inside the next-day window', async () => {
    const outcome = await upload(settlementCsv([row(1, 14_000, '2026-03-10T23:30:00+07:00')]), '2026-03-11');
    expect(outcome.kind).toBe('ACCEPTED');
  });

  it('replaces the day’s file with a newer valid one', async () => {
    const outcome = await upload(settlementCsv([row(4)]));
    expect(outcome.kind).toBe('ACCEPTED');
    expect((await deps.settlements.getCurrent('mock-bank', DAY))?.rows).toBe(1);
    expect((await deps.settlements.listUploads('mock-bank', DAY)).map((item) => item.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
  });

  describe('through an upload URL', () => {
    const requestUrl = async (sizeBytes: number) => {
      const outcome = await requestSettlementUploadUrl({ provider: 'mock-bank', businessDate: '2026-03-09', sizeBytes, requestedBy: 'finance-2' }, deps);
      if (outcome.kind !== 'CREATED') throw new Error(outcome.kind);
      const key = new URL(outcome.upload.url).pathname.slice(1);
      return { uploadId: outcome.uploadId, key };
    };

    it('decides the upload once its object arrives, and once only', async () => {
      const csv = settlementCsv([row(5, 50_000, '2026-03-09T10:00:00+07:00')]);
      const { uploadId, key } = await requestUrl(csv.length);
      expect(await deps.settlements.getUpload('mock-bank', '2026-03-09', uploadId)).toMatchObject({ status: 'REQUESTED', requestedBy: 'finance-2', declaredSizeBytes: csv.length });
      bucket.objects.set(key, Buffer.from(csv));
      expect(await acceptUploadedObject({ key }, deps)).toMatchObject({ kind: 'ACCEPTED', file: { rows: 1, totalAmount: 50_000, uploadedBy: 'finance-2', source: 'UPLOAD_URL' } });
      expect(await acceptUploadedObject({ key }, deps)).toEqual({ kind: 'ALREADY_DECIDED' });
      expect((await deps.settlements.getCurrent('mock-bank', '2026-03-09'))?.uploadId).toBe(uploadId);
    });

    it('rejects a bad object with its line, keeping the day’s file', async () => {
      const csv = settlementCsv([row(6, 60_000, '2026-03-09T10:00:00+07:00')]).replace('SUCCEEDED', 'PAID');
      const { uploadId, key } = await requestUrl(csv.length);
      bucket.objects.set(key, Buffer.from(csv));
      expect(await acceptUploadedObject({ key }, deps)).toEqual({ kind: 'REJECTED', rejection: { line: 2, field: 'status', message: expect.any(String) } });
      expect(await deps.settlements.getUpload('mock-bank', '2026-03-09', uploadId)).toMatchObject({ status: 'REJECTED', rejection: { line: 2, field: 'status' } });
      expect((await deps.settlements.getCurrent('mock-bank', '2026-03-09'))?.totalAmount).toBe(50_000);
    });

    it('refuses to hand out a URL above the size limit', async () => {
      expect(await requestSettlementUploadUrl({ provider: 'mock-bank', businessDate: '2026-03-09', sizeBytes: 513 * 1024 * 1024, requestedBy: 'f' }, deps)).toEqual({ kind: 'TOO_LARGE', maxBytes: 512 * 1024 * 1024 });
    });

    it('leaves alone objects no upload was requested for', async () => {
      expect(await acceptUploadedObject({ key: 'incoming/mock-bank/2026-03-09/upl_01KZZZZZZZZZZZZZZZZZZ.csv' }, deps)).toMatchObject({ kind: 'IGNORED' });
      expect(await acceptUploadedObject({ key: 'settlements/mock-bank/2026-03-09/upl_01KZZZZZZZZZZZZZZZZZZ.csv' }, deps)).toMatchObject({ kind: 'IGNORED' });
    });
  });
});

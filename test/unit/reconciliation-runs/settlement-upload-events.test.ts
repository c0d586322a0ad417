// Proves the settlement-upload consumer reads S3 event notifications: created objects with URL-decoded keys and versions, S3's test event as nothing, anything else as unreadable.
import { objectsOf } from '../../../functions/settlements/settlement-uploaded.handler';

const s3Event = (records: unknown[]) => JSON.stringify({ Records: records });
const created = (key: string, versionId?: string) => ({ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key, size: 10, ...(versionId ? { versionId } : {}) } } });

describe('S3 event notifications', () => {
  it('lists created objects with their keys decoded and their versions', () => {
    expect(objectsOf(s3Event([created('incoming/mock-bank/2026-03-10/upl_1.csv', 'v1'), created('a+b%2Cc.csv')]))).toEqual([
      { key: 'incoming/mock-bank/2026-03-10/upl_1.csv', versionId: 'v1' },
      { key: 'a b,c.csv' },
    ]);
  });

  it('skips other events and answers nothing for S3’s test event', () => {
    expect(objectsOf(s3Event([{ ...created('x.csv'), eventName: 'ObjectRemoved:Delete' }]))).toEqual([]);
    expect(objectsOf(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }))).toEqual([]);
  });

  it.each(['not json', '[]', '{"Records": "x"}', s3Event([{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { object: {} } }]), s3Event([created('%E0%A4%A')])])(
    'calls %j unreadable',
    (body) => {
      expect(objectsOf(body)).toBeUndefined();
    },
  );
});

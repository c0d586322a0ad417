// Proves settlement object keys: the API's and the upload URL's live apart, and only well-formed upload-URL keys are read back into a provider, date and upload.
import { acceptedObjectKey, incomingObjectKey, parseIncomingObjectKey } from '../../../functions/settlements/settlement-object-keys';

const address = { provider: 'mock-bank' as const, businessDate: '2026-03-10', uploadId: 'upl_01KAAAAAAAAAAAAAAAAAA' };

describe('settlement object keys', () => {
  it('reads an upload-URL key back', () => {
    expect(incomingObjectKey(address)).toBe('incoming/mock-bank/2026-03-10/upl_01KAAAAAAAAAAAAAAAAAA.csv');
    expect(parseIncomingObjectKey(incomingObjectKey(address))).toEqual(address);
  });

  it.each([
    ['an API key', acceptedObjectKey(address)],
    ['an unknown provider', 'incoming/bank-x/2026-03-10/upl_01KAAAAAAAAAAAAAAAAAA.csv'],
    ['an impossible date', 'incoming/mock-bank/2026-02-30/upl_01KAAAAAAAAAAAAAAAAAA.csv'],
    ['a malformed upload id', 'incoming/mock-bank/2026-03-10/upl_1.csv'],
    ['a path escape', 'incoming/mock-bank/../2026-03-10/upl_01KAAAAAAAAAAAAAAAAAA.csv'],
  ])('ignores %s', (_what, key) => {
    expect(parseIncomingObjectKey(key)).toBeUndefined();
  });
});

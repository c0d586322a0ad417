// Proves text the service reads is strict UTF-8: a bad byte is found, named by JSON path, form field or CSV line and column, and never decoded as U+FFFD.
import { checkUtf8Lines, decodeUtf8, firstInvalidUtf8Offset, InvalidUtf8LineError, jsonPathOfInvalidUtf8, parseUtf8Form } from '../../../domain/shared/utf8';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

describe('decodeUtf8 and firstInvalidUtf8Offset', () => {
  it('decodes UTF-8, Vietnamese included, and refuses anything else', () => {
    expect(decodeUtf8(bytes('Nguyễn Văn A'))).toBe('Nguyễn Văn A');
    expect(decodeUtf8(bytes('Nguy', [0xff], 'n'))).toBeUndefined();
    expect(decodeUtf8(bytes('ab', [0xe1, 0xbb]))).toBeUndefined(); // cut short
  });

  it('finds the offset of the first bad byte, including a sequence cut short at the end', () => {
    expect(firstInvalidUtf8Offset(bytes('Nguyễn'))).toBe(-1);
    expect(firstInvalidUtf8Offset(bytes('Nguyễn ', [0xc3, 0x28], ' x'))).toBe(Buffer.byteLength('Nguyễn ') + 1);
    expect(firstInvalidUtf8Offset(bytes('abc', [0xff]))).toBe(3);
    expect(firstInvalidUtf8Offset(bytes('abc', [0xe1, 0xbb]))).toBe(3);
  });
});

describe('jsonPathOfInvalidUtf8', () => {
  it('names the string holding the bad byte as zod names fields', () => {
    expect(jsonPathOfInvalidUtf8(bytes('{"dossierId":"HS-1","payer":{"name":"Nguy', [0xff], 'n"}}'))).toBe('payer.name');
    expect(jsonPathOfInvalidUtf8(bytes('{"items":[{"note":"ok"},{"note":"gi', [0xc3], '"}]}'))).toBe('items.1.note');
    expect(jsonPathOfInvalidUtf8(bytes('{"action":"NOTE","note":"', [0xe1, 0x28, 0x41], '"}'))).toBe('note');
  });

  it('answers body when the byte is outside a string or the rest is not JSON', () => {
    expect(jsonPathOfInvalidUtf8(bytes('{"a":1}', [0xff]))).toBe('body');
    expect(jsonPathOfInvalidUtf8(bytes('{"a":"', [0xff]))).toBe('body');
  });

  it('is not fooled by a real U+FFFD before the bad byte', () => {
    expect(jsonPathOfInvalidUtf8(bytes('{"a":"\uFFFD","b":"x', [0xff], '"}'))).toBe('b');
  });
});

describe('parseUtf8Form', () => {
  it('reads a form like URLSearchParams does', () => {
    const body = 'token=abc.def+ghi&name=Nguy%E1%BB%85n+V%C4%83n&empty=&flag';
    const form = parseUtf8Form(body);
    expect(form).toEqual({ ok: true, entries: [...new URLSearchParams(body)] });
  });

  it('refuses a percent-encoded or raw byte that is not UTF-8, naming the field', () => {
    expect(parseUtf8Form('pg_Amount=100&pg_OrderInfo=Thanh+to%E1n')).toEqual({ ok: false, field: 'pg_OrderInfo' });
    expect(parseUtf8Form(bytes('token=ab', [0xff]))).toEqual({ ok: false, field: 'token' });
    expect(parseUtf8Form('to%FFken=x')).toEqual({ ok: false, field: 'to?ken' });
  });
});

describe('checkUtf8Lines', () => {
  const drain = async (chunks: Uint8Array[]) => {
    const out: Uint8Array[] = [];
    for await (const chunk of checkUtf8Lines(chunks)) out.push(chunk);
    return out;
  };
  const failure = async (chunks: Uint8Array[]) => drain(chunks).then(
    () => undefined,
    (error: unknown) => error as InvalidUtf8LineError,
  );

  it('passes UTF-8 through unchanged, a character cut across chunks included', async () => {
    const file = bytes('a,b\n1,Nguyễn\n2,Văn\n');
    const cut = file.indexOf(0xbb); // inside "ễ"
    const chunks = [file.subarray(0, cut), file.subarray(cut)];
    expect(Buffer.concat(await drain(chunks))).toEqual(file);
  });

  it('names the line and the offset of the first bad byte, across chunk boundaries too', async () => {
    const file = bytes('a,b\n1,x\n2,Nguy', [0xff], 'n\n3,y\n');
    const error = await failure([file.subarray(0, 12), file.subarray(12)]);
    expect(error).toBeInstanceOf(InvalidUtf8LineError);
    expect(error).toMatchObject({ line: 3, offsetInLine: 6 });
    expect(Buffer.from(error!.lineBytes).toString('latin1')).toBe('2,Nguy\xffn');
  });

  it('refuses a sequence cut short by the end of a line or of the file', async () => {
    expect(await failure([bytes('a\nb', [0xe1, 0xbb], '\nc\n')])).toMatchObject({ line: 2 });
    expect(await failure([bytes('a\nb', [0xe1]), bytes([0xbb])])).toMatchObject({ line: 2 });
  });

  it('yields nothing from the chunk with the bad byte', async () => {
    const seen: Uint8Array[] = [];
    await expect(
      (async () => {
        for await (const chunk of checkUtf8Lines([bytes('a\n'), bytes('b', [0xff], '\n')])) seen.push(chunk);
      })(),
    ).rejects.toBeInstanceOf(InvalidUtf8LineError);
    expect(seen).toHaveLength(1);
  });
});

import busboy from 'busboy';
import { Readable } from 'node:stream';
import { decodeUtf8 } from '../../domain/shared/utf8';
import { StaffPageError } from './staff-page-error';

/**
 * A multipart/form-data body (an upload form) read with busboy, the parser Node's web frameworks use,
 * rather than by hand: boundaries, quoted parameters and part headers have many edge cases. busboy is
 * told every part is Latin-1, which maps each byte to one character and back without loss, so the
 * text fields and file names are then decoded here strictly as UTF-8: a field in another encoding is
 * refused, naming it, instead of being stored with U+FFFD in place of its letters.
 */
export interface UploadedFile {
  /** The form field's name. */
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

const LIMITS = { fields: 50, files: 5, parts: 60, fieldSize: 64 * 1024 } as const;

export async function parseMultipartForm(rawBody: Buffer, contentType: string): Promise<{ form: URLSearchParams; files: readonly UploadedFile[] }> {
  const form = new URLSearchParams();
  const files: UploadedFile[] = [];
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, defCharset: 'latin1', defParamCharset: 'latin1', limits: { ...LIMITS, fileSize: rawBody.length } });
  } catch {
    throw new StaffPageError(400, 'Biểu mẫu tải tệp không đọc được. Hãy chọn lại tệp và gửi lại.');
  }
  const problems: StaffPageError[] = [];
  const text = (latin1: string, field: string): string => {
    const decoded = decodeUtf8(Buffer.from(latin1, 'latin1'));
    if (decoded === undefined) {
      problems.push(new StaffPageError(400, `Trường “${decodeUtf8(Buffer.from(field, 'latin1')) ?? field}” có ký tự không đọc được (không phải UTF-8); chưa có gì được lưu.`));
      return '';
    }
    return decoded;
  };
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) problems.push(new StaffPageError(413));
    form.append(text(name, name), text(value, name));
  });
  parser.on('file', (name, stream, info) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('limit', () => problems.push(new StaffPageError(413)));
    stream.on('close', () => {
      // A file input left empty arrives as a part with no name and no bytes: not an upload.
      const bytes = Buffer.concat(chunks);
      if (info.filename === undefined || (info.filename === '' && bytes.length === 0)) return;
      files.push({ field: text(name, name), filename: text(info.filename, name), contentType: info.mimeType, bytes });
    });
  });
  parser.on('partsLimit', () => problems.push(new StaffPageError(413)));
  parser.on('filesLimit', () => problems.push(new StaffPageError(413)));
  parser.on('fieldsLimit', () => problems.push(new StaffPageError(413)));
  await new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', () => reject(new StaffPageError(400, 'Biểu mẫu tải tệp không đọc được. Hãy chọn lại tệp và gửi lại.')));
    Readable.from([rawBody]).pipe(parser);
  });
  if (problems[0]) throw problems[0];
  return { form, files };
}

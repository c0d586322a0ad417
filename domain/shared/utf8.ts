/**
 * Strict UTF-8 for everything the service reads as text (JSON bodies, forms, settlement files).
 * CONTRACT.md says UTF-8. `Buffer#toString('utf8')` and a default TextDecoder replace bytes that are
 * not UTF-8 with U+FFFD and carry on, so a payer's name, a staff note or a settlement row would be
 * stored mangled and nobody would know. A decoder made with `fatal: true` throws instead, and the
 * edge answers 400 naming the field or line.
 */
const fatalDecoder = () => new TextDecoder('utf-8', { fatal: true });

const strict = fatalDecoder();

/** The text of `bytes`, or undefined when they are not UTF-8. A leading byte-order mark is dropped. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

export function isUtf8(bytes: Uint8Array): boolean {
  return decodeUtf8(bytes) !== undefined;
}

/**
 * Offset of the first byte that cannot start or continue a UTF-8 sequence, or -1 when `bytes` are
 * UTF-8. A prefix decodes in streaming mode (an unfinished sequence at its end is not an error)
 * exactly when no bad byte lies in it, so a binary search finds the offset with the same decoder.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  const decodesAsPrefix = (length: number) => {
    try {
      fatalDecoder().decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  // Invariant: the first `low` bytes decode as a prefix; the first `high` do not (or are the whole, unfinished).
  let low = 0;
  let high = bytes.length;
  if (decodesAsPrefix(high)) return Math.max(0, lastSequenceStart(bytes)); // only the end is unfinished
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (decodesAsPrefix(middle)) low = middle;
    else high = middle;
  }
  return high - 1;
}

// The start of the unfinished sequence at the end of `bytes`: the last byte that is not 10xxxxxx.
function lastSequenceStart(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  while (i > 0 && ((bytes[i] as number) & 0xc0) === 0x80) i--;
  return i;
}

// ---------------------------------------------------------------------------------------------
// Forms (application/x-www-form-urlencoded), as URLSearchParams reads them but refusing bytes that
// are not UTF-8, raw or percent-encoded (URLSearchParams turns both into U+FFFD).

export type FormParseResult =
  | { readonly ok: true; readonly entries: ReadonlyArray<readonly [string, string]> }
  /** `field`: the name of the field whose name or value is not UTF-8 (as far as it can be read), or `body`. */
  | { readonly ok: false; readonly field: string };

const PLUS = 0x2b;
const PERCENT = 0x25;
const AMPERSAND = 0x26;
const EQUALS = 0x3d;

export function parseUtf8Form(body: Uint8Array | string): FormParseResult {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const entries: Array<readonly [string, string]> = [];
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(AMPERSAND, start);
    if (end === -1) end = bytes.length;
    if (end > start) {
      const pair = bytes.subarray(start, end);
      const equals = pair.indexOf(EQUALS);
      const rawName = equals === -1 ? pair : pair.subarray(0, equals);
      const rawValue = equals === -1 ? new Uint8Array(0) : pair.subarray(equals + 1);
      const name = decodeUtf8(percentDecode(rawName));
      if (name === undefined) return { ok: false, field: readableName(rawName) };
      const value = decodeUtf8(percentDecode(rawValue));
      if (value === undefined) return { ok: false, field: name };
      entries.push([name, value]);
    }
    start = end + 1;
  }
  return { ok: true, entries };
}

/** `+` as a space and `%XX` as its byte; a `%` not followed by two hex digits stays as it is. */
function percentDecode(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c === PLUS) {
      out[length++] = 0x20;
    } else if (c === PERCENT && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out[length++] = (hexValue(bytes[i + 1] as number) << 4) | hexValue(bytes[i + 2] as number);
      i += 2;
    } else {
      out[length++] = c;
    }
  }
  return out.subarray(0, length);
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

function hexValue(c: number): number {
  return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10;
}

// A field name that is not UTF-8 itself is named by its readable part, so the answer still points at it.
function readableName(rawName: Uint8Array): string {
  const readable = new TextDecoder('utf-8').decode(percentDecode(rawName)).replace(/\uFFFD/g, '?');
  return readable === '' ? 'body' : readable;
}

// ---------------------------------------------------------------------------------------------
// Line-oriented text (CSV), checked as it streams.

/** Where a stream of lines stops being UTF-8: the 1-based line and the byte offset within it. */
export class InvalidUtf8LineError extends Error {
  constructor(
    readonly line: number,
    /** The bad line's bytes (up to the LF), to name the field the bad byte sits in. */
    readonly lineBytes: Uint8Array,
    readonly offsetInLine: number,
  ) {
    super(`line ${line} is not valid UTF-8`);
    this.name = 'InvalidUtf8LineError';
  }
}

const LF = 0x0a;

/**
 * Passes chunks through unchanged, throwing InvalidUtf8LineError before the first chunk holding a byte
 * that is not UTF-8. An LF byte is never part of a multi-byte sequence, so each line is decoded on
 * its own (streaming across chunks); the bytes of a line cut across chunks are kept until its LF
 * arrives, only to say where in the line a bad byte sits.
 */
export async function* checkUtf8Lines(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let line = 1;
  let decoder = fatalDecoder();
  let carry: Uint8Array[] = [];
  const check = (segment: Uint8Array, lineEnds: boolean) => {
    try {
      decoder.decode(segment, { stream: !lineEnds });
    } catch {
      const bytes = carry.length === 0 ? segment : Buffer.concat([...carry, segment]);
      throw new InvalidUtf8LineError(line, bytes, firstInvalidUtf8Offset(bytes));
    }
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let lf = chunk.indexOf(LF, start); lf !== -1; lf = chunk.indexOf(LF, start)) {
      check(chunk.subarray(start, lf), true);
      decoder = fatalDecoder();
      carry = [];
      line++;
      start = lf + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.slice(start);
      check(rest, false);
      carry.push(rest);
    }
    yield chunk;
  }
  if (carry.length > 0) check(new Uint8Array(0), true);
}

// ---------------------------------------------------------------------------------------------
// JSON: which field holds the first bad byte.

// U+FDD0 is a noncharacter: valid in a JSON string, never sent by a real client.
const MARK = '\uFDD0not-utf8\uFDD0';

/**
 * The path (`payer.name`, `items.0.note`; as zod names fields) of the string that holds the first
 * byte of `bytes` that is not UTF-8, or `body` when the byte is outside any string or the rest is
 * not JSON anyway. The bad byte's U+FFFD in a lenient decoding is swapped for a marker and the
 * parsed document searched for it.
 */
export function jsonPathOfInvalidUtf8(bytes: Uint8Array): string {
  const offset = firstInvalidUtf8Offset(bytes);
  if (offset < 0) return 'body';
  const text = new TextDecoder('utf-8').decode(bytes);
  // Streaming holds back an unfinished sequence before the bad byte, so this counts only the good text before it.
  const index = new TextDecoder('utf-8').decode(bytes.subarray(0, offset), { stream: true }).length;
  if (text[index] !== '\uFFFD') return 'body';
  let document: unknown;
  try {
    document = JSON.parse(text.slice(0, index) + MARK + text.slice(index + 1));
  } catch {
    return 'body';
  }
  return markedPath(document, []) ?? 'body';
}

function markedPath(value: unknown, path: readonly string[]): string | undefined {
  if (typeof value === 'string') return value.includes(MARK) ? path.join('.') || 'body' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes(MARK)) return [...path, key.split(MARK).join('?')].join('.');
    const found = markedPath(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Byte-level building blocks shared by the settlement file parser and the internal transaction CSV
 * parser. They work on `Uint8Array` ranges so that a row is read without creating a string per field;
 * strings are made only for the few rows that end up in a discrepancy or an error.
 */

export const COMMA = 44;
export const LF = 10;
export const CR = 13;
const QUOTE = 34;
const SPACE = 32;

/** A longer line is refused: no valid row comes near it, and the carried-over buffer stays small. */
export const MAX_LINE_BYTES = 4096;

/** Identifiers (payment, provider transaction, dossier) are at most this many UTF-8 bytes. */
export const MAX_ID_BYTES = 128;

/**
 * Cuts a stream of chunks into runs of whole lines. Each run handed to `consume` is one or more
 * lines, every one ending in LF except possibly the very last line of the input (handed over by
 * {@link finish}). Since LF never occurs inside a UTF-8 multi-byte sequence, a chunk boundary in the
 * middle of a character or a CRLF pair is healed here, and the line parsers never see a partial line.
 */
export class LineFramer {
  private carry = new Uint8Array(256);
  private carryLength = 0;

  constructor(
    private readonly consume: (buf: Uint8Array, start: number, end: number) => void,
    /** Called (and expected to throw) when a line grows past {@link MAX_LINE_BYTES}. */
    private readonly lineTooLong: () => never,
  ) {}

  push(chunk: Uint8Array): void {
    const length = chunk.length;
    if (length === 0) return;
    let lastLf = length - 1;
    while (lastLf >= 0 && chunk[lastLf] !== LF) lastLf--;

    if (this.carryLength > 0) {
      const firstLf = lastLf < 0 ? -1 : chunk.indexOf(LF);
      const headEnd = firstLf < 0 ? length : firstLf + 1;
      this.appendToCarry(chunk, 0, headEnd);
      if (firstLf < 0) return;
      const line = this.carry;
      const lineLength = this.carryLength;
      this.carryLength = 0;
      this.consume(line, 0, lineLength);
      if (headEnd < lastLf + 1) this.consume(chunk, headEnd, lastLf + 1);
    } else if (lastLf >= 0) {
      this.consume(chunk, 0, lastLf + 1);
    }
    if (lastLf + 1 < length) this.appendToCarry(chunk, lastLf + 1, length);
  }

  /** Hands over a last line that has no LF. */
  finish(): void {
    if (this.carryLength === 0) return;
    const lineLength = this.carryLength;
    this.carryLength = 0;
    this.consume(this.carry, 0, lineLength);
  }

  private appendToCarry(chunk: Uint8Array, start: number, end: number): void {
    const needed = this.carryLength + (end - start);
    if (needed > MAX_LINE_BYTES + 2) this.lineTooLong();
    if (needed > this.carry.length) {
      const grown = new Uint8Array(Math.max(needed, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(start, end), this.carryLength);
    this.carryLength = needed;
  }
}

/** Byte length of a UTF-8 BOM at `start`, or 0. */
export function bomLength(buf: Uint8Array, start: number, end: number): number {
  return end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf ? 3 : 0;
}

/** The end of a line's content: before LF, and before a CR that precedes it. */
export function contentEnd(buf: Uint8Array, start: number, lineEnd: number): number {
  let e = lineEnd;
  if (e > start && buf[e - 1] === LF) e--;
  if (e > start && buf[e - 1] === CR) e--;
  return e;
}

/** Index of the next COMMA or LF at or after `p`, or `end`. */
export function nextDelimiter(buf: Uint8Array, p: number, end: number): number {
  while (p < end) {
    const c = buf[p] as number;
    if (c === COMMA || c === LF) return p;
    p++;
  }
  return end;
}

/** Why an identifier field is not acceptable, or null when it is. */
export function identifierProblem(buf: Uint8Array, start: number, end: number, required: boolean): string | null {
  if (start === end) return required ? 'is empty' : null;
  if (end - start > MAX_ID_BYTES) return `is longer than ${MAX_ID_BYTES} bytes`;
  let high = false;
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (c === QUOTE) return 'contains a quote; fields are not quoted in this format';
    if (c < SPACE || c === 0x7f) return 'contains a control character';
    if (c >= 0x80) high = true;
  }
  if (buf[start] === SPACE || buf[end - 1] === SPACE) return 'has leading or trailing spaces';
  if (high && !isValidUtf8(buf, start, end)) return 'is not valid UTF-8';
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

export function isValidUtf8(buf: Uint8Array, start: number, end: number): boolean {
  try {
    strictUtf8.decode(buf.subarray(start, end));
    return true;
  } catch {
    return false;
  }
}

/** The text of a byte range; ASCII (the usual case for identifiers) avoids the decoder. */
export function decodeText(buf: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if ((buf[i] as number) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii || end - start > 64) return lenientUtf8.decode(buf.subarray(start, end));
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(buf[i] as number);
  return text;
}

/**
 * Reads a non-negative integer amount (digits only) from `buf[start, end)`; returns -1 when the field
 * is not one, and the caller asks {@link amountProblem} why. `max` bounds the value.
 */
export function parseAmountDigits(buf: Uint8Array, start: number, end: number, max: number): number {
  const length = end - start;
  if (length === 0 || length > 16) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = (buf[i] as number) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value <= max ? value : -1;
}

export function amountProblem(text: string, max: number): string {
  if (text === '') return 'is empty';
  if (/^[+-]/.test(text)) return 'must be a whole number of VND without a sign';
  if (/^\d+[.,]\d*$/.test(text) || /[eE]/.test(text)) return 'must be a whole number of VND, without decimals';
  if (!/^\d+$/.test(text)) return 'is not a whole number';
  return `is larger than the maximum of ${max} VND`;
}

export function bytesEqualAscii(buf: Uint8Array, start: number, end: number, ascii: string): boolean {
  if (end - start !== ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (buf[start + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/**
 * The header line at `start`: where it ends (after its LF), and whether its text, less a UTF-8 BOM
 * and the line end, is exactly `expected`. `found` is the start of what is there, for the error.
 */
export function readHeaderLine(buf: Uint8Array, start: number, end: number, expected: string): { lineEnd: number; matches: boolean; found: () => string } {
  let lineEnd = start;
  while (lineEnd < end && buf[lineEnd] !== LF) lineEnd++;
  if (lineEnd < end) lineEnd++;
  const textStart = start + bomLength(buf, start, lineEnd);
  const textEnd = contentEnd(buf, textStart, lineEnd);
  return {
    lineEnd,
    matches: bytesEqualAscii(buf, textStart, textEnd, expected),
    found: () => decodeText(buf, textStart, Math.min(textEnd, textStart + 200)),
  };
}

import { SETTLEMENT_HEADER, SettlementFileError } from '../../domain/reconciliation';
import { checkUtf8Lines, InvalidUtf8LineError } from '../../domain/shared/utf8';

/**
 * A settlement file is UTF-8 (CONTRACT.md). Its bytes are checked before the parser reads them, so a
 * file with bytes that are not UTF-8 is refused like any malformed file — 400 (API) or REJECTED
 * (upload URL) naming the line and column — and never replaces the day's valid file.
 */
const COLUMNS = SETTLEMENT_HEADER.split(',');
const COMMA = 0x2c;

export const NOT_UTF8 = 'is not valid UTF-8: a settlement file must be encoded in UTF-8';

/** Passes the file's chunks through, throwing SettlementFileError at the first line that is not UTF-8. */
export async function* utf8SettlementChunks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* checkUtf8Lines(chunks);
  } catch (error) {
    if (error instanceof InvalidUtf8LineError) throw new SettlementFileError(error.line, columnOf(error), NOT_UTF8);
    throw error;
  }
}

/** Checks a whole file held in memory; resolves when it is UTF-8. */
export async function assertUtf8SettlementFile(body: Uint8Array): Promise<void> {
  for await (const _chunk of utf8SettlementChunks([body])) {
    // checking is all; the chunks themselves are not needed here
  }
}

// The column the bad byte sits in, counted by the commas before it; the header line is `header`.
function columnOf(error: InvalidUtf8LineError): string {
  if (error.line === 1) return 'header';
  let commas = 0;
  for (let i = 0; i < error.offsetInLine; i++) if (error.lineBytes[i] === COMMA) commas++;
  return COLUMNS[commas] ?? 'row';
}

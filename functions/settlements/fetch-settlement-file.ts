import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { businessDateOf, type BusinessDate } from '../../domain/shared/business-date';
import type { AmountVnd } from '../../domain/shared/money';
import { SETTLEMENT_URL_DATE, type Config } from '../config';
import { hasAnyRole, type Principal } from '../http/principal';
import type { SettlementFileRecord } from './settlement-file-repository';
import { MAX_API_UPLOAD_BYTES, messageOf, uploadSettlementFile, type SettlementIntakeDependencies } from './store-settlement-file';

/**
 * Fetching a provider's settlement file for one business date from where the provider publishes it
 * (locally the mock providers' `/<provider>/settlements/<date>.csv`; a URL template per provider in
 * configuration), then storing it exactly as an upload through the API is stored: UTF-8 and
 * `validateSettlementFile` first, and the day's current file replaced only by a valid one. In AWS no
 * URL is configured and files arrive by S3 upload, so the answer there is NOT_CONFIGURED.
 *
 * Expected outcomes are values (the staff board shows each in Vietnamese); only a fault of the
 * service's own storage throws.
 */
export type SettlementFetchDependencies = SettlementIntakeDependencies & {
  readonly config: Pick<Config, 'settlementSourceUrls' | 'RECONCILIATION_PENDING_WINDOW_MINUTES' | 'SETTLEMENT_FILE_MAX_MB'>;
  /** The HTTP client; tests hand in one that fails on purpose. Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
};

export interface FetchSettlementFileInput {
  readonly provider: ProviderName;
  readonly businessDate: BusinessDate;
  readonly principal: Principal;
}

export type FetchSettlementOutcome =
  | { readonly kind: 'STORED'; readonly rows: number; readonly totalAmount: AmountVnd; readonly file: SettlementFileRecord }
  /** No settlement URL is configured for the provider: upload the file instead. */
  | { readonly kind: 'NOT_CONFIGURED' }
  /** The provider did not answer, answered with an error status, or sent more than an upload may hold. */
  | { readonly kind: 'PROVIDER_UNAVAILABLE'; readonly detail: string; readonly httpStatus?: number }
  /** The provider's file breaks the format (line 1 is the header); nothing was stored. */
  | { readonly kind: 'INVALID_FILE'; readonly line: number; readonly field: string; readonly message: string }
  /** A day after today (UTC+7): no provider has published it yet. */
  | { readonly kind: 'FUTURE_DATE'; readonly today: BusinessDate }
  /** Only finance staff take in settlement files (the same role as the upload route). */
  | { readonly kind: 'FORBIDDEN' };

/** A provider that has not answered by then is reported unavailable rather than holding the page. */
export const FETCH_TIMEOUT_MS = 15_000;

export async function fetchSettlementFile(input: FetchSettlementFileInput, deps: SettlementFetchDependencies): Promise<FetchSettlementOutcome> {
  if (!hasAnyRole(input.principal, ['finance'])) return { kind: 'FORBIDDEN' };
  const template = deps.config.settlementSourceUrls[input.provider];
  if (template === undefined) return { kind: 'NOT_CONFIGURED' };
  const today = businessDateOf(deps.clock.now());
  if (input.businessDate > today) return { kind: 'FUTURE_DATE', today };

  const downloaded = await download(template.replaceAll(SETTLEMENT_URL_DATE, input.businessDate), deps.fetch ?? fetch);
  if (!downloaded.ok) return downloaded.outcome;

  const stored = await uploadSettlementFile(
    { provider: input.provider, businessDate: input.businessDate, body: downloaded.body, uploadedBy: input.principal.subject },
    deps,
  );
  if (stored.kind === 'INVALID') {
    return { kind: 'INVALID_FILE', line: stored.error.line, field: stored.error.field, message: messageOf(stored.error) };
  }
  return { kind: 'STORED', rows: stored.file.rows, totalAmount: stored.file.totalAmount, file: stored.file };
}

type Download = { readonly ok: true; readonly body: Uint8Array } | { readonly ok: false; readonly outcome: FetchSettlementOutcome };

async function download(url: string, httpFetch: typeof fetch): Promise<Download> {
  const unavailable = (detail: string, httpStatus?: number): Download => ({
    ok: false,
    outcome: { kind: 'PROVIDER_UNAVAILABLE', detail, ...(httpStatus !== undefined ? { httpStatus } : {}) },
  });
  let response: Response;
  try {
    response = await httpFetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'text/csv' } });
  } catch (error) {
    // AbortSignal.timeout rejects with a DOMException named TimeoutError (not always an Error of this realm).
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
    return unavailable(timedOut ? `no answer within ${FETCH_TIMEOUT_MS} ms` : 'no connection to the provider');
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    return unavailable(`the provider answered HTTP ${response.status}`, response.status);
  }
  try {
    const body = await readAtMost(response, MAX_API_UPLOAD_BYTES);
    return body === undefined ? unavailable(`the file is larger than ${MAX_API_UPLOAD_BYTES} bytes`) : { ok: true, body };
  } catch {
    return unavailable('the connection broke while the file was read');
  }
}

/** The whole body, or undefined as soon as it passes `maxBytes` (the same limit as an API upload). */
async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (response.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    // Leaving the loop cancels the rest of the stream.
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

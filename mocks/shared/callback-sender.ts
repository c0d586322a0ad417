/**
 * Delivers a mock's callbacks to the service the way gateways do: in the background, after the
 * payer's browser has been sent on, retried with exponential backoff while the service says "try
 * again", and given up after a bounded number of attempts. Each attempt is built afresh, so a signed
 * timestamp is always current even after long delays.
 */
export interface CallbackRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What one answer from the service means for the next step. */
export type CallbackVerdict = 'DELIVERED' | 'RETRY' | 'GIVE_UP';

export interface DeliveryAttempt {
  paymentId: string;
  eventId: string;
  /** Which kind of event: SUCCEEDED, FAILED, or FAILED_AFTER_SUCCEEDED (a fault). */
  label: string;
  attempt: number;
  at: string;
  status?: number;
  /** The start of the service's answer, for reading logs. */
  response?: string;
  error?: string;
  verdict: CallbackVerdict | 'ABORTED';
}

export interface RetryPolicy {
  /** Attempts per delivery, the first included (1–10). */
  maxAttempts: number;
  /** The wait before the second attempt; it doubles for each further one. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Per attempt: an answer slower than this counts as none. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, backoffMs: 1000, maxBackoffMs: 30_000, timeoutMs: 10_000 };
const MAX_ATTEMPTS_LIMIT = 10;
const MAX_LOGGED_ATTEMPTS = 1000;
const LOGGED_RESPONSE_CHARS = 500;

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export interface CallbackSenderOptions {
  fetch: typeof fetch;
  now: () => Date;
  sleep: Sleep;
  log: (line: string) => void;
  retry: RetryPolicy;
  judge: (status: number, responseText: string) => CallbackVerdict;
}

export class CallbackSender {
  private readonly attempts: DeliveryAttempt[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly closing = new AbortController();
  private readonly retry: RetryPolicy;

  constructor(private readonly options: CallbackSenderOptions) {
    this.retry = { ...options.retry, maxAttempts: Math.min(Math.max(1, options.retry.maxAttempts), MAX_ATTEMPTS_LIMIT) };
  }

  /** Runs work in the background; whenIdle() waits for it. */
  track<T>(work: Promise<T>): Promise<T> {
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    tracked.catch((error: unknown) => this.options.log(`callback work failed: ${String(error)}`));
    return tracked;
  }

  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops every delivery at its next wait or attempt; nothing new starts. */
  close(): void {
    this.closing.abort();
  }

  get closed(): boolean {
    return this.closing.signal.aborted;
  }

  log(): readonly DeliveryAttempt[] {
    return this.attempts;
  }

  async wait(ms: number): Promise<void> {
    if (ms > 0 && !this.closed) await this.options.sleep(ms, this.closing.signal);
  }

  /** Delivers one event until the service takes it, refuses it for good, or attempts run out. */
  async deliver(meta: { paymentId: string; eventId: string; label: string }, build: () => CallbackRequest): Promise<CallbackVerdict | 'ABORTED'> {
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt += 1) {
      if (this.closed) return this.record(meta, attempt, { verdict: 'ABORTED' });
      const outcome = await this.attempt(build());
      const verdict = outcome.verdict === 'RETRY' && attempt === this.retry.maxAttempts ? 'GIVE_UP' : outcome.verdict;
      this.record(meta, attempt, { ...outcome, verdict });
      if (verdict !== 'RETRY') return verdict;
      await this.wait(Math.min(this.retry.maxBackoffMs, this.retry.backoffMs * 2 ** (attempt - 1)));
    }
    return 'GIVE_UP';
  }

  private async attempt(request: CallbackRequest): Promise<Omit<DeliveryAttempt, 'paymentId' | 'eventId' | 'label' | 'attempt' | 'at'>> {
    const signal = AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.retry.timeoutMs)]);
    try {
      const response = await this.options.fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal });
      const text = await response.text();
      return {
        status: response.status,
        response: text.slice(0, LOGGED_RESPONSE_CHARS),
        verdict: this.options.judge(response.status, text),
      };
    } catch (error) {
      // No answer (refused, reset, timed out): the service may not have seen it, so try again.
      return { error: error instanceof Error ? error.message : String(error), verdict: this.closed ? 'ABORTED' : 'RETRY' };
    }
  }

  private record(
    meta: { paymentId: string; eventId: string; label: string },
    attempt: number,
    outcome: Omit<DeliveryAttempt, 'paymentId' | 'eventId' | 'label' | 'attempt' | 'at'>,
  ): DeliveryAttempt['verdict'] {
    const entry: DeliveryAttempt = { ...meta, attempt, at: this.options.now().toISOString(), ...outcome };
    this.attempts.push(entry);
    if (this.attempts.length > MAX_LOGGED_ATTEMPTS) this.attempts.shift();
    const answer = entry.status === undefined ? (entry.error ?? 'no answer') : `${entry.status} ${entry.response ?? ''}`;
    this.options.log(`${meta.label} ${meta.paymentId} ${meta.eventId} attempt ${attempt}: ${answer.trim()} → ${entry.verdict}`);
    return entry.verdict;
  }
}

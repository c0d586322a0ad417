import { SERVICE_SIGNATURE_HEADER, verifyServiceNotification } from '../../domain/providers/service-notification-protocol';
import { headerOf, json, methodNotAllowed, type MockRequest, type MockResponse, tooLarge } from '../shared/http';

/**
 * The national portal's end of the service's `PaymentSucceeded` webhook: it checks the
 * X-Service-Signature header (the mock-bank scheme, shared code) and keeps what it received, so tests
 * can count notifications. A fault makes it answer 500 a number of times, to exercise the service's retries.
 */
export interface ReceivedNotification {
  receivedAt: string;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  /** The body's eventId or the Idempotency-Key header, when either is there. */
  eventId?: string;
  /** True when an earlier notification had the same eventId: a redelivery. */
  duplicate: boolean;
}

const MAX_BODY_BYTES = 64 * 1024;
const MAX_KEPT = 1000;

export class NotificationReceiver {
  private readonly received: ReceivedNotification[] = [];
  private failuresLeft = 0;
  private rejected = 0;
  private outagesAnswered = 0;

  constructor(
    private readonly options: { secret: string; now: () => Date; log: (line: string) => void },
  ) {}

  /** The next `count` notifications are answered 500 and not recorded. */
  failNext(count: number): void {
    this.failuresLeft = count;
  }

  describe(): { failNotificationsLeft: number } {
    return { failNotificationsLeft: this.failuresLeft };
  }

  list(): readonly ReceivedNotification[] {
    return this.received;
  }

  handle(req: MockRequest): MockResponse {
    if (req.method === 'GET') return json(200, this.summary());
    if (req.method === 'DELETE') {
      this.received.length = 0;
      this.rejected = 0;
      this.outagesAnswered = 0;
      return json(200, this.summary());
    }
    if (req.method !== 'POST') return methodNotAllowed(['GET', 'POST', 'DELETE']);
    if (req.body.length > MAX_BODY_BYTES) return tooLarge(MAX_BODY_BYTES);

    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      this.outagesAnswered += 1;
      this.options.log(`[mock-portal] notification answered 500 (fault, ${this.failuresLeft} left)`);
      return json(500, { error: { code: 'SIMULATED_OUTAGE', message: 'the portal is down (fault switch)' } });
    }
    const verified = verifyServiceNotification({
      header: headerOf(req, SERVICE_SIGNATURE_HEADER),
      rawBody: req.body,
      secrets: this.options.secret,
      now: this.options.now(),
    });
    if (!verified.valid) {
      this.rejected += 1;
      this.options.log(`[mock-portal] notification refused: ${verified.reason}`);
      return json(401, { error: { code: 'INVALID_SIGNATURE', message: verified.reason } });
    }

    const text = req.body.toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: the receiver records what came, judging it is the test's job.
    }
    const eventId = eventIdOf(body) ?? headerOf(req, 'Idempotency-Key');
    const duplicate = eventId !== undefined && this.received.some((earlier) => earlier.eventId === eventId);
    const notification: ReceivedNotification = { receivedAt: this.options.now().toISOString(), body, duplicate };
    if (eventId !== undefined) notification.eventId = eventId;
    this.received.push(notification);
    if (this.received.length > MAX_KEPT) this.received.shift();
    this.options.log(`[mock-portal] notification received${eventId ? ` ${eventId}` : ''}${duplicate ? ' (duplicate)' : ''}`);
    return json(200, { received: true });
  }

  private summary(): Record<string, unknown> {
    return {
      count: this.received.length,
      rejected: this.rejected,
      outagesAnswered: this.outagesAnswered,
      ...this.describe(),
      items: this.received,
    };
  }
}

function eventIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>).eventId;
  return typeof value === 'string' ? value : undefined;
}

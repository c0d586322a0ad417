import type { Clock } from '../../domain/ports/clock';
import type { Config } from '../config';
import type { ApiResponse } from '../http/responses';
import { seeOther } from './staff-layout';
import { sessionCookie, type StaffPrincipal } from './staff-session';
import type { DynamoDbStaffSessionRepository } from './staff-session-repository';

/** Starts a session for a person who has proved who they are, and sends the browser on with its cookie. */
export async function startSession(
  principal: StaffPrincipal,
  location: string,
  options: { readonly secure: boolean },
  deps: { readonly staffSessions: DynamoDbStaffSessionRepository; readonly clock: Clock; readonly config: Pick<Config, 'STAFF_SESSION_HOURS'> },
): Promise<ApiResponse> {
  const lifetimeSeconds = deps.config.STAFF_SESSION_HOURS * 3600;
  const { sessionId } = await deps.staffSessions.create(principal, deps.clock.now(), lifetimeSeconds);
  return seeOther(location, [sessionCookie(sessionId, { maxAgeSeconds: lifetimeSeconds, secure: options.secure })]);
}

/** Secure cookies whenever the browser reached the service over HTTPS (always, in AWS). */
export function isHttps(headers: Readonly<Record<string, string | undefined>>, config: Pick<Config, 'publicBaseUrl'>): boolean {
  return headers['x-forwarded-proto'] === 'https' || config.publicBaseUrl.startsWith('https:');
}

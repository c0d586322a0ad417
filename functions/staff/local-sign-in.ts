import type { Clock } from '../../domain/ports/clock';
import type { StaffPrincipal } from './staff-session';
import type { DynamoDbStaffUserRepository } from './staff-user-repository';
import { decoyHash, verifyPassword } from './password-hash';
import { mayUseStaffPages } from './sign-in';
import type { DynamoDbLoginAttempts } from './login-attempts';

/**
 * The local sign-in's decision on a username and password. An unknown username is checked against a
 * decoy hash, so it takes as long as a wrong password and gets the same answer: the form never tells
 * which usernames exist. A username with too many recent failures is refused before any check.
 */
export type LocalSignInOutcome =
  | { readonly kind: 'SIGNED_IN'; readonly principal: StaffPrincipal }
  | { readonly kind: 'WRONG_CREDENTIALS' }
  | { readonly kind: 'NOT_STAFF' }
  | { readonly kind: 'TOO_MANY_ATTEMPTS' };

export async function signInLocally(
  input: { readonly username: string; readonly password: string },
  deps: { readonly staffUsers: DynamoDbStaffUserRepository; readonly loginAttempts: DynamoDbLoginAttempts; readonly clock: Clock },
): Promise<LocalSignInOutcome> {
  const now = deps.clock.now();
  if (await deps.loginAttempts.isLocked(input.username, now)) return { kind: 'TOO_MANY_ATTEMPTS' };
  const user = await deps.staffUsers.get(input.username);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !passwordOk) {
    await deps.loginAttempts.recordFailure(input.username, now);
    return { kind: 'WRONG_CREDENTIALS' };
  }
  await deps.loginAttempts.clear(input.username);
  if (!mayUseStaffPages(user.roles)) return { kind: 'NOT_STAFF' };
  return { kind: 'SIGNED_IN', principal: { subject: user.username, roles: user.roles, agencies: user.agencies, displayName: user.displayName } };
}

import type { Dependencies } from '../composition';

/**
 * The expiry job: every PENDING payment past its expiresAt becomes EXPIRED, so a citizen is not left
 * with a payable link forever and the portal learns to offer a new attempt. A provider success that
 * arrives afterwards is still recorded (as a late success).
 */
export const MAX_EXPIRIES_PER_RUN = 2_000;

export async function expirePayments(deps: Pick<Dependencies, 'payments' | 'clock'>): Promise<{ expired: number; skipped: number }> {
  const { expired, skipped } = await deps.payments.expireDue(deps.clock.now(), MAX_EXPIRIES_PER_RUN);
  return { expired: expired.length, skipped };
}

import { clock, getDependencies, payments } from '../composition';
import { logger } from '../observability/logger';
import { expirePayments } from './expire-payments';

/** Scheduled every minute (EventBridge Scheduler in AWS, a timer locally): expires due PENDING payments. */
export const handler = async (): Promise<{ expired: number; skipped: number }> => {
  const result = await expirePayments(await getDependencies([payments, clock]));
  if (result.expired > 0 || result.skipped > 0) logger.info('payments expired', result);
  return result;
};

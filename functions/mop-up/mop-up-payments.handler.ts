import { reportDependencies } from '../callbacks/report-dependencies';
import { clock, config, dynamoDb, getDependencies, payments, tableName } from '../composition';
import { logger } from '../observability/logger';
import { providerStatusClient } from '../providers/provider-status-client';
import { mopUpPendingPayments, type MopUpSummary } from './mop-up-payments';

/** Scheduled: asks providers about payments PENDING for longer than MOPUP_AFTER_MINUTES. */
export const handler = async (): Promise<MopUpSummary> => {
  const deps = await getDependencies([config, clock, payments, dynamoDb, tableName]);
  const summary = await mopUpPendingPayments({
    payments: deps.payments,
    statusClient: providerStatusClient({
      baseUrl: deps.config.providersBaseUrl,
      mockBankSecrets: deps.config.secretLists.mockBank,
      mockPortalSecrets: deps.config.secretLists.mockPortal,
      mockPortalTmnCode: deps.config.MOCK_PORTAL_TMN_CODE,
      clock: deps.clock,
    }),
    apply: reportDependencies(deps),
    clock: deps.clock,
    olderThanMinutes: deps.config.MOPUP_AFTER_MINUTES,
    expiryMinutes: deps.config.PAYMENT_EXPIRY_MINUTES,
  });
  logger.info('mop-up finished', { ...summary });
  return summary;
};

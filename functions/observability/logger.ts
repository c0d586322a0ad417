import { Logger } from '@aws-lambda-powertools/logger';
import { maskPii } from './mask-pii';

/**
 * One structured JSON logger per process (Powertools). Every value passes through maskPii so an
 * identity number, a payer's name or a bearer token never reaches the logs.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'fee-payments',
  logLevel: (process.env.LOG_LEVEL as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' | undefined) ?? 'INFO',
  jsonReplacerFn: (key: string, value: unknown) => maskPii(key, value),
});

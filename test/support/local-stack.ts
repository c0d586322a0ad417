import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../functions/local/local-stack';
import { DEMO_PRINCIPALS, signLocalToken, type LocalTokenClaims } from '../../functions/local/local-tokens';
import { randomUUID } from 'node:crypto';

/**
 * The local stack on a free port, on the run's shared DynamoDB Local with a table of its own, so
 * end-to-end test files can run in parallel.
 */
export async function startTestStack(options: Omit<LocalStackOptions, 'dynamoDbEndpoint' | 'port'> = {}): Promise<LocalStack> {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('TEST_DYNAMODB_ENDPOINT is not set: run through jest');
  return startLocalStack({
    ...options,
    port: 0,
    dynamoDbEndpoint: endpoint,
    env: { ...process.env, TABLE_NAME: `e2e-${randomUUID()}`, ...options.env },
  });
}

export async function tokenFor(stack: LocalStack, claims: LocalTokenClaims | keyof typeof DEMO_PRINCIPALS): Promise<string> {
  return signLocalToken(stack.config.AUTH_JWT_SECRET, typeof claims === 'string' ? DEMO_PRINCIPALS[claims] : claims);
}

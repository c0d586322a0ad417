import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';

/**
 * Starts one DynamoDB Local for the whole test run. Test files that need it create their own table
 * (see test/support/dynamodb.ts), so files running in parallel never see each other's data.
 */
export default async function globalSetup(): Promise<void> {
  const emulator = await startDynamoDbLocal();
  process.env.TEST_DYNAMODB_ENDPOINT = emulator.endpoint;
  (globalThis as { __dynamoDbLocal?: typeof emulator }).__dynamoDbLocal = emulator;
  // Ctrl-C during a run skips globalTeardown; the emulator still goes (and a watchdog covers SIGKILL).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void emulator.stop().finally(() => process.exit(130)));
  }
}

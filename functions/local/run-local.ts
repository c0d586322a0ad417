import type { Clock } from '../../domain/ports/clock';
import { ConfigError, loadConfig } from '../config';
import { startLocalStack, type LocalStack } from './local-stack';
import { demoStaffUserLines } from './demo-staff-users';
import { DEMO_PRINCIPALS, signLocalToken } from './local-tokens';

/**
 * Runs the local stack as a foreground program (`npm start`, `npm run demo`): starts it, lets the
 * caller prepare it, prints where to go, a token per role and the provider secrets, then
 * `ready http://127.0.0.1:PORT` once requests are answered. Ctrl-C stops everything, Java included.
 */
export function runLocal(options: { clock?: Clock; prepare?: (stack: LocalStack) => Promise<string[]> } = {}): void {
  main(options).catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error('The local stack could not start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

async function main(options: { clock?: Clock; prepare?: (stack: LocalStack) => Promise<string[]> }): Promise<void> {
  const config = loadConfig();
  const stack = await startLocalStack({ runSchedules: true, mockLog: (line) => console.log(line), ...(options.clock ? { clock: options.clock } : {}) });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    void stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const prepared = (await options.prepare?.(stack)) ?? [];

  const tokens = await Promise.all(
    Object.entries(DEMO_PRINCIPALS).map(async ([role, claims]) => ({ role, claims, token: await signLocalToken(config.AUTH_JWT_SECRET, claims) })),
  );
  const url = stack.url;
  const lines = [
    '',
    'Fee payments service — local stack',
    `  API            ${url}   (try: curl ${url}/health  ·  curl ${url}/v1/procedures)`,
    `  Staff pages    ${url}/login   (sign in with a user below; finance lands on the board, province on the dashboard)`,
    `  Mock providers ${url}/mock-bank  ·  ${url}/mock-portal   (ledgers, settlement files, fault switches: see mocks/README.md)`,
    `  DynamoDB       ${stack.config.DYNAMODB_ENDPOINT}   table ${stack.config.TABLE_NAME}, ${config.DATA_DIR ? `data kept in ${config.DATA_DIR}` : 'in memory (set DATA_DIR to keep data)'}`,
    ...prepared.map((line) => `  ${line}`),
    '',
    'Staff users (role, username, password):',
    ...demoStaffUserLines(),
    '',
    'Bearer tokens for the API (valid 12 h; make more with: npm run token -- --role finance --agency STP):',
    ...tokens.map(({ role, claims, token }) => `  ${role.padEnd(9)} agencies=${claims.agencies.join(',').padEnd(4)} ${token}`),
    '',
    'Provider secrets in use:',
    `  MOCK_BANK_SECRET=${config.MOCK_BANK_SECRET}`,
    `  MOCK_PORTAL_SECRET=${config.MOCK_PORTAL_SECRET}`,
    '',
    `ready ${url}`,
  ];
  console.log(lines.join('\n'));
}

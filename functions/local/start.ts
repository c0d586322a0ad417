import { ConfigError, loadConfig } from '../config';
import { startLocalStack } from './local-stack';
import { DEMO_PRINCIPALS, signLocalToken } from './local-tokens';

/**
 * `npm start`: the whole service on this machine. Prints where to go, a token per role and the
 * provider secrets, then `ready http://127.0.0.1:PORT` once requests are answered. Ctrl-C stops
 * everything, DynamoDB Local included.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const stack = await startLocalStack({ runSchedules: true, mockLog: (line) => console.log(line) });
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

  const tokens = await Promise.all(
    Object.entries(DEMO_PRINCIPALS).map(async ([role, claims]) => ({ role, claims, token: await signLocalToken(config.AUTH_JWT_SECRET, claims) })),
  );
  const url = stack.url;
  const lines = [
    '',
    'Fee payments service — local stack',
    `  API            ${url}   (try: curl ${url}/health  ·  curl ${url}/v1/procedures)`,
    `  Mock providers ${url}/mock-bank  ·  ${url}/mock-portal   (ledgers, settlement files, fault switches: see mocks/README.md)`,
    `  DynamoDB       ${stack.config.DYNAMODB_ENDPOINT}   table ${stack.config.TABLE_NAME}, ${config.DATA_DIR ? `data kept in ${config.DATA_DIR}` : 'in memory (set DATA_DIR to keep data)'}`,
    '',
    'Bearer tokens (valid 12 h; make more with: npm run token -- --role finance --agency STP):',
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

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('The local stack could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

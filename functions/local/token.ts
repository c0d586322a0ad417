import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { ROLES, type Role } from '../http/principal';
import { signLocalToken } from './local-tokens';

/**
 * `npm run token -- --role finance --agency STP [--agency SXD] [--sub alice] [--expires 2h]`
 * prints a bearer token the local stack accepts (signed with AUTH_JWT_SECRET).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      agency: { type: 'string', multiple: true },
      sub: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const roles = values.role ?? [];
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (roles.length === 0 || unknown.length > 0) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}${unknown.length ? ` (got ${unknown.join(', ')})` : ''}`);
  }
  const agencies = values.agency ?? ['*'];
  if (!/^(\d+[smhd])$/.test(values.expires ?? '')) throw new UsageError('--expires must look like 30m, 12h or 7d');
  const sub = values.sub ?? `${roles.join('-')}-${agencies.join('-').replace('*', 'all')}`;
  const config = loadConfig();
  console.log(await signLocalToken(config.AUTH_JWT_SECRET, { sub, roles: roles as Role[], agencies }, values.expires));
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(error.message);
    console.error('usage: npm run token -- --role portal|finance|province [--agency CODE ...] [--sub NAME] [--expires 12h]');
  } else console.error(error);
  process.exit(2);
});

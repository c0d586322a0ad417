import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { ROLES, type Role } from '../http/principal';
import { signLocalToken } from './local-tokens';

/**
 * `npm run token -- --role finance --agency STP,SYT [--sub alice] [--expires 2h]`: a bearer token the
 * local stack accepts (signed with AUTH_JWT_SECRET). A command, not a library: it answers what to
 * print and the exit status, so every way of calling it is testable without a process.
 */
export const TOKEN_USAGE = `usage: npm run token -- --role ROLE [--role ROLE] [--agency CODE[,CODE…]] [--sub NAME] [--expires 12h]

Prints a bearer token for the local stack (npm start), signed with AUTH_JWT_SECRET.

  --role ROLE        portal, finance or province; repeat it or separate with commas for several
  --agency CODE      agency codes the token acts for (STP, SYT, …), repeated or comma-separated;
                     * for every agency (the default)
  --sub NAME         the subject (default: made from the roles and agencies)
  --expires SPAN     how long the token lives: 30m, 12h, 7d (default 12h)
  -h, --help         this text

examples:
  npm run token -- --role finance --agency STP
  npm run token -- --role finance --agency STP,SYT --sub ke-toan-stp --expires 2h
  npm run token -- --role province`;

const AGENCY_CODE = /^([A-Z0-9_-]{1,32}|\*)$/;
const SPAN = /^\d+[smhd]$/;

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function tokenCommand(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string', multiple: true },
        agency: { type: 'string', multiple: true },
        sub: { type: 'string' },
        expires: { type: 'string', default: '12h' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // parseArgs names the unknown option or the missing value; its message is the whole story.
    return usageError((error as Error).message);
  }
  if (values.help) return { exitCode: 0, stdout: `${TOKEN_USAGE}\n`, stderr: '' };

  const roles = listOf(values.role);
  const unknownRoles = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (roles.length === 0) return usageError(`--role is required: one of ${ROLES.join(', ')}`);
  if (unknownRoles.length > 0) return usageError(`--role must be one of ${ROLES.join(', ')}; got ${unknownRoles.join(', ')}`);
  const agencies = values.agency === undefined ? ['*'] : listOf(values.agency);
  const badAgencies = agencies.filter((code) => !AGENCY_CODE.test(code));
  if (agencies.length === 0 || badAgencies.length > 0) {
    return usageError(`--agency must be agency codes such as STP (upper case, digits, _ or -), or *; got ${badAgencies.length ? badAgencies.join(', ') : 'nothing'}`);
  }
  const expires = values.expires ?? '12h';
  if (!SPAN.test(expires)) return usageError(`--expires must look like 30m, 12h or 7d; got ${expires}`);
  const sub = values.sub ?? `${roles.join('-')}-${agencies.join('-').replace('*', 'all')}`;

  let secret: string;
  try {
    secret = loadConfig(env).AUTH_JWT_SECRET;
  } catch (error) {
    if (error instanceof ConfigError) return { exitCode: 2, stdout: '', stderr: `${error.message}\n` };
    throw error;
  }
  const token = await signLocalToken(secret, { sub, roles: roles as Role[], agencies }, expires);
  return { exitCode: 0, stdout: `${token}\n`, stderr: '' };
}

/** Repeated flags and comma-separated values alike, without duplicates: `--agency STP,SYT --agency SXD`. */
function listOf(values: readonly string[] | undefined): string[] {
  const items = (values ?? []).flatMap((value) => value.split(',')).map((item) => item.trim());
  return [...new Set(items.filter((item) => item !== ''))];
}

function usageError(problem: string): CommandResult {
  return { exitCode: 2, stdout: '', stderr: `${problem}\n\n${TOKEN_USAGE}\n` };
}

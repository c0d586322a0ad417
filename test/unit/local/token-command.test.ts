// Proves `npm run token` as a newcomer meets it: --help prints usage and exits 0, unknown flags and bad roles print a clear message with usage and exit 2, and --agency takes a comma list or repeats.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { tokenCommand, TOKEN_USAGE } from '../../../functions/local/token-command';
import { verifyLocalToken } from '../../../functions/local/local-tokens';

const env = { AUTH_JWT_SECRET: 'unit-test-secret-16+' };
const claimsOf = (stdout: string) => decodeJwt(stdout.trim()) as { sub: string; roles: string[]; agencies: string[] };

describe('tokenCommand', () => {
  it('prints usage for --help and -h, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      expect(await tokenCommand([flag], env)).toEqual({ exitCode: 0, stdout: `${TOKEN_USAGE}\n`, stderr: '' });
    }
  });

  it('refuses unknown flags and positional arguments with usage, exit 2', async () => {
    const unknown = await tokenCommand(['--role', 'finance', '--agencies', 'STP'], env);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown option '--agencies'/);
    expect(unknown.stderr).toContain(TOKEN_USAGE);
    expect(unknown.stdout).toBe('');
    expect((await tokenCommand(['finance'], env)).exitCode).toBe(2);
  });

  it('says which role is wrong, or that one is needed', async () => {
    const bad = await tokenCommand(['--role', 'admin'], env);
    expect(bad).toMatchObject({ exitCode: 2, stdout: '' });
    expect(bad.stderr.split('\n')[0]).toBe('--role must be one of portal, finance, province; got admin');
    expect((await tokenCommand([], env)).stderr.split('\n')[0]).toBe('--role is required: one of portal, finance, province');
  });

  it('reads --agency STP,SYT as two agencies, and repeated --agency and --role as lists', async () => {
    const two = await tokenCommand(['--role', 'finance', '--agency', 'STP,SYT'], env);
    expect(two.exitCode).toBe(0);
    expect(claimsOf(two.stdout)).toMatchObject({ roles: ['finance'], agencies: ['STP', 'SYT'], sub: 'finance-STP-SYT' });
    const repeated = await tokenCommand(['--role', 'finance,province', '--agency', 'STP', '--agency', 'SYT,STP', '--sub', 'kt'], env);
    expect(claimsOf(repeated.stdout)).toMatchObject({ roles: ['finance', 'province'], agencies: ['STP', 'SYT'], sub: 'kt' });
    expect(await verifyLocalToken(env.AUTH_JWT_SECRET, repeated.stdout.trim())).toBeDefined();
  });

  it('refuses a malformed agency code or expiry, naming it', async () => {
    expect((await tokenCommand(['--role', 'finance', '--agency', 'stp'], env)).stderr).toMatch(/^--agency must be agency codes .*; got stp/);
    expect((await tokenCommand(['--role', 'finance', '--expires', 'soon'], env)).stderr).toMatch(/^--expires must look like 30m, 12h or 7d; got soon/);
  });
});

describe('npm run token -- --help', () => {
  it('prints usage without a stack trace and exits 0', async () => {
    const root = resolve(__dirname, '../../..');
    const { stdout, stderr } = await promisify(execFile)(resolve(root, 'node_modules/.bin/tsx'), ['functions/local/token.ts', '--help'], { cwd: root, env: { ...process.env, ...env } });
    expect(stdout).toBe(`${TOKEN_USAGE}\n`);
    expect(stderr).not.toMatch(/\bat .*\(/);
  });
});

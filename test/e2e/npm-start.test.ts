// Proves `npm start` brings the whole stack up with no other step, prints what a newcomer needs, and leaves no process behind after Ctrl-C.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../functions/local/dynamodb-local';

const root = join(__dirname, '..', '..');

function javaEmulatorsOnPort(port: string): string {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.jar.*-port ${port} `], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

describe('npm start', () => {
  it('starts, answers, and stops cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const child = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'WARN' },
      detached: true, // its own process group, so the signal reaches npm and everything below it, as Ctrl-C does
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const deadline = Date.now() + 60_000;
    while (!output.includes(`ready http://127.0.0.1:${port}`) && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(output).toContain(`ready http://127.0.0.1:${port}`);
    for (const role of ['portal', 'finance', 'province']) expect(output).toMatch(new RegExp(`${role}\\s+agencies=\\S+\\s+eyJ`));
    // The staff users, one per line, the line's first word `login`.
    for (const role of ['finance', 'province']) expect(output).toMatch(new RegExp(`^  login ${role} \\S+ \\S+$`, 'm'));
    expect(output).not.toMatch(/^  login portal /m);
    expect(output).toContain('MOCK_BANK_SECRET=');
    expect(output).toContain('MOCK_PORTAL_SECRET=');

    expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({ status: 'ok' });
    const catalog = (await (await fetch(`http://127.0.0.1:${port}/v1/procedures`)).json()) as { items: unknown[] };
    expect(catalog.items.length).toBeGreaterThan(0);

    const emulatorPort = /DynamoDB\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
    expect(emulatorPort).toBeDefined();
    expect(javaEmulatorsOnPort(emulatorPort!)).not.toBe('');

    process.kill(-child.pid!, 'SIGINT');
    await exited;
    const settled = Date.now() + 5000;
    while (javaEmulatorsOnPort(emulatorPort!) !== '' && Date.now() < settled) await new Promise((r) => setTimeout(r, 100));
    expect(javaEmulatorsOnPort(emulatorPort!)).toBe('');
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 90_000);
});

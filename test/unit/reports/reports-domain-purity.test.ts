// Proves domain/reports stays pure: it imports only zod/mini, the shared domain and itself (no decimal library: its report functions carry none), and does no I/O.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join(__dirname, '../../../domain/reports');
const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
const allowed = [/^zod\/mini$/, /^\.\/[a-z0-9-]+$/, /^\.\.\/shared\/[a-z0-9-]+$/];

describe('domain/reports', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports only allowed modules', (name) => {
    const source = readFileSync(join(folder, name), 'utf8');
    const specifiers = [...source.matchAll(/(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(specifiers.filter((s) => !allowed.some((pattern) => pattern.test(s)))).toEqual([]);
    expect(source).not.toMatch(/\bprocess\.env\b|\bfetch\(|\bDate\.now\(|\bnew Date\(\)/);
  });
});

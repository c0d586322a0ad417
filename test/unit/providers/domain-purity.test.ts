// Proves the provider protocols and VietQR stay pure: they import only node:crypto, zod/mini and other domain files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const FILES = [
  ...readdirSync(join(ROOT, 'domain/providers')).map((name) => `domain/providers/${name}`),
  'domain/payments/vietqr.ts',
].filter((file) => file.endsWith('.ts'));

describe('provider protocol modules', () => {
  it.each(FILES)('%s imports nothing with I/O', (file) => {
    const source = readFileSync(join(ROOT, file), 'utf8');
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]!);
    for (const spec of imports) {
      const allowed = spec === 'node:crypto' || spec === 'zod/mini' || (spec.startsWith('.') && !/functions|infra|mocks/.test(spec));
      expect({ file, spec, allowed }).toEqual({ file, spec, allowed: true });
    }
  });
});

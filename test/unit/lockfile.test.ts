// Proves package-lock.json lists every optional platform package, so `npm ci` (what CI runs) accepts it on a clean machine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  optionalDependencies?: Record<string, string>;
}

describe('package-lock.json', () => {
  it('has an entry for every optional dependency (run `node .ci/complete-lockfile.mjs` after npm install if not)', () => {
    const lock = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
    const missing = Object.entries(lock.packages).flatMap(([location, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter((name) => !lock.packages[`${location}/node_modules/${name}`] && !lock.packages[`node_modules/${name}`])
        .map((name) => `${name} (wanted by ${location || 'the project'})`),
    );
    expect(missing).toEqual([]);
  });
});

// Proves the manifest the CDK stack and the dev server share is consistent: every entry exists and exports a handler, names and routes are unique.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { functions, queues } from '../../functions/manifest';

const root = join(__dirname, '..', '..');

describe('function manifest', () => {
  it.each(functions.map((fn) => [fn.name, fn.entry]))('%s points at a module that exports a handler', (_name, entry) => {
    expect(existsSync(join(root, entry))).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(typeof require(join(root, entry)).handler).toBe('function');
  });

  it('has unique function names and unique routes', () => {
    const names = functions.map((fn) => fn.name);
    expect(new Set(names).size).toBe(names.length);
    const routeKeys = functions.flatMap((fn) => (fn.routes ?? []).map((route) => `${route.method} ${route.path}`));
    expect(new Set(routeKeys).size).toBe(routeKeys.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
  });

  it('only consumes queues it declares', () => {
    const declared = new Set(queues.map((queue) => queue.name));
    for (const fn of functions) if (fn.consumes) expect(declared.has(fn.consumes.queue)).toBe(true);
  });
});

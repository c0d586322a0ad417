#!/usr/bin/env node
// Completes package-lock.json with the platform-specific optional packages the registry reachable
// here does not serve (e.g. @duckdb/node-bindings-darwin-arm64). npm leaves those out of the lock
// when it cannot fetch their metadata, and `npm ci` then refuses the lock as out of sync. Each entry
// added here only declares the package with the os/cpu/libc its name states, so npm skips it on
// any other platform and never downloads it; on its own platform npm would resolve it as usual.
// Run after `npm install <package>`: node .ci/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openbsd', 'sunos', 'aix', 'netbsd', 'openharmony'];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

export function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.find((part) => CPU.includes(part));
  if (!os || !cpu) return undefined;
  const libc = parts.includes('musl') ? 'musl' : parts.includes('gnu') || (os === 'linux' && parts.includes('glibc')) ? 'glibc' : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

let added = 0;
const problems = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location}/node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const platform = platformOf(name);
    if (!platform) {
      problems.push(`${name} (optional dependency of ${location || 'the project'}) is missing and its platform cannot be told from its name`);
      continue;
    }
    lock.packages[hoisted] = { version: range.replace(/^[\^~=]/, ''), ...platform, ...(entry.dev ? { dev: true } : {}), optional: true };
    added += 1;
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(path, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(added === 0 ? 'package-lock.json is complete' : `added ${added} platform-only optional package(s) to package-lock.json`);

// Proves the dependency rule: domain/ is pure and imports no AWS SDK, middy, CDK, nor anything from functions/, infra/ or mocks/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const FORBIDDEN = [/^@aws-sdk\//, /^@middy\//, /^aws-cdk-lib/, /^constructs$/, /^@aws-lambda-powertools\//, /(^|\/)(functions|infra|mocks)\//, /^node:(fs|http|https|net|child_process)$/];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

export function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  return specifiers;
}

describe('domain dependency rule', () => {
  it('finds the imports it checks (the check can fail)', () => {
    expect(importsOf("import { x } from '@aws-sdk/client-dynamodb';\nconst y = require('../functions/z');")).toEqual([
      '@aws-sdk/client-dynamodb',
      '../functions/z',
    ]);
  });

  it('holds for every file under domain/', () => {
    const offenders = tsFiles(join(root, 'domain')).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((specifier) => FORBIDDEN.some((rule) => rule.test(specifier.replace(/^(\.\.\/)+/, ''))))
        .map((specifier) => `${relative(root, file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});

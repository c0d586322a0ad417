// Proves the reconciliation domain stays pure: no AWS SDK, middleware, Node I/O or imports from the outer layers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join(__dirname, '../../../domain/reconciliation');
const forbidden = [/from '@aws-sdk\//, /from '@middy\//, /from '(node:)?(fs|stream|fs\/promises|child_process|net|http)'/, /from '\.\.\/\.\.\/(functions|infra|mocks)\//, /require\(/];

describe('domain/reconciliation', () => {
  it.each(readdirSync(folder).filter((name) => name.endsWith('.ts')))('%s imports nothing impure', (name) => {
    const source = readFileSync(join(folder, name), 'utf8');
    for (const pattern of forbidden) expect(source).not.toMatch(pattern);
  });
});

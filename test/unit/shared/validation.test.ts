// Proves every issue zod/mini leaves unworded gets a plain message in the API's voice, and a message written on a schema wins.
import * as z from 'zod/mini';
import { validateInput } from '../../../domain/shared/validation';

const messagesOf = (schema: z.core.$ZodType, input: unknown) => {
  const result = validateInput(schema, input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
};

describe('validateInput', () => {
  it('words missing fields, wrong types, bounds and formats', () => {
    const schema = z.object({
      name: z.string().check(z.minLength(1)),
      code: z.string().check(z.minLength(3), z.maxLength(5)),
      pages: z.int().check(z.minimum(1), z.maximum(10)),
      rate: z.number().check(z.positive()),
      tags: z.array(z.string()).check(z.minLength(1)),
      site: z.url(),
      agency: z.string().check(z.regex(/^[A-Z]+$/)),
      exempt: z.boolean(),
    });
    expect(messagesOf(schema, { name: '', code: 'toolong', pages: 1.5, rate: 0, tags: [], site: 'nope', agency: 'stp', exempt: 'yes' })).toEqual([
      'name: must not be empty',
      'code: must be at most 5 characters long',
      'pages: must be a whole number',
      'rate: must be more than 0',
      'tags: must not be empty',
      'site: must be a URL',
      'agency: is not in the expected format',
      'exempt: must be true or false',
    ]);
    expect(messagesOf(schema, {})[0]).toBe('name: is required');
  });

  it('names the accepted values of an enum, a literal and a discriminated union', () => {
    const rule = z.discriminatedUnion('type', [z.object({ type: z.literal('fixed') }), z.object({ type: z.literal('tiered') })]);
    expect(messagesOf(z.object({ kind: z.enum(['PHI', 'LE_PHI']), currency: z.literal('VND'), rule }), { kind: 'X', currency: 'USD', rule: { type: 'flat' } })).toEqual([
      'kind: must be one of PHI, LE_PHI',
      'currency: must be VND',
      'rule.type: must be one of fixed, tiered',
    ]);
  });

  it('names the fields a strict object does not take, and keeps messages written on the schema', () => {
    expect(messagesOf(z.strictObject({ a: z.string() }), { a: 'x', b: 1, c: 2 })).toEqual(['(root): has fields it does not take: b, c']);
    expect(messagesOf(z.object({ id: z.string().check(z.regex(/^\d+$/, 'must be digits')) }), { id: 'x' })).toEqual(['id: must be digits']);
  });
});

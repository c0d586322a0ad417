import * as z from 'zod/mini';

/**
 * Every schema of the service is written with `zod/mini`, zod's tree-shakable form: a Lambda bundle
 * carries only the checks its schemas use. Mini ships no English messages (a failed check says
 * "Invalid input" unless a locale is loaded), so every parse goes through `validateInput`, which words
 * what a schema leaves unworded the way the API's error details are worded — "is required",
 * "must be at most 64 characters" — next to the field's path. A message written on a schema wins.
 */
export function validateInput<T>(schema: z.core.$ZodType<T>, input: unknown): z.util.SafeParseResult<T> {
  return z.safeParse(schema, input, { error: defaultMessage });
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const FORMAT_WORDS: Record<string, string> = {
  url: 'must be a URL',
  datetime: 'must be an ISO 8601 date and time with an offset, e.g. 2026-03-10T09:30:00+07:00',
  date: 'must be a date YYYY-MM-DD',
  email: 'must be an email address',
  regex: 'is not in the expected format',
};

/** The message of an issue whose schema gave none. */
export function defaultMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return boundMessage(issue.origin, issue.minimum, issue.inclusive !== false ? 'at least' : 'more than');
    case 'too_big':
      return boundMessage(issue.origin, issue.maximum, issue.inclusive !== false ? 'at most' : 'less than');
    case 'invalid_format':
      return FORMAT_WORDS[issue.format] ?? `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} it does not take: ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${String(issue.values[0])}` : `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      // A discriminated union names the values its discriminator may take.
      return Array.isArray(issue.options) && issue.options.length > 0 ? `must be one of ${issue.options.map(String).join(', ')}` : 'does not match any accepted form';
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
    default:
      return 'is not valid';
  }
}

function boundMessage(origin: string, bound: number | bigint, relation: string): string {
  switch (origin) {
    case 'string':
      return bound === 1 && relation === 'at least' ? 'must not be empty' : `must be ${relation} ${bound} character${bound === 1 ? '' : 's'} long`;
    case 'array':
    case 'set':
      return bound === 1 && relation === 'at least' ? 'must not be empty' : `must have ${relation} ${bound} item${bound === 1 ? '' : 's'}`;
    default:
      return `must be ${relation} ${bound}`;
  }
}

/**
 * The rules config.ts reads environment variables with. They are written here rather than as a zod
 * schema because every function reads its configuration at a cold start, and the queue workers and
 * scheduled jobs validate nothing else: zod would be about 24 KB of a 300 KB Lambda bundle for two
 * dozen strings, each either a whole number in a range, a URL, a secret, a pattern or one of a few
 * words. Request bodies, queue messages and files are still parsed with zod (domain/shared/validation.ts).
 */

type Reading<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** Reads a variable's text (never empty: an empty variable counts as unset). */
export type Parse<T> = (text: string) => Reading<T>;

export interface Variable<T> {
  readonly parse: Parse<T>;
  /** Used when the variable is unset; `undefined` leaves it unset. */
  readonly fallback: T | undefined;
}

/** A variable with a default, or an optional one without. */
export function variable<T>(parse: Parse<T>, fallback: T): Variable<T>;
export function variable<T>(parse: Parse<T>): Variable<T | undefined>;
export function variable<T>(parse: Parse<T>, fallback?: T): Variable<T | undefined> {
  return { parse, fallback };
}

/** The values a set of variables reads into. */
export type ValuesOf<V extends Record<string, Variable<unknown>>> = { -readonly [K in keyof V]: V[K] extends Variable<infer T> ? T : never };

const read = <T>(value: T): Reading<T> => ({ ok: true, value });
const wrong = (problem: string): Reading<never> => ({ ok: false, problem });

/** Any text, or text that passes `check`. */
export const text =
  (check: (value: string) => boolean = () => true, message = 'is not valid'): Parse<string> =>
  (value) =>
    check(value) ? read(value) : wrong(message);

export const wholeNumber =
  (from: number, to: number): Parse<number> =>
  (value) => {
    if (!/^\d{1,9}$/.test(value.trim())) return wrong('must be a whole number');
    const number = Number(value);
    return number >= from && number <= to ? read(number) : wrong(`must be from ${from} to ${to}`);
  };

/** A positive decimal number such as 2 or 0.05, at most `max`. */
export const positiveNumber =
  (max: number, unit: string): Parse<number> =>
  (value) => {
    const number = /^\d{1,9}(\.\d{1,9})?$/.test(value.trim()) ? Number(value) : NaN;
    if (!(number > 0)) return wrong(`must be a positive number of ${unit}`);
    return number <= max ? read(number) : wrong(`must be at most ${max}`);
  };

/** An absolute http(s) URL. */
export const httpUrl =
  (message = 'must be a URL'): Parse<string> =>
  (value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:' ? read(value) : wrong(message);
    } catch {
      return wrong(message);
    }
  };

export const oneOf =
  <const W extends string>(words: readonly W[]): Parse<W> =>
  (value) =>
    (words as readonly string[]).includes(value) ? read(value as W) : wrong(`must be one of ${words.join(', ')}`);

/**
 * Reads every variable from `env`: its value, its default when unset or empty (as in most shells'
 * `VAR= npm start`), or a problem naming the variable and the text it got — all problems at once.
 */
export function readVariables<V extends Record<string, Variable<unknown>>>(
  variables: V,
  env: Readonly<Record<string, string | undefined>>,
): { readonly ok: true; readonly values: ValuesOf<V> } | { readonly ok: false; readonly problems: readonly string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, { parse, fallback }] of Object.entries(variables)) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (fallback !== undefined) values[name] = fallback;
      continue;
    }
    const reading = parse(raw);
    if (reading.ok) values[name] = reading.value;
    else problems.push(`${name}: ${reading.problem} (got ${JSON.stringify(raw)})`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values: values as ValuesOf<V> };
}

import { randomBytes } from 'node:crypto';

/**
 * The body of the service's generated ids: 10 characters of time (milliseconds) and 11 random ones,
 * Crockford base32 (no I, L, O, U). Ids sort roughly by creation time, which helps whoever reads logs
 * and keys; 55 random bits per millisecond make a collision negligible, and every write that stores
 * one refuses a duplicate anyway.
 */
export const TIME_ORDERED_ID_PATTERN_SOURCE = '[0-9A-HJKMNP-TV-Z]{21}';
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 11;

export function timeOrderedId(now: Date, random: (size: number) => Uint8Array = randomBytes): string {
  let time = now.getTime();
  let timePart = '';
  for (let i = 0; i < TIME_CHARS; i++) {
    timePart = ALPHABET[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  const bytes = random(RANDOM_CHARS);
  let randomPart = '';
  for (let i = 0; i < RANDOM_CHARS; i++) randomPart += ALPHABET[bytes[i]! % 32];
  return `${timePart}${randomPart}`;
}

import type { AmountVnd } from '../shared/money';

/**
 * The amount of a receipt in Vietnamese words ("Năm mươi hai nghìn đồng"), as invoices and receipts
 * read it: groups of three digits named nghìn, triệu, tỷ; a group after the first is read in full,
 * so an empty hundreds place says "không trăm" and an empty tens place "linh" (1.005.000 → "một
 * triệu không trăm linh năm nghìn"); a group of zeros is left out. In the tens: "mười" for ten and
 * "mươi" for twenty to ninety; a final 1 after mươi is "mốt", a final 4 after mươi is "tư", a final 5
 * after mười or mươi is "lăm". Above 999 tỷ the count of tỷ is itself read the same way ("một nghìn
 * tỷ"). The first letter is capitalised and the text ends in "đồng".
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const GROUP_NAMES = ['', 'nghìn', 'triệu'] as const;
const BILLION = 1_000_000_000;

export function amountInWords(amount: AmountVnd): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be a whole, non-negative number of VND, not ${amount}`);
  const words = amount === 0 ? 'không' : readNumber(amount, true);
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} đồng`;
}

/** `leading`: nothing is read before this number, so its first group drops "không trăm" and "linh". */
function readNumber(value: number, leading: boolean): string {
  const billions = Math.floor(value / BILLION);
  const rest = value % BILLION;
  const parts: string[] = [];
  if (billions > 0) parts.push(`${readNumber(billions, leading)} tỷ`);
  const belowBillion = readBelowBillion(rest, leading && billions === 0);
  if (belowBillion) parts.push(belowBillion);
  return parts.join(' ');
}

function readBelowBillion(value: number, leading: boolean): string {
  const groups = [Math.floor(value / 1_000_000), Math.floor(value / 1000) % 1000, value % 1000];
  const parts: string[] = [];
  let first = leading;
  groups.forEach((group, index) => {
    if (group === 0) return;
    const name = GROUP_NAMES[2 - index]!;
    parts.push(name ? `${readGroup(group, first)} ${name}` : readGroup(group, first));
    first = false;
  });
  return parts.join(' ');
}

/** One group of three digits (1–999). */
function readGroup(group: number, leading: boolean): string {
  const hundreds = Math.floor(group / 100);
  const tens = Math.floor(group / 10) % 10;
  const units = group % 10;
  const words: string[] = [];
  const readsHundreds = hundreds > 0 || !leading;
  if (readsHundreds) words.push(DIGITS[hundreds]!, 'trăm');
  if (tens === 0) {
    if (units > 0) words.push(...(readsHundreds ? ['linh', DIGITS[units]!] : [DIGITS[units]!]));
  } else if (tens === 1) {
    words.push('mười');
    if (units > 0) words.push(units === 5 ? 'lăm' : DIGITS[units]!);
  } else {
    words.push(DIGITS[tens]!, 'mươi');
    if (units > 0) words.push(units === 1 ? 'mốt' : units === 4 ? 'tư' : units === 5 ? 'lăm' : DIGITS[units]!);
  }
  return words.join(' ');
}

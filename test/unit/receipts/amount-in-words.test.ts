// Proves the receipt's amount in words follows the Vietnamese reading rules on a table of amounts, and, by property, reads back to the same number for any amount up to 10^12.
import fc from 'fast-check';
import { amountInWords } from '../../../domain/receipts/amount-in-words';

/**
 * An independent reader of Vietnamese amounts: digit words set a pending digit, "trăm" and "mươi"
 * place it, "mười" adds ten, "nghìn" and "triệu" close a group, "tỷ" multiplies everything read so far.
 */
const DIGIT_WORDS: Record<string, number> = { không: 0, một: 1, mốt: 1, hai: 2, ba: 3, bốn: 4, tư: 4, năm: 5, lăm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9 };

function readVietnameseAmount(text: string): number {
  expect(text.endsWith(' đồng')).toBe(true);
  const tokens = text.slice(0, -' đồng'.length).toLowerCase().split(' ');
  let billions = 0;
  let millions = 0;
  let thousands = 0;
  let group = 0;
  let pending = 0;
  for (const token of tokens) {
    if (token in DIGIT_WORDS) pending = DIGIT_WORDS[token]!;
    else if (token === 'trăm') [group, pending] = [group + pending * 100, 0];
    else if (token === 'mươi') [group, pending] = [group + pending * 10, 0];
    else if (token === 'mười') group += 10;
    else if (token === 'linh' || token === 'lẻ') continue;
    else if (token === 'nghìn' || token === 'ngàn') [thousands, group, pending] = [group + pending, 0, 0];
    else if (token === 'triệu') [millions, group, pending] = [group + pending, 0, 0];
    else if (token === 'tỷ') [billions, millions, thousands, group, pending] = [(billions + millions * 1e6 + thousands * 1e3 + group + pending) * 1e9, 0, 0, 0, 0];
    else throw new Error(`not a number word: ${token}`);
  }
  return billions + millions * 1e6 + thousands * 1e3 + group + pending;
}

describe('amountInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [1, 'Một đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'],
    [20, 'Hai mươi đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi tư đồng'],
    [25, 'Hai mươi lăm đồng'],
    [55, 'Năm mươi lăm đồng'],
    [100, 'Một trăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [111, 'Một trăm mười một đồng'],
    [115, 'Một trăm mười lăm đồng'],
    [1000, 'Một nghìn đồng'],
    [1005, 'Một nghìn không trăm linh năm đồng'],
    [1050, 'Một nghìn không trăm năm mươi đồng'],
    [10_000, 'Mười nghìn đồng'],
    [15_000, 'Mười lăm nghìn đồng'],
    [21_000, 'Hai mươi mốt nghìn đồng'],
    [52_000, 'Năm mươi hai nghìn đồng'],
    [100_000, 'Một trăm nghìn đồng'],
    [250_000, 'Hai trăm năm mươi nghìn đồng'],
    [1_000_000, 'Một triệu đồng'],
    [1_000_005, 'Một triệu không trăm linh năm đồng'],
    [1_005_000, 'Một triệu không trăm linh năm nghìn đồng'],
    [1_500_000, 'Một triệu năm trăm nghìn đồng'],
    [20_040_000, 'Hai mươi triệu không trăm bốn mươi nghìn đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [1_000_000_001, 'Một tỷ không trăm linh một đồng'],
    [1_234_567_890, 'Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng'],
    [1_000_000_000_000, 'Một nghìn tỷ đồng'],
    [999_999_999_999, 'Chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng'],
  ])('reads %d as "%s"', (amount, words) => {
    expect(amountInWords(amount)).toBe(words);
    expect(readVietnameseAmount(words)).toBe(amount);
  });

  it('refuses an amount that is not a whole non-negative number of VND', () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });

  it('reads back to the same amount for any amount up to 10^12, in well-formed words', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 100_000 })), (amount) => {
        const words = amountInWords(amount);
        expect(readVietnameseAmount(words)).toBe(amount);
        expect(words.charAt(0)).toBe(words.charAt(0).toUpperCase());
        expect(words).not.toMatch(/ {2}|mươi một|mươi năm|mười năm|mươi bốn|mười mốt|mười tư|^Không trăm|^Linh/);
      }),
      { numRuns: 5000 },
    );
  });
});

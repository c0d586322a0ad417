// Proves the shared CSV writer: a byte order mark and CRLF lines for Excel, RFC 4180 quoting, and text that would run as a formula neutralised while plain numbers stay numbers.
import { csvCell, neutraliseFormula, renderCsv } from '../../../domain/shared/csv';

describe('csvCell', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-A1', "'-A1"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['-1.00', '-1.00'],
    ['31.25', '31.25'],
    ['STP', 'STP'],
    ['Sở Tư pháp', 'Sở Tư pháp'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers plainly, negative ones included, and null as an empty cell', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(1_234_567)).toBe('1234567');
    expect(csvCell(null)).toBe('');
  });
});

describe('neutraliseFormula', () => {
  it('leaves text already neutralised as it is', () => {
    expect(neutraliseFormula(neutraliseFormula('=1'))).toBe("'=1");
  });
});

describe('renderCsv', () => {
  it('starts with a byte order mark and ends every line with CRLF', () => {
    expect(renderCsv(['Mã', 'Số tiền'], [['=x', 5], [null, -7]])).toBe("\uFEFFMã,Số tiền\r\n'=x,5\r\n,-7\r\n");
  });

  it('writes just the header for no rows', () => {
    expect(renderCsv(['Mã'], [])).toBe('\uFEFFMã\r\n');
  });
});

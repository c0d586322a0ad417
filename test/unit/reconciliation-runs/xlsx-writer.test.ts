// Proves the XLSX writer's file parts: text only ever as shared strings (never a formula), text Excel or an XML parser would alter kept as typed, the filter's defined name, and the limits it refuses.
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { columnLetters, writeXlsxSheet, type XlsxSheet } from '../../../functions/reconciliation/xlsx-writer';

const sheetOf = (rows: XlsxSheet['rows'], overrides: Partial<XlsxSheet> = {}): XlsxSheet => ({
  name: 'Trang 1',
  columns: [
    { header: 'Văn bản', width: 20 },
    { header: 'Số tiền', width: 14, numberFormat: '#,##0' },
  ],
  rows,
  ...overrides,
});

function partsOf(file: Buffer): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(file)).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

describe('writeXlsxSheet', () => {
  it('writes every text as a shared string cell and no formula, whatever the text looks like', () => {
    const parts = partsOf(writeXlsxSheet(sheetOf([['=1+2', 5], ['=1+2', -7], ['@SUM(A1)', null]])));
    const sheet = parts['xl/worksheets/sheet1.xml']!;
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain('<c r="A2" t="s"><v>2</v></c><c r="B2" s="2"><v>5</v></c>');
    expect(sheet).toContain('<c r="B3" s="2"><v>-7</v></c>');
    expect(parts['xl/sharedStrings.xml']).toContain('count="5" uniqueCount="4"');
    expect(Object.keys(parts).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
  });

  it('keeps text as typed: a carriage return survives XML parsing and Excel escapes stay literal', () => {
    const strings = partsOf(writeXlsxSheet(sheetOf([['a\rb _x0041_ <&> "c"', 1]])))['xl/sharedStrings.xml']!;
    expect(strings).toContain('a&#13;b _x005F_x0041_ &lt;&amp;&gt; &quot;c&quot;');
  });

  it('drops only the control characters XML cannot carry', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(writeXlsxSheet(sheetOf([['a\u0001b\u001Fc\td\ne', 1]])) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]!.getCell('A2').value).toBe('abc\td\ne');
  });

  it('leaves empty text and nulls as empty cells', () => {
    const sheet = partsOf(writeXlsxSheet(sheetOf([['', null]])))['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<row r="2"></row>');
  });

  it('names the header filter as Excel does, with the sheet name quoted', () => {
    const parts = partsOf(writeXlsxSheet(sheetOf([], { name: "Sổ 'A' ngày 10" })));
    expect(parts['xl/worksheets/sheet1.xml']).toContain('<autoFilter ref="A1:B1"/>');
    expect(parts['xl/workbook.xml']).toContain(
      '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'Sổ \'\'A\'\' ngày 10\'!$A$1:$B$1</definedName>',
    );
  });

  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [702, 'ZZ'],
    [703, 'AAA'],
    [16_384, 'XFD'],
  ])('names column %i %s', (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
  });

  it('refuses what Excel would not open', () => {
    expect(() => writeXlsxSheet(sheetOf([], { name: 'a/b' }))).toThrow(RangeError);
    expect(() => writeXlsxSheet(sheetOf([], { name: 'x'.repeat(32) }))).toThrow(RangeError);
    expect(() => writeXlsxSheet(sheetOf([], { name: "'quoted'" }))).toThrow(RangeError);
    expect(() => writeXlsxSheet(sheetOf([], { columns: [] }))).toThrow(RangeError);
    expect(() => writeXlsxSheet(sheetOf([['a', 1, 'too many']]))).toThrow(/row 2 has 3 cells for 2 columns/);
    expect(() => writeXlsxSheet(sheetOf([['a', Number.NaN]]))).toThrow(/B2 holds NaN/);
  });
});

import { zipSync, type Zippable } from 'fflate';

/**
 * Writes one worksheet as an XLSX file: a bold header row that stays frozen with a filter on it,
 * then rows of text and numbers. Text is always a string cell (`t="s"`), never a formula; numbers are
 * numeric cells, with a number format per column if one is given.
 *
 * Why not a library: exceljs (which this replaced) put over a megabyte in the export's bundle and
 * most of its cold start, and write-excel-file, a small maintained writer, still adds about 75 KB
 * minified (its images and conditional formatting come with every import) to a function that must
 * stay under 300 KB with the AWS SDK in it. These few parts of SpreadsheetML over fflate's zip add
 * about 16 KB. The tests read the files back with exceljs, and the filter follows what Excel writes.
 */
export type XlsxCell = string | number | null;

export interface XlsxColumn {
  readonly header: string;
  /** In characters, as Excel measures a column. */
  readonly width: number;
  /** An Excel number format for the column's numbers, such as `#,##0`. */
  readonly numberFormat?: string;
}

export interface XlsxSheet {
  /** At most 31 characters, none of `: \ / ? * [ ]`, not starting or ending with `'` (Excel's rules). */
  readonly name: string;
  readonly columns: readonly XlsxColumn[];
  readonly rows: Iterable<readonly XlsxCell[]>;
  /** Shown in the file's properties. */
  readonly title?: string;
  readonly creator?: string;
}

/** Excel's own limits on a sheet; a reconciliation export stays far below them. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const SHEET_NAME = /^(?!')[^:\\/?*[\]]{1,31}(?<!')$/;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Cell styles (indexes into styles.xml's cellXfs): 0 plain, 1 bold header, then one per number format. */
const HEADER_STYLE = 1;
const FIRST_FORMAT_STYLE = 2;
/** Custom number formats are numbered from 164; lower ids are Excel's built-in ones. */
const FIRST_CUSTOM_FORMAT_ID = 164;

export function writeXlsxSheet(sheet: XlsxSheet): Buffer {
  const { columns } = sheet;
  if (!SHEET_NAME.test(sheet.name)) throw new RangeError(`"${sheet.name}" is not a valid sheet name`);
  if (columns.length === 0 || columns.length > MAX_COLUMNS) throw new RangeError(`a sheet has 1 to ${MAX_COLUMNS} columns`);

  const formats = [...new Set(columns.flatMap((column) => (column.numberFormat ? [column.numberFormat] : [])))];
  const columnStyle = columns.map((column) => (column.numberFormat ? FIRST_FORMAT_STYLE + formats.indexOf(column.numberFormat) : 0));
  const letters = columns.map((_, i) => columnLetters(i + 1));
  const strings = new SharedStrings();

  const rowsXml: string[] = [rowXml(1, columns.map((column, i) => stringCell(`${letters[i]}1`, strings.indexOf(column.header), HEADER_STYLE)))];
  let rowNumber = 1;
  for (const row of sheet.rows) {
    rowNumber += 1;
    if (rowNumber > MAX_ROWS) throw new RangeError(`a sheet has at most ${MAX_ROWS} rows`);
    if (row.length > columns.length) throw new RangeError(`row ${rowNumber} has ${row.length} cells for ${columns.length} columns`);
    const cells: string[] = [];
    row.forEach((cell, i) => {
      const ref = `${letters[i]}${rowNumber}`;
      if (typeof cell === 'number') cells.push(numberCell(ref, cell, columnStyle[i]!));
      else if (typeof cell === 'string' && cell !== '') cells.push(stringCell(ref, strings.indexOf(cell), 0));
    });
    rowsXml.push(rowXml(rowNumber, cells));
  }

  const lastColumn = letters[letters.length - 1]!;
  const headerRange = `A1:${lastColumn}1`;
  const worksheet =
    `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="A1:${lastColumn}${rowNumber}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${columns.map((column, i) => `<col min="${i + 1}" max="${i + 1}" width="${column.width}" customWidth="1"${columnStyle[i] ? ` style="${columnStyle[i]}"` : ''}/>`).join('')}</cols>` +
    `<sheetData>${rowsXml.join('')}</sheetData>` +
    `<autoFilter ref="${headerRange}"/>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '</worksheet>';

  // Excel writes this hidden name beside every filter; LibreOffice shows no filter buttons without it.
  const filterName = `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${escapeXml(`'${sheet.name.replace(/'/g, "''")}'!${absolute(headerRange)}`)}</definedName>`;
  const workbook =
    `${XML_DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<bookViews><workbookView/></bookViews>' +
    `<sheets><sheet name="${escapeXml(sheet.name)}" sheetId="1" r:id="rId1"/></sheets>` +
    `<definedNames>${filterName}</definedNames>` +
    '</workbook>';

  const files: Zippable = {
    '[Content_Types].xml': utf8(contentTypes()),
    '_rels/.rels': utf8(
      relationships([
        ['http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument', 'xl/workbook.xml'],
        ['http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
      ]),
    ),
    'docProps/core.xml': utf8(coreProperties(sheet.title, sheet.creator)),
    'xl/workbook.xml': utf8(workbook),
    'xl/_rels/workbook.xml.rels': utf8(
      relationships([
        [`${REL_NS}/worksheet`, 'worksheets/sheet1.xml'],
        [`${REL_NS}/styles`, 'styles.xml'],
        [`${REL_NS}/sharedStrings`, 'sharedStrings.xml'],
      ]),
    ),
    'xl/styles.xml': utf8(styles(formats)),
    'xl/sharedStrings.xml': utf8(strings.toXml()),
    'xl/worksheets/sheet1.xml': utf8(worksheet),
  };
  const zip = zipSync(files, { level: 6 });
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}

/** Each distinct text is stored once and cells point at it, as Excel itself writes text. */
class SharedStrings {
  private readonly indexes = new Map<string, number>();
  private uses = 0;

  indexOf(text: string): number {
    this.uses += 1;
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.indexes.size;
      this.indexes.set(text, index);
    }
    return index;
  }

  toXml(): string {
    const items: string[] = [];
    for (const text of this.indexes.keys()) items.push(`<si><t xml:space="preserve">${escapeText(text)}</t></si>`);
    return `${XML_DECLARATION}<sst xmlns="${MAIN_NS}" count="${this.uses}" uniqueCount="${this.indexes.size}">${items.join('')}</sst>`;
  }
}

function rowXml(rowNumber: number, cells: readonly string[]): string {
  return `<row r="${rowNumber}">${cells.join('')}</row>`;
}

function stringCell(ref: string, sharedIndex: number, style: number): string {
  return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="s"><v>${sharedIndex}</v></c>`;
}

function numberCell(ref: string, value: number, style: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${ref} holds ${value}, not a finite number`);
  return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
}

function styles(formats: readonly string[]): string {
  const numFmts = formats.map((code, i) => `<numFmt numFmtId="${FIRST_CUSTOM_FORMAT_ID + i}" formatCode="${escapeXml(code)}"/>`).join('');
  const formatXfs = formats
    .map((_, i) => `<xf numFmtId="${FIRST_CUSTOM_FORMAT_ID + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`)
    .join('');
  return (
    `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}">` +
    (formats.length ? `<numFmts count="${formats.length}">${numFmts}</numFmts>` : '') +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${FIRST_FORMAT_STYLE + formats.length}">` +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    `${formatXfs}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

function contentTypes(): string {
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  const sheetml = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return (
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override('/xl/workbook.xml', `${sheetml}.sheet.main+xml`) +
    override('/xl/worksheets/sheet1.xml', `${sheetml}.worksheet+xml`) +
    override('/xl/styles.xml', `${sheetml}.styles+xml`) +
    override('/xl/sharedStrings.xml', `${sheetml}.sharedStrings+xml`) +
    override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    '</Types>'
  );
}

function relationships(targets: readonly (readonly [type: string, target: string])[]): string {
  const items = targets.map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`).join('');
  return `${XML_DECLARATION}<Relationships xmlns="${PKG_REL_NS}">${items}</Relationships>`;
}

function coreProperties(title: string | undefined, creator: string | undefined): string {
  return (
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    (title ? `<dc:title>${escapeText(title)}</dc:title>` : '') +
    (creator ? `<dc:creator>${escapeText(creator)}</dc:creator>` : '') +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}</dcterms:created>` +
    '</cp:coreProperties>'
  );
}

/** 1 → A, 26 → Z, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function absolute(range: string): string {
  return range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
}

// XML 1.0 cannot carry most control characters, even escaped; a cell keeps the rest of its text.
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
// Excel reads `_x0041_` in text as an escaped character ("A"); its own escape keeps such text as typed.
const EXCEL_ESCAPE = /_(x[0-9A-Fa-f]{4}_)/g;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Cell text: valid XML, carriage returns kept (a parser would turn a bare one into a line feed). */
function escapeText(text: string): string {
  return escapeXml(text.replace(NOT_XML, '').replace(EXCEL_ESCAPE, '_x005F_$1')).replace(/\r/g, '&#13;');
}

function utf8(xml: string): Uint8Array {
  return Buffer.from(xml, 'utf8');
}

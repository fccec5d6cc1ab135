import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * Reading an uploaded export: CSV in the encodings Chinese back offices write (UTF-8 with or
 * without BOM, GB18030/GBK, UTF-16) with comma, tab or semicolon separators, and XLSX
 * workbooks. Every cell becomes text as a person would read it; rows keep their number in the
 * file so reports can point at them.
 */

export type ImportFormat = 'csv' | 'xlsx';

export interface SheetRow {
  /** 1-based row number in the file (the line a spreadsheet shows). */
  line: number;
  cells: string[];
}

export interface ReadFile {
  sheets: string[];
  sheet: string;
  rows: SheetRow[];
}

/** Refused files: the message says what to do instead. */
export class ImportFileError extends Error {}

export const MAX_IMPORT_ROWS = 200_000;

/** Which reader a file needs, from its first bytes and then its name. */
export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new ImportFileError(
      'This is an old Excel file (.xls). Open it and save it as .xlsx or CSV, then upload that.',
    );
  }
  if (/\.(xlsx|xlsm)$/i.test(fileName)) {
    throw new ImportFileError('The file is named .xlsx but is not an Excel workbook.');
  }
  return 'csv';
}

/** Text of a CSV file, whichever encoding the back office used. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel on Chinese Windows saves CSV in the system code page: GBK, a subset of GB18030.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function guessDelimiter(text: string): string {
  const firstLines = text.split(/\r?\n/, 5).join('\n');
  const counts = [',', '\t', ';'].map((d) => ({ d, n: firstLines.split(d).length }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 1 ? counts[0]!.d : ',';
}

function readCsv(bytes: Uint8Array): ReadFile {
  const text = decodeText(bytes);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (error) {
    throw new ImportFileError(
      `The CSV file could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (records.length > MAX_IMPORT_ROWS + 50) {
    throw new ImportFileError(`The file has more than ${MAX_IMPORT_ROWS} rows; split it.`);
  }
  return {
    sheets: ['CSV'],
    sheet: 'CSV',
    rows: records.map((cells, i) => ({ line: i + 1, cells: cells.map((c) => c.trim()) })),
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Excel keeps wall-clock time; exceljs hands it over as a Date whose UTC fields are that time. */
function formatExcelDate(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const h = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatExcelDate(value);
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(+value.toFixed(10));
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined ? '' : cellText(result);
  }
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('error' in value) return '';
  return '';
}

async function readXlsx(bytes: Uint8Array, wanted: string | null): Promise<ReadFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError(
      `The workbook could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const sheets = workbook.worksheets.map((ws) => ws.name);
  const worksheet =
    (wanted ? workbook.getWorksheet(wanted) : undefined) ??
    workbook.worksheets.find((ws) => ws.actualRowCount > 0) ??
    workbook.worksheets[0];
  if (!worksheet) throw new ImportFileError('The workbook has no sheets.');
  if (worksheet.rowCount > MAX_IMPORT_ROWS + 50) {
    throw new ImportFileError(`The sheet has more than ${MAX_IMPORT_ROWS} rows; split it.`);
  }
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[];
    // exceljs rows are 1-based: values[0] is always empty.
    rows.push({ line, cells: Array.from(values.slice(1), (v) => cellText(v)) });
  });
  return { sheets, sheet: worksheet.name, rows };
}

/** Reads a file into rows of text cells; throws ImportFileError with a reason a person can act on. */
export async function readImportFile(
  format: ImportFormat,
  bytes: Uint8Array,
  sheet: string | null = null,
): Promise<ReadFile> {
  return format === 'xlsx' ? readXlsx(bytes, sheet) : readCsv(bytes);
}

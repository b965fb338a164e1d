import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { decodeText } from './decode.js';

export interface TableRow {
  cells: string[];
  line: number;
}

export interface Table {
  format: 'csv' | 'xlsx';
  encoding: string;
  /** Empty when the encoding is certain; otherwise the encodings a person may pick from (see decodeText). */
  encodings: string[];
  /**
   * Every row as text cells, the header first; blank rows are skipped, but each row carries its number in
   * the file (1 = first line/row), so reports name the row a person finds in Excel or a text editor.
   */
  rows: AsyncIterable<TableRow>;
}

const SLICE = 64 * 1024;

/** ZIP magic: an .xlsx is a zip archive whatever the file is called. */
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** `encoding`: the one a person picked for a CSV, when the guess was uncertain. */
export function readTable(bytes: Buffer, encoding?: string): Table {
  if (isZip(bytes)) return { format: 'xlsx', encoding: 'xlsx', encodings: [], rows: xlsxRows(bytes) };
  const decoded = decodeText(bytes, encoding);
  return { format: 'csv', encoding: decoded.encoding, encodings: decoded.candidates, rows: csvRows(decoded.text) };
}

/** Comma unless the header line says tab or semicolon (exports of some dialers and European Excel). */
function delimiterOf(text: string): string {
  const line = text.slice(0, text.search(/\r?\n|$/));
  const count = (d: string) => line.split(d).length - 1;
  return [',', '\t', ';'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

async function* csvRows(text: string): AsyncIterable<TableRow> {
  // Fed in slices, so parsing a 50 MB file lets other requests run between them.
  const slices = (function* () {
    for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
  })();
  const parser = Readable.from(slices).pipe(parse({
    // Empty lines are parsed (as one empty cell) and skipped here, so that they still count as rows.
    delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true,
  }));
  let line = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    line += 1;
    if (record.some((c) => c !== '')) yield { cells: record, line };
  }
}

async function* xlsxRows(bytes: Buffer): AsyncIterable<TableRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
  // The first sheet only: the one people see when they open the file.
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const cells = values.slice(1).map(cellText);
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      // row.number is the sheet's own row number: blank rows in between are simply absent from the stream.
      if (cells.some((c) => c !== '')) yield { cells, line: row.number };
    }
    break;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a person sees; dates as ISO (date only at midnight UTC, as Excel stores plain dates). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const midnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0;
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    return midnight ? date : value.toISOString();
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return '';
    return '';
  }
  return String(value).trim();
}

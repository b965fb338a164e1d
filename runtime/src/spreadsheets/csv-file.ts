import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { withHeader } from './xlsx-stream.js';

/** What spreadsheets read as the start of a formula (OWASP "CSV injection"): = + - @, and a tab or CR before them. */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A signed number stays as it is: "-120.5" in a money column, "+8613800000000" in a phone column, and masked
 * numbers such as "+86 138****5678" hold no function, reference or DDE call, so nothing can run.
 */
const PLAIN_NUMBER = /^[+-]?\d[\d *]*(?:\.\d+)?$/;

/**
 * A cell as a spreadsheet may show it without running it: text that would start a formula gets a leading
 * apostrophe, as OWASP recommends, so `=HYPERLINK("http://x","y")` typed in a note is shown, not followed.
 */
export function inertCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * A CSV file the server writes (exports, import reports): the header, then the rows, every text cell made
 * inert, with a UTF-8 BOM so Excel opens Chinese text right.
 */
export function csvFile(columns: string[], rows: AsyncIterable<unknown[]>): Readable {
  return Readable.from(withHeader(columns, rows)).pipe(stringify({ bom: true, cast: { string: inertCell } }));
}

import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/** An XLSX written row by row as it streams out: the workbook is never held whole in memory. */
export function xlsxStream(columns: string[], rows: AsyncIterable<unknown[]>, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName);
  void (async () => {
    sheet.addRow(columns).commit();
    for await (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: Error) => out.destroy(error));
  return out;
}

/** The header line, then the rows: a CSV written as one sequence of records. */
export async function* withHeader(columns: string[], rows: AsyncIterable<unknown[]>): AsyncIterable<unknown[]> {
  yield columns;
  yield* rows;
}

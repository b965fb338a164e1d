import type { Readable } from 'node:stream';
import type { Db } from 'mongodb';
import type { Locale } from '@telesales/schemas';
import { rejectsCollection } from '../imports/collections.js';
import { text } from '../imports/messages.js';
import { csvFile } from '../spreadsheets/csv-file.js';
import { xlsxStream } from '../spreadsheets/xlsx-stream.js';

const PAGE = 1000;

/**
 * Every rejected row of a list import: row, the file's column, the list's column, the reason in the reader's
 * language. The reasons were stored in both languages and carry no number, so the report shows none either.
 */
export async function* listReportLines(db: Db, batchId: string, mapping: Record<string, string>, locale: Locale): AsyncIterable<[number, string, string, string]> {
  let after = 0;
  for (;;) {
    const page = await rejectsCollection(db).find({ batchId, row: { $gt: after } }).sort({ row: 1 }).limit(PAGE).toArray();
    if (!page.length) return;
    for (const r of page) for (const issue of r.issues) yield [r.row, issue.column ?? '', issue.column ? mapping[issue.column] ?? '' : '', issue.reason[locale]] as [number, string, string, string];
    after = page[page.length - 1]!.row;
  }
}

const header = (locale: Locale) => [text('col_row', locale), text('col_column', locale), text('col_field', locale), text('col_reason', locale)];

export function listReport(db: Db, batch: { _id: string; mapping: Record<string, string> }, locale: Locale, format: 'csv' | 'xlsx'): Readable {
  const rows = listReportLines(db, batch._id, batch.mapping, locale);
  return format === 'csv' ? csvFile(header(locale), rows) : xlsxStream(header(locale), rows, 'report');
}

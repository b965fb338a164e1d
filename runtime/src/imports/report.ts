import { Readable } from 'node:stream';
import { localize, type ImportReportRowsJson } from '@telesales/schemas';
import { REPORT_ROWS_MAX } from './route-schemas.js';
import { userNames } from '../org/users.js';
import type { RecordContext } from '../records/service.js';
import { rejectsCollection, type ImportRejectDoc } from './collections.js';
import { fieldLabels } from './dedupe.js';
import { text } from './messages.js';
import { csvFile } from '../spreadsheets/csv-file.js';
import { xlsxStream } from '../spreadsheets/xlsx-stream.js';

export type ReportLine = [row: number, column: string, field: string, reason: string];

const PAGE = 1000;

/**
 * Who holds a duplicate, as this reader may be told: their own record, a named owner within their data
 * scope, the pool it waits in, or just "another agent" — never the record's values.
 */
function duplicateReason(ctx: RecordContext, r: ImportRejectDoc, scope: string[] | null, names: Map<string, string>, pools: Map<string, string>): string {
  const labels = fieldLabels(ctx.entity, r.fields ?? [])[ctx.locale];
  const h = r.holder;
  if (r.refusedUpdate) return text('dup_not_updatable', ctx.locale, { fields: labels });
  if (!h) return text('dup_any', ctx.locale, { fields: labels });
  if (h.ownerId === ctx.user.id) return text('dup_own', ctx.locale, { fields: labels });
  if (h.ownerId && (scope === null || scope.includes(h.ownerId))) {
    return text('dup_named_owner', ctx.locale, { fields: labels, owner: names.get(h.ownerId) ?? h.ownerId });
  }
  if (h.ownerId) return text('dup_other_agent', ctx.locale, { fields: labels });
  if (h.poolKey) return text('dup_in_pool', ctx.locale, { fields: labels, pool: pools.get(h.poolKey) ?? h.poolKey });
  return text('dup_any', ctx.locale, { fields: labels });
}

/** Every issue of every rejected row, in row order, in the reader's language. */
export async function* reportLines(ctx: RecordContext, batchId: string): AsyncIterable<ReportLine> {
  const scope = ctx.entity.owned === false ? null : await ctx.permissions.ownerScope(ctx.entity.key);
  const pools = new Map((await ctx.app.definitions.publishedPools(ctx.entity.key)).map((p) => [p.key, localize(p.label, ctx.locale)]));
  const label = (field: string | null) => (field ? field.split('+').map((k) => localize(ctx.view.field(k)?.label, ctx.locale) || k).join(' + ') : '');
  let after = 0;
  for (;;) {
    const page = await rejectsCollection(ctx.app.db).find({ batchId, row: { $gt: after } }).sort({ row: 1 }).limit(PAGE).toArray();
    if (!page.length) return;
    const owners = page.flatMap((r) => (r.holder?.ownerId && (scope === null || scope.includes(r.holder.ownerId)) ? [r.holder.ownerId] : []));
    const names = await userNames(ctx.app.db, owners);
    for (const r of page) {
      for (const issue of r.issues) {
        const reason = r.kind === 'duplicateInDb' ? duplicateReason(ctx, r, scope, names, pools) : issue.reason[ctx.locale];
        yield [r.row, issue.column ?? '', label(issue.field), reason];
      }
    }
    after = page[page.length - 1]!.row;
  }
}

function header(ctx: RecordContext): string[] {
  return [text('col_row', ctx.locale), text('col_column', ctx.locale), text('col_field', ctx.locale), text('col_reason', ctx.locale)];
}

/** Column names in the report come from the uploaded file: its cells are made inert like an export's. */
export function reportCsv(ctx: RecordContext, batchId: string): Readable {
  return csvFile(header(ctx), reportLines(ctx, batchId));
}

export function reportXlsx(ctx: RecordContext, batchId: string): Readable {
  return xlsxStream(header(ctx), reportLines(ctx, batchId), 'report');
}

/** The first `max` lines of a report, and whether there are more (the page's table; the download has them all). */
export async function firstReportRows(lines: AsyncIterable<ReportLine>, max = REPORT_ROWS_MAX): Promise<ImportReportRowsJson> {
  const rows: ImportReportRowsJson['rows'] = [];
  for await (const [row, column, field, reason] of lines) {
    if (rows.length === max) return { rows, more: true };
    rows.push({ row, column, field, reason });
  }
  return { rows, more: false };
}

import { Readable } from 'node:stream';
import { localize, type FieldDefinition } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import type { ListInput, RecordContext, RecordJson } from '../records/service.js';
import { text } from './messages.js';
import { csvFile } from '../spreadsheets/csv-file.js';
import { xlsxStream } from '../spreadsheets/xlsx-stream.js';

/** Most rows one export writes; the answer's headers say when the list had more. */
export const EXPORT_CAP = 100_000;
const GROUP = 500;

export interface ExportPlan {
  columns: string[];
  rows: AsyncIterable<string[]>;
  total: number;
  exported: number;
  truncated: boolean;
}

/** Only roles whose entity permission says `export`; everything else as the list (scope, filter, masking). */
export function requireExport(ctx: RecordContext): void {
  if (!ctx.permissions.entity(ctx.entity.key).export) throw new ApiError(403, 'forbidden', text('forbidden_export', ctx.locale));
}

/** A value as text in a spreadsheet: option labels, not their stored codes; lists joined; masked stays masked. */
function cell(ctx: RecordContext, field: FieldDefinition, value: unknown): string {
  if (value === undefined || value === null) return '';
  const join = (parts: string[]) => parts.join(ctx.locale === 'zh' ? '、' : ', ');
  const option = (v: unknown) => localize(field.options?.find((o) => o.value === v)?.label, ctx.locale) || String(v);
  switch (field.type) {
    case 'select': return option(value);
    case 'multiselect': return join((value as unknown[]).map(option));
    case 'tags': return join((value as unknown[]).map(String));
    case 'boolean': return text(value ? 'yes' : 'no', ctx.locale);
    case 'address': {
      const a = value as Record<string, string>;
      return ['country', 'province', 'city', 'district', 'street', 'postcode'].map((k) => a[k]).filter(Boolean).join(' ');
    }
    case 'attachment': return join((value as { name: string }[]).map((f) => f.name));
    default: return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

export async function planExport(ctx: RecordContext, input: ListInput): Promise<ExportPlan> {
  requireExport(ctx);
  const list = await ctx.app.records.listAll(ctx, input, EXPORT_CAP, GROUP);
  const fields = ctx.entity.fields.filter((f) => !f.retired && ctx.view.visible(f));
  const pools = new Map((await ctx.app.definitions.publishedPools(ctx.entity.key)).map((p) => [p.key, localize(p.label, ctx.locale)]));
  const owned = ctx.entity.owned !== false;
  const columns = [
    ...fields.map((f) => localize(f.label, ctx.locale) || f.key),
    ...(owned ? [text('col_owner', ctx.locale), text('col_pool', ctx.locale)] : []),
    text('col_created', ctx.locale), text('col_updated', ctx.locale),
  ];
  const total = list.total;
  const line = (r: RecordJson) => [
    // Records as the service answers them: hidden fields absent, masked ones masked.
    ...fields.map((f) => cell(ctx, f, r.values[f.key])),
    ...(owned ? [r.ownerName ?? '', r.pool ? (pools.get(r.pool) ?? r.pool) : ''] : []),
    r.createdAt, r.updatedAt,
  ];
  async function* rows(): AsyncIterable<string[]> {
    for await (const page of list.pages) for (const r of page) yield line(r);
  }
  const exported = Math.min(total, EXPORT_CAP);
  return { columns, rows: rows(), total, exported, truncated: total > EXPORT_CAP };
}

export function exportCsv(plan: ExportPlan): Readable {
  return csvFile(plan.columns, plan.rows);
}

export function exportXlsx(plan: ExportPlan, sheetName: string): Readable {
  return xlsxStream(plan.columns, plan.rows, sheetName);
}

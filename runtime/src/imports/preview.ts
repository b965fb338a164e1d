import type { ImportPreviewRowJson } from '@telesales/schemas';
import type { RecordContext } from '../records/service.js';
import { rowNumber, rowsCollection } from './collections.js';
import { fieldLabels, findHolder, InFileKeys, keySets } from './dedupe.js';
import { checkMapping, type Mapping } from './mapping.js';
import { text } from './messages.js';
import { rowReader } from './row-values.js';
import { loadFile } from './run-import.js';
import { SAMPLE_ROWS } from './store-file.js';

export type PreviewRow = ImportPreviewRowJson;

/**
 * The first rows as the import would judge them: validation issues per cell, and duplicates of an earlier
 * row or of a stored record (whose owner is named only as the asker may know it, as in the report).
 */
export async function previewImport(ctx: RecordContext, body: { fileId: string; mapping: Mapping }): Promise<{ rows: PreviewRow[]; total: number }> {
  const file = await loadFile(ctx, body.fileId);
  const mapping = checkMapping(ctx, file.columns, body.mapping);
  const read = rowReader(ctx, file.columns, mapping);
  const sets = keySets(ctx.entity);
  const inFile = new InFileKeys(sets);
  const first = await rowsCollection(ctx.app.db).findOne({ fileId: file._id, n: 0 });
  const sample = (first?.rows ?? []).slice(0, SAMPLE_ROWS);
  await ctx.app.records.spendMaskedImportRows(ctx, Object.values(mapping), sample.length);
  const scope = ctx.entity.owned === false ? null : await ctx.permissions.ownerScope(ctx.entity.key);
  const rows: PreviewRow[] = [];
  for (const [i, cells] of sample.entries()) {
    const row = rowNumber(first!, i);
    const { values, issues } = read(cells);
    let duplicate: PreviewRow['duplicate'] = null;
    if (!issues.length) {
      const same = inFile.claim(values, row);
      if (same) {
        duplicate = { kind: 'file', row: same.row, reason: text('dup_in_file', ctx.locale, { row: same.row, fields: fieldLabels(ctx.entity, same.fields)[ctx.locale] }) };
      } else {
        for (const fields of sets) {
          if (fields.some((k) => values[k] === undefined || values[k] === null || values[k] === '')) continue;
          const holder = await findHolder(ctx.app.records.system(ctx.entity.key), fields, values).catch(() => null);
          if (!holder) continue;
          const labels = fieldLabels(ctx.entity, fields)[ctx.locale];
          const reason = holder.ownerId === ctx.user.id ? text('dup_own', ctx.locale, { fields: labels })
            : holder.ownerId && scope !== null && !scope.includes(holder.ownerId) ? text('dup_other_agent', ctx.locale, { fields: labels })
              : text('dup_any', ctx.locale, { fields: labels });
          duplicate = { kind: 'db', reason };
          break;
        }
      }
    }
    rows.push({ row, cells, issues: issues.map((x) => ({ ...x, reason: x.reason[ctx.locale] })), duplicate });
  }
  return { rows, total: file.rows };
}

import { localize } from '@telesales/schemas';
import type { RecordContext, StoredRecord } from '../records/service.js';
import { rowNumber, type BatchCounts, type ImportBatchDoc, type ImportRejectDoc, type ImportRowsDoc } from './collections.js';
import { fieldLabels, findHolder, findHolders, indexFields, type Holder, type InFileKeys } from './dedupe.js';
import { bilingual } from './messages.js';
import { importedRecordId } from './record-id.js';
import type { rowReader } from './row-values.js';
import type { Placement, Placer } from './placement.js';
import { updateExisting } from './update-existing.js';

export interface ChunkRun {
  ctx: RecordContext;
  batch: ImportBatchDoc;
  read: ReturnType<typeof rowReader>;
  inFile: InFileKeys;
  place: Placer;
  beginChunk?: Placement['beginChunk'] | undefined;
  noticeOf?: Placement['noticeOf'] | undefined;
  mayUpdate: (holder: Holder) => boolean;
  columnOf: Map<string, string>;
  counts: BatchCounts;
  /** Pools that received records. */
  pools: Set<string>;
}

/** A row repeating an earlier row of the file, which with onDuplicate "update" updates that row's record. */
interface Repeat {
  row: number;
  values: Record<string, unknown>;
  mapped: Record<string, unknown>;
  same: { row: number; fields: string[] };
}

interface Pending {
  row: number;
  values: Record<string, unknown>;
  mapped: Record<string, unknown>;
}

/**
 * One chunk of the file: rows read and validated, checked against earlier rows, then written with one
 * unordered insertMany; rows the unique indexes refuse come back as write errors and are reported (or, with
 * onDuplicate "update", update the stored record). Returns the rejects to store.
 */
export async function importChunk(run: ChunkRun, chunk: ImportRowsDoc, replay = false): Promise<ImportRejectDoc[]> {
  const { ctx, batch, counts } = run;
  const now = new Date();
  const rejects: ImportRejectDoc[] = [];
  const docs: StoredRecord[] = [];
  const pending: Pending[] = [];
  const repeats: Repeat[] = [];
  const reject = (row: number, doc: Omit<ImportRejectDoc, '_id' | 'batchId' | 'row'>) =>
    rejects.push({ _id: `${batch._id}:${row}`, batchId: batch._id, row, ...doc });
  const notice = (row: number, reason: { zh: string; en: string }) => reject(row, { kind: 'notice', issues: [{ column: null, field: null, reason }] });
  const ready: Pending[] = [];

  for (let i = 0; i < chunk.rows.length; i++) {
    const row = rowNumber(chunk, i);
    const { values, mapped, issues } = run.read(chunk.rows[i]!);
    if (issues.length) {
      reject(row, { kind: 'invalid', issues });
      continue;
    }
    const same = run.inFile.claim(values, row);
    if (same) {
      // With "update", after the chunk's inserts: the earlier row's record may be one of them.
      if (batch.onDuplicate === 'update') repeats.push({ row, values, mapped, same });
      else rejectRepeat(run, reject, row, same);
      continue;
    }
    ready.push({ row, values, mapped });
  }

  // Placement sees the chunk's rows at once: pool conditions are evaluated in one worker round trip each.
  await run.beginChunk?.(ready.map((r) => r.values), batch.source);
  for (const { row, values, mapped } of ready) {
    const placement = await run.place(values, batch.source, now);
    if (!placement) {
      reject(row, { kind: 'atCap', issues: [{ column: null, field: null, reason: bilingual('all_at_cap') }] });
      continue;
    }

    docs.push({
      _id: importedRecordId(batch._id, row), version: 1, ownerId: null,
      createdAt: now, createdBy: ctx.user.id, updatedAt: now, updatedBy: ctx.user.id,
      deletedAt: null, deletedBy: null, values, ...placement, importBatch: batch._id,
    });
    pending.push({ row, values, mapped });
  }

  const records = ctx.app.records.system(ctx.entity.key);
  const refused = await records.insertUnordered(docs);
  const holderOf = await findHolders(records, [...refused].flatMap(([index, errmsg]) => {
    const fields = indexFields(errmsg);
    return fields ? [{ fields, values: pending[index]!.values }] : [];
  }));
  for (const [index, errmsg] of refused) {
    const { row, values, mapped } = pending[index]!;
    // The row's own id already stored: a replayed chunk meets what went in before the crash.
    if (/index: _id_/.test(errmsg)) {
      if (replay) continue;
      throw new Error(`import: record id of row ${row} already exists`);
    }
    const fields = indexFields(errmsg) ?? [];
    const holder = fields.length ? holderOf(fields, values) : null;
    if (replay && holder?.id === docs[index]!._id) continue; // stored before the crash, met by its own key
    if (holder && batch.onDuplicate === 'update' && run.mayUpdate(holder) && (await updateExisting(ctx, holder, mapped, batch._id, now))) {
      counts.updated += 1;
      continue;
    }
    counts.duplicatesInDb += 1;
    const labels = fieldLabels(ctx.entity, fields);
    reject(row, {
      kind: 'duplicateInDb', fields,
      ...(holder ? { holder: { id: holder.id, ownerId: holder.ownerId, poolKey: holder.poolKey } } : {}),
      // The reason depends on who reads the report (whose record it is may be theirs to know): see report.ts.
      issues: [{ column: run.columnOf.get(fields[0] ?? '') ?? null, field: fields.join('+') || null, reason: bilingual('dup_any', { zh: { fields: labels.zh }, en: { fields: labels.en } }) }],
      ...(holder && batch.onDuplicate === 'update' && !run.mayUpdate(holder) ? { refusedUpdate: true } : {}),
    });
  }
  for (const { row, values, mapped, same } of repeats) {
    // The record holding the key now is the one the earlier row created or updated: last value wins.
    const holder = await findHolder(records, same.fields, values);
    if (holder && run.mayUpdate(holder) && (await updateExisting(ctx, holder, mapped, batch._id, now))) {
      counts.updated += 1;
      notice(row, bilingual('updated_same_as_row', { zh: { row: same.row }, en: { row: same.row } }));
    } else rejectRepeat(run, reject, row, same);
  }
  // Refused by a key: not stored. Refused by its own id (a replay): stored before the crash.
  const notStored = new Set([...refused].filter(([, errmsg]) => !/index: _id_/.test(errmsg)).map(([i]) => i));
  for (const [i, doc] of docs.entries()) {
    if (notStored.has(i) || !doc.poolKey) continue;
    run.pools.add(doc.poolKey);
    // Round-robin rows that went to the pool because no chosen agent had room: the report says so.
    if (batch.target.type === 'agents') notice(pending[i]!.row, bilingual('at_cap_to_pool', await poolLabels(ctx, doc.poolKey)));
    // Rows whose pool condition failed to evaluate (and so went on to the next pool): the report says why.
    const said = run.noticeOf?.(pending[i]!.values);
    if (said) notice(pending[i]!.row, said);
  }
  counts.inserted += docs.length - notStored.size;
  counts.processed += chunk.rows.length;
  counts.duplicatesInFile += rejects.filter((r) => r.kind === 'duplicateInFile').length;
  counts.rejected += rejects.filter((r) => r.kind !== 'notice').length;
  return rejects;
}

function rejectRepeat(run: ChunkRun, reject: (row: number, doc: Omit<ImportRejectDoc, '_id' | 'batchId' | 'row'>) => void, row: number, same: Repeat['same']): void {
  const labels = fieldLabels(run.ctx.entity, same.fields);
  reject(row, {
    kind: 'duplicateInFile', sameAsRow: same.row, fields: same.fields,
    issues: [{ column: run.columnOf.get(same.fields[0]!) ?? null, field: same.fields.join('+'), reason: bilingual('dup_in_file', { zh: { row: same.row, fields: labels.zh }, en: { row: same.row, fields: labels.en } }) }],
  });
}

async function poolLabels(ctx: RecordContext, key: string): Promise<{ zh: { pool: string }; en: { pool: string } }> {
  const label = (await ctx.app.definitions.publishedPool(key))?.label;
  return { zh: { pool: localize(label, 'zh') || key }, en: { pool: localize(label, 'en') || key } };
}

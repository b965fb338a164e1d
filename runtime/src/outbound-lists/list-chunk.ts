import type { Db } from 'mongodb';
import { insertKeepingDuplicates } from '../db/duplicate-key.js';
import { rowNumber, type BatchCounts, type ImportBatchDoc, type ImportRejectDoc, type ImportRowsDoc } from '../imports/collections.js';
import { importedRecordId } from '../imports/record-id.js';
import { dncAmong, dncCollection, markDncInTasks, type DncDoc } from '../outbound/dnc-doc.js';
import { taskNumbersCollection, type TaskNumberDoc } from '../outbound/number-doc.js';
import type { ListHome } from './list-home.js';
import type { listRowReader } from './list-row.js';
import { bilingual } from './messages.js';

export interface ListRun {
  db: Db;
  home: ListHome;
  batch: ImportBatchDoc;
  read: ReturnType<typeof listRowReader>;
  /** Numbers of earlier rows of the file, with their row. */
  inFile: Map<string, number>;
  /** The existing record a number belongs to, as the importer may find it; null when not asked to match. */
  match: ((phone: string) => Promise<string | null>) | null;
  counts: BatchCounts;
}

interface Good {
  row: number;
  phone: string;
  values: Record<string, unknown>;
}

/**
 * One chunk of a number list: each row's number read and judged (invalid, repeated in the file, on the DNC list,
 * already in the task), the good ones stored with one unordered insert. The unique index (task, phone), not a prior
 * read, keeps a number once per task when imports race; ids derived from batch and row make a replayed chunk a no-op.
 */
export async function importListChunk(run: ListRun, chunk: ImportRowsDoc, replay: boolean): Promise<ImportRejectDoc[]> {
  const { batch, counts } = run;
  const rejects: ImportRejectDoc[] = [];
  const reject = (row: number, kind: ImportRejectDoc['kind'], column: string | null, reason: { zh: string; en: string }) =>
    rejects.push({ _id: `${batch._id}:${row}`, batchId: batch._id, row, kind, issues: [{ column, field: null, reason }] });
  const phoneColumn = Object.entries(batch.mapping).find(([, c]) => c === run.home.phoneColumn)?.[0] ?? null;
  const good: Good[] = [];
  for (let i = 0; i < chunk.rows.length; i++) {
    const row = rowNumber(chunk, i);
    const read = run.read(chunk.rows[i]!);
    if (!read.ok) {
      reject(row, 'invalid', read.column, read.reason);
      continue;
    }
    const same = run.inFile.get(read.phone);
    if (same !== undefined) {
      reject(row, 'duplicateInFile', phoneColumn, bilingual('duplicate_in_file', { row: same }));
      continue;
    }
    run.inFile.set(read.phone, row);
    good.push({ row, phone: read.phone, values: read.values });
  }
  const inserted = run.home.target.type === 'task'
    ? await storeTaskNumbers(run, good, replay, (row, reason) => reject(row, 'duplicateInDb', phoneColumn, reason), (row) => reject(row, 'dnc', phoneColumn, bilingual('on_dnc')))
    : await storeDncNumbers(run, good, replay, (row) => reject(row, 'duplicateInDb', phoneColumn, bilingual('already_dnc')));
  counts.inserted += inserted;
  counts.processed += chunk.rows.length;
  counts.duplicatesInFile += rejects.filter((r) => r.kind === 'duplicateInFile').length;
  counts.duplicatesInDb += rejects.filter((r) => r.kind === 'duplicateInDb').length;
  counts.rejected += rejects.length;
  return rejects;
}

async function storeTaskNumbers(
  run: ListRun, good: Good[], replay: boolean,
  duplicate: (row: number, reason: { zh: string; en: string }) => void, onDnc: (row: number) => void,
): Promise<number> {
  const task = run.home.target.type === 'task' ? run.home.target.task : '';
  const dnc = await dncAmong(run.db, good.map((g) => g.phone));
  const now = new Date();
  const docs: TaskNumberDoc[] = [];
  const rows: number[] = [];
  for (const g of good) {
    if (dnc.has(g.phone)) {
      onDnc(g.row);
      continue;
    }
    const customerId = run.match ? await run.match(g.phone) : null;
    docs.push({
      _id: importedRecordId(run.batch._id, g.row), task, phone: g.phone, values: g.values, ...(customerId ? { customerId } : {}),
      state: 'fresh', attempts: 0, importId: run.batch._id, createdAt: now,
    });
    rows.push(g.row);
  }
  const refused = await insertKeepingDuplicates(taskNumbersCollection(run.db), docs);
  let stored = docs.length;
  for (const [index, errmsg] of refused) {
    stored -= 1;
    // The row's own id already stored: a replayed chunk meets what went in before the crash.
    if (/index: _id_/.test(errmsg) && replay) continue;
    duplicate(rows[index]!, bilingual('duplicate_in_task'));
  }
  return stored;
}

async function storeDncNumbers(run: ListRun, good: Good[], replay: boolean, already: (row: number) => void): Promise<number> {
  const phones = good.map((g) => g.phone);
  const existing = new Map((await dncCollection(run.db).find({ _id: { $in: phones } }).toArray()).map((d) => [d._id, d]));
  const now = new Date();
  const fresh: DncDoc[] = [];
  const rows: number[] = [];
  for (const g of good) {
    const found = existing.get(g.phone);
    if (found) {
      // Stored by this very batch before a crash: not a duplicate, and its task numbers are marked again below.
      if (!(replay && found.importId === run.batch._id)) already(g.row);
      continue;
    }
    fresh.push({ _id: g.phone, reason: 'imported', at: now, by: run.batch.by.id, importId: run.batch._id });
    rows.push(g.row);
  }
  const refused = await insertKeepingDuplicates(dncCollection(run.db), fresh);
  for (const [index] of refused) already(rows[index]!); // added meanwhile by someone else
  const added = fresh.filter((_, i) => !refused.has(i)).map((d) => d._id);
  const replayed = replay ? good.filter((g) => existing.get(g.phone)?.importId === run.batch._id).map((g) => g.phone) : [];
  await markDncInTasks(run.db, [...added, ...replayed]);
  return added.length;
}

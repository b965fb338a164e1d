import type { ImportBatchCounts, ImportBatchStatus, ImportTarget } from '@telesales/schemas';
import type { Collection, Db } from 'mongodb';

/** An uploaded file, parsed once on upload: its rows live in `import_file_rows`, a chunk per document. */
export interface ImportFileDoc {
  _id: string;
  entity: string;
  name: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  columns: string[];
  rows: number;
  chunks: number;
  by: { id: string; name: string };
  at: Date;
}

/** Rows of an uploaded file as text, in order; `n` numbers the chunks from 0. */
export interface ImportRowsDoc {
  _id: string;
  fileId: string;
  n: number;
  /** The file's row number (1 = the header) of rows[0]. */
  firstRow: number;
  rows: string[][];
  /** Each row's number in the file, only when blank rows make them differ from firstRow + i. */
  lines?: number[];
}

/** A column -> field mapping saved for a source (a lead vendor, a campaign), so the next file maps itself (saved-mappings.ts). */
export interface ImportMappingDoc {
  _id: string;
  entity: string;
  source: string;
  /** Whose own mapping it is; null (or absent, saved before there were personal ones): the workspace's. See saved-mappings.ts. */
  userId?: string | null;
  mapping: Record<string, string>;
  updatedAt: Date;
  updatedBy: { id: string; name: string };
}

export type { ImportTarget };
export type BatchStatus = ImportBatchStatus;
export type BatchCounts = ImportBatchCounts;

export interface ImportBatchDoc extends BatchCounts {
  _id: string;
  entity: string;
  fileId: string;
  fileName: string;
  source: string | null;
  by: { id: string; name: string };
  at: Date;
  finishedAt: Date | null;
  status: BatchStatus;
  target: ImportTarget;
  onDuplicate: 'skip' | 'update';
  mapping: Record<string, string>;
  /** The next chunk of the file to import: what a crash leaves unfinished. */
  nextChunk: number;
  /** Written with every chunk: a running batch whose heartbeat stopped was cut off by a crash. */
  heartbeatAt: Date;
  /** Auto pools that received records (they get a distribution round at the end). */
  autoPools?: string[];
  error?: string;
}

/** 'notice': a row that went in, but not as asked (updated as a repeat, sent to a pool): reported, not rejected. */
export type RejectKind = 'invalid' | 'duplicateInFile' | 'duplicateInDb' | 'atCap' | 'notice' | 'dnc';

/** The report's rows that count as rejected. */
export const REJECTED = { kind: { $ne: 'notice' as const } };

/** One rejected (or, with onDuplicate update, refused) row; reasons are rendered for the reader of the report. */
export interface ImportRejectDoc {
  _id: string;
  batchId: string;
  row: number;
  kind: RejectKind;
  issues: Array<{ column: string | null; field: string | null; reason: { zh: string; en: string } }>;
  /** Duplicates: the file row it repeats, or the record already stored (whose owner the report may name). */
  sameAsRow?: number;
  holder?: { id: string; ownerId: string | null; poolKey: string | null };
  /** onDuplicate update was asked, but the importer may not change the stored record. */
  refusedUpdate?: boolean;
  /** Duplicate fields (keys). */
  fields?: string[];
}

/** The file's row number of chunk row i: what the person sees in Excel or a text editor. */
export const rowNumber = (chunk: ImportRowsDoc, i: number): number => chunk.lines?.[i] ?? chunk.firstRow + i;

export const filesCollection = (db: Db) => db.collection<ImportFileDoc>('import_files');
export const rowsCollection = (db: Db) => db.collection<ImportRowsDoc>('import_file_rows');
export const mappingsCollection = (db: Db) => db.collection<ImportMappingDoc>('import_mappings');
export const batchesCollection = (db: Db): Collection<ImportBatchDoc> => db.collection<ImportBatchDoc>('import_batches');
export const rejectsCollection = (db: Db) => db.collection<ImportRejectDoc>('import_rejects');

export async function ensureImportIndexes(db: Db): Promise<void> {
  await rowsCollection(db).createIndex({ fileId: 1, n: 1 }, { name: 'file_chunk' });
  await batchesCollection(db).createIndex({ entity: 1, at: -1 }, { name: 'entity_at' });
  await batchesCollection(db).createIndex({ status: 1 }, { name: 'status' });
  await filesCollection(db).createIndex({ at: 1 }, { name: 'at' }); // the retention sweep (file-cleanup.ts)
  await rejectsCollection(db).createIndex({ batchId: 1, row: 1 }, { name: 'batch_row' });
}

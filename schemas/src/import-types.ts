import type { Author } from './api/records.js';
import type { LocalText } from './types.js';

/** Column name -> field key. */
export type ImportMapping = Record<string, string>;

/** POST /api/imports/:entity/files: what the file holds and the mapping suggested for it. */
export interface UploadedFileJson {
  fileId: string;
  name: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  /** The encoding was guessed: the person should check the sample and may pick another from `encodings`. */
  encodingUncertain: boolean;
  /** Plausible encodings, the one used first; empty when the encoding is certain. Upload again with `?encoding=`. */
  encodings: string[];
  columns: string[];
  rows: number;
  sample: string[][];
  fields: Array<{ key: string; label: LocalText; type: string; required: boolean }>;
  suggested: ImportMapping;
}

/** GET /api/imports/:entity/targets: where the asker may import to. */
export interface ImportTargetsJson {
  owned: boolean;
  pools: Array<{ key: string; label: LocalText; mode: string; system?: string; condition: boolean }>;
  /** May import into "the pool whose landing condition matches". */
  auto: boolean;
  agents: Array<{ id: string; name: string }>;
}

export type ImportTarget =
  | { type: 'pool'; pool: string }
  | { type: 'agents'; ownerIds: string[]; mode: 'roundRobin' }
  /** Number lists (名单), imported through /api/outbound/...: the numbers of an outbound task, or the do-not-call list. */
  | { type: 'task'; task: string }
  | { type: 'dnc' };

/** POST /api/imports/:entity/preview: the first rows as the import would judge them. */
export interface ImportPreviewRowJson {
  row: number;
  cells: string[];
  issues: Array<{ column: string | null; field: string | null; reason: string }>;
  duplicate: null | { kind: 'file'; row: number; reason: string } | { kind: 'db'; reason: string };
}

export type ImportBatchStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface ImportBatchCounts {
  total: number;
  processed: number;
  inserted: number;
  updated: number;
  rejected: number;
  duplicatesInFile: number;
  duplicatesInDb: number;
}

/** An import batch: who, when, which file, where to, how far, what happened. */
export interface ImportBatchJson extends ImportBatchCounts {
  id: string;
  entity: string;
  fileName: string;
  source: string | null;
  by: Author;
  at: string;
  finishedAt: string | null;
  status: ImportBatchStatus;
  target: ImportTarget;
  onDuplicate: 'skip' | 'update';
}

/** The first rejected rows of a batch for the import page's table (the download has them all). */
export interface ImportReportRowsJson {
  /** Lines of the report (one per issue of a rejected row), in row order. */
  rows: Array<{ row: number; column: string; field: string; reason: string }>;
  /** More lines than these exist (download the report for all). */
  more: boolean;
}

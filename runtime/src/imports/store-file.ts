import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Db } from 'mongodb';
import { filesCollection, rowsCollection, type ImportFileDoc, type ImportRowsDoc } from './collections.js';
import type { Table } from './parse-file.js';

/** Rows per stored chunk (and per insertMany of the import); a chunk also closes at ~4 MB of text. */
export const CHUNK_ROWS = 1000;
const CHUNK_CHARS = 4 * 1024 * 1024;
export const SAMPLE_ROWS = 20;

/** Header cells as column names: blank ones get a name, repeated ones a number, so each is a distinct key. */
function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const base = raw.trim() || `#${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/**
 * Stores a parsed file as its header and chunks of rows. Parsing once here means preview and the import
 * read plain text rows back by chunk, and a crashed import can be run again from the chunk it reached.
 */
export async function storeFile(
  db: Db, table: Table, meta: { entity: string; name: string; by: { id: string; name: string } },
): Promise<{ file: ImportFileDoc; sample: string[][] }> {
  const fileId = randomUUID();
  let columns: string[] | null = null;
  let chunk: string[][] = [];
  let lines: number[] = [];
  let chars = 0;
  let n = 0;
  let rows = 0;
  const sample: string[][] = [];
  const flush = async () => {
    if (!chunk.length) return;
    const firstRow = lines[0]!;
    const gaps = lines.some((line, i) => line !== firstRow + i);
    const doc: ImportRowsDoc = { _id: `${fileId}:${n}`, fileId, n, firstRow, rows: chunk, ...(gaps ? { lines } : {}) };
    await rowsCollection(db).insertOne(doc);
    n += 1;
    chunk = [];
    lines = [];
    chars = 0;
    await yieldToLoop();
  };
  for await (const { cells, line } of table.rows) {
    if (!columns) {
      columns = columnNames(cells);
      continue;
    }
    rows += 1;
    chunk.push(cells);
    lines.push(line);
    chars += cells.reduce((s, c) => s + c.length + 8, 0);
    if (sample.length < SAMPLE_ROWS) sample.push(cells);
    if (chunk.length >= CHUNK_ROWS || chars >= CHUNK_CHARS) await flush();
  }
  await flush();
  const file: ImportFileDoc = {
    _id: fileId, entity: meta.entity, name: meta.name, format: table.format, encoding: table.encoding,
    columns: columns ?? [], rows, chunks: n, by: meta.by, at: new Date(),
  };
  await filesCollection(db).insertOne(file);
  return { file, sample };
}

/** The stored chunks of a file in order, from chunk `from`. */
export function fileChunks(db: Db, fileId: string, from = 0) {
  return rowsCollection(db).find({ fileId, n: { $gte: from } }).sort({ n: 1 }).batchSize(2);
}

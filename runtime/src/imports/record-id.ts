import { createHash } from 'node:crypto';

/**
 * The id of the record a file row becomes: derived from the batch and the row (a UUID in form), so running
 * a chunk again after a crash meets the rows already stored as duplicate ids instead of storing them twice.
 */
export function importedRecordId(batchId: string, row: number): string {
  const h = createHash('sha1').update(`${batchId}:${row}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

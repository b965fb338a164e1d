// The `updateDescription` of an update event, computed from the document before and after (mongod reads it
// from the oplog's diff of the update; the shapes agree for the usual updates): changed and added fields by
// dotted path (descending into sub-documents that kept some of their fields, and into arrays changed in place
// or grown at the end), removed fields, and arrays cut short.
import { serialize, type Document } from 'bson';

export interface UpdateDescription {
  updatedFields: Document;
  removedFields: string[];
  truncatedArrays: { field: string; newSize: number }[];
}

function isPlain(v: unknown): v is Document {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !('_bsontype' in v);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return Buffer.compare(serialize({ v: a }), serialize({ v: b })) === 0;
}

export function describeUpdate(before: Document, after: Document): UpdateDescription {
  const out: UpdateDescription = { updatedFields: {}, removedFields: [], truncatedArrays: [] };
  diffObject(before, after, '', out);
  return out;
}

function diffObject(before: Document, after: Document, prefix: string, out: UpdateDescription): void {
  for (const [key, value] of Object.entries(after)) {
    const path = prefix + key;
    if (!(key in before)) out.updatedFields[path] = value;
    else diffValue(before[key], value, path, out);
  }
  for (const key of Object.keys(before)) if (!(key in after)) out.removedFields.push(prefix + key);
}

function diffValue(before: unknown, after: unknown, path: string, out: UpdateDescription): void {
  if (same(before, after)) return;
  // A sub-document that kept nothing of its fields was set whole: report it whole.
  if (isPlain(before) && isPlain(after) && Object.keys(after).some((k) => k in before && same(before[k], after[k]))) {
    return diffObject(before, after, `${path}.`, out);
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const common = Math.min(before.length, after.length);
    const changed = Array.from({ length: common }, (_, i) => i).filter((i) => !same(before[i], after[i]));
    // Most elements differ: the array was replaced, not edited.
    if (common > 0 && changed.length * 2 > common) {
      out.updatedFields[path] = after;
      return;
    }
    if (after.length < before.length) out.truncatedArrays.push({ field: path, newSize: after.length });
    for (const i of changed) diffValue(before[i], after[i], `${path}.${i}`, out);
    for (let i = common; i < after.length; i++) out.updatedFields[`${path}.${i}`] = after[i];
    return;
  }
  out.updatedFields[path] = after;
}

import { localize, type EntityDefinition } from '@telesales/schemas';
import { valueOf, type RecordStore } from '../records/service.js';

/**
 * The field combinations that make two records the same customer: the entity's duplicate keys (its phone
 * fields when it names none) and each unique field. The unique indexes (records/indexes.ts) enforce the
 * configured ones in the database; the file is checked against all of them before anything is written.
 */
export function keySets(entity: EntityDefinition): string[][] {
  const active = entity.fields.filter((f) => !f.retired);
  const dup = entity.duplicateKeys ?? active.filter((f) => f.type === 'phone').map((f) => [f.key]);
  const unique = active.filter((f) => f.unique).map((f) => [f.key]);
  const seen = new Set<string>();
  return [...dup, ...unique].filter((keys) => {
    const id = keys.join('+');
    return !seen.has(id) && seen.add(id);
  });
}

/** Earlier rows of the file by key value: a later row with the same values is a duplicate within the file. */
export class InFileKeys {
  private readonly seen: Map<string, number>[];

  constructor(private readonly sets: string[][]) {
    this.seen = sets.map(() => new Map());
  }

  private keyOf(keys: string[], values: Record<string, unknown>): string | null {
    const parts = keys.map((k) => valueOf(values, k));
    // The partial unique indexes skip records missing any key field: so does this check.
    return parts.some((p) => p === undefined || p === null || p === '') ? null : JSON.stringify(parts);
  }

  /** The first earlier row with the same values of some key, or null; otherwise the row is remembered. */
  claim(values: Record<string, unknown>, row: number): { row: number; fields: string[] } | null {
    const keys = this.sets.map((set) => this.keyOf(set, values));
    for (let i = 0; i < this.sets.length; i++) {
      const earlier = keys[i] === null ? undefined : this.seen[i]!.get(keys[i]!);
      if (earlier !== undefined) return { row: earlier, fields: this.sets[i]! };
    }
    keys.forEach((k, i) => { if (k !== null) this.seen[i]!.set(k, row); });
    return null;
  }
}

/** The fields of the unique index a write error names (`uniq:phone`, `dup:name+birth_date`). */
export function indexFields(errmsg: string | undefined): string[] | null {
  const name = /index: (\S+)/.exec(errmsg ?? '')?.[1] ?? '';
  return /^(?:uniq|dup):/.test(name) ? name.slice(name.indexOf(':') + 1).split('+') : null;
}

export interface Holder {
  id: string;
  ownerId: string | null;
  poolKey: string | null;
  version: number;
  values: Record<string, unknown>;
}

/** The stored record holding the same key values (deleted ones included: the index covers them too). */
export async function findHolder(
  records: RecordStore, fields: string[], values: Record<string, unknown>,
): Promise<Holder | null> {
  const doc = await records.findOne(
    Object.fromEntries(fields.map((k) => [`values.${k}`, { $eq: valueOf(values, k) }])),
    { projection: { ownerId: 1, poolKey: 1, version: 1, values: 1 } },
  );
  return doc ? { id: doc._id, ownerId: doc.ownerId ?? null, poolKey: doc.poolKey ?? null, version: doc.version, values: doc.values } : null;
}

/** Field labels joined as a person reads them, in both languages. */
export function fieldLabels(entity: EntityDefinition, keys: string[]): { zh: string; en: string } {
  const label = (k: string, l: 'zh' | 'en') => localize(entity.fields.find((f) => f.key === k)?.label, l) || k;
  return { zh: keys.map((k) => label(k, 'zh')).join('、'), en: keys.map((k) => label(k, 'en')).join(' + ') };
}

/**
 * The stored holders of many rows' keys in one query per key set (a chunk's database duplicates): one
 * round trip, and one pass where the database cannot use the partial unique index for the look-up.
 */
export async function findHolders(
  records: RecordStore, wanted: Array<{ fields: string[]; values: Record<string, unknown> }>,
): Promise<(fields: string[], values: Record<string, unknown>) => Holder | null> {
  const keyOf = (fields: string[], values: Record<string, unknown>) => JSON.stringify(fields.map((k) => valueOf(values, k)));
  const bySet = new Map<string, { fields: string[]; values: Record<string, unknown>[] }>();
  for (const w of wanted) {
    const id = w.fields.join('+');
    if (!bySet.has(id)) bySet.set(id, { fields: w.fields, values: [] });
    bySet.get(id)!.values.push(w.values);
  }
  const found = new Map<string, Holder>();
  for (const [id, { fields, values }] of bySet) {
    const query = fields.length === 1
      ? { [`values.${fields[0]}`]: { $in: values.map((v) => valueOf(v, fields[0]!)) } }
      : { $or: values.map((v) => Object.fromEntries(fields.map((k) => [`values.${k}`, { $eq: valueOf(v, k) }]))) };
    const docs = await records.find(query, { projection: { ownerId: 1, poolKey: 1, version: 1, values: 1 } });
    for (const doc of docs) {
      found.set(`${id}|${keyOf(fields, doc.values)}`, { id: doc._id, ownerId: doc.ownerId ?? null, poolKey: doc.poolKey ?? null, version: doc.version, values: doc.values });
    }
  }
  return (fields, values) => found.get(`${fields.join('+')}|${keyOf(fields, values)}`) ?? null;
}

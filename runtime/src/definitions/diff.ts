import { isDeepStrictEqual } from 'node:util';
import type { DefinitionChange, LocalText } from '@telesales/schemas';
export type { DefinitionChange };


type Obj = Record<string, unknown>;
type Identified = Obj & { id: string; key?: string; value?: string; label?: LocalText };

/** Lists (fields, sections, options) are compared by stable id, so reordering or renaming is not "removed + added". */
const ID_LISTS: Record<string, { target: DefinitionChange['target']; name: 'key' | 'value' }> = {
  fields: { target: 'field', name: 'key' },
  sections: { target: 'section', name: 'key' },
  options: { target: 'option', name: 'value' },
};

function isIdList(value: unknown): value is Identified[] {
  return Array.isArray(value) && value.every((v) => v && typeof v === 'object' && typeof (v as Obj).id === 'string');
}

function diffObject(before: Obj, after: Obj, base: string, out: DefinitionChange[]) {
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (isDeepStrictEqual(a, b)) continue;
    const path = `${base}/${key}`;
    const list = ID_LISTS[key];
    if (list && (isIdList(a) || a === undefined) && (isIdList(b) || b === undefined)) {
      diffList((a ?? []) as Identified[], (b ?? []) as Identified[], path, list, out);
    } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      diffObject(a as Obj, b as Obj, path, out);
    } else {
      out.push({ change: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed', path, target: 'property', before: a, after: b });
    }
  }
}

function diffList(before: Identified[], after: Identified[], base: string, list: (typeof ID_LISTS)[string], out: DefinitionChange[]) {
  const old = new Map(before.map((item) => [item.id, item]));
  const now = new Map(after.map((item) => [item.id, item]));
  const name = (item: Identified) => String(item[list.name] ?? item.id);
  for (const item of after) {
    const prev = old.get(item.id);
    if (!prev) out.push({ change: 'added', path: `${base}/${name(item)}`, target: list.target, id: item.id, label: item.label, after: item });
    else if (!isDeepStrictEqual(prev, item)) {
      const changes: DefinitionChange[] = [];
      diffObject(prev, item, `${base}/${name(item)}`, changes);
      out.push(...changes.map((c) => ({ ...c, id: c.id ?? item.id, label: c.label ?? item.label })));
    }
  }
  for (const item of before) {
    if (!now.has(item.id)) out.push({ change: 'removed', path: `${base}/${name(item)}`, target: list.target, id: item.id, label: item.label, before: item });
  }
  const order = (items: Identified[]) => items.map((i) => i.id).filter((id) => old.has(id) && now.has(id));
  if (!isDeepStrictEqual(order(before), order(after))) {
    out.push({ change: 'changed', path: `${base}/order`, target: 'property', before: before.map(name), after: after.map(name) });
  }
}

/** A readable difference between two versions of one definition: what was added, removed and changed, and where. */
export function diffDefinitions(before: unknown, after: unknown): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  diffObject((before ?? {}) as Obj, (after ?? {}) as Obj, '', out);
  return out;
}

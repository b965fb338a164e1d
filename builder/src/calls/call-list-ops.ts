// Pure, immutable edits of the list a call definition holds (outcomes of dispositions, states of agent states).
import { arrayMove } from '@dnd-kit/sortable';

/** Sets a property of one item; undefined or false removes the key, as the schemas want optional flags absent. */
export function patchItem<T extends object>(list: readonly T[], index: number, patch: Partial<T>): T[] {
  return list.map((item, i) => {
    if (i !== index) return item;
    const next = { ...item, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(patch)) if (next[k] === undefined || next[k] === false) delete next[k];
    return next as T;
  });
}

export const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

export const moveItem = <T>(list: readonly T[], from: number, to: number): T[] => arrayMove([...list], from, to);

/** The first `${prefix}_${n}` no item uses, for a new item's key. */
export function freeKey(list: readonly { key: string }[], prefix: string): string {
  let n = list.length + 1;
  while (list.some((item) => item.key === `${prefix}_${n}`)) n += 1;
  return `${prefix}_${n}`;
}

import type { DiffChange } from '../api/definitions';

export interface ChangeGroup {
  key: string; // "definition", "section:<key>" or "field:<key>"
  target: 'definition' | 'section' | 'field';
  name: string;
  changes: DiffChange[];
}

/** Groups changes by the field (or section) they belong to, using the path the runtime gives. */
export function groupChanges(changes: DiffChange[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const c of changes) {
    const parts = c.path.split('/').slice(1);
    // "/fields/order" is the order of the whole list, not a field keyed "order" (that would be target field).
    const listOrder = parts.length === 2 && c.target === 'property';
    const target = listOrder ? 'definition' : parts[0] === 'fields' ? 'field' : parts[0] === 'sections' ? 'section' : 'definition';
    const key = target === 'definition' ? 'definition' : `${target}:${parts[1]}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, target, name: target === 'definition' ? '' : (parts[1] ?? ''), changes: [] };
      groups.set(key, g);
    }
    g.changes.push(c);
  }
  return [...groups.values()];
}

/** The part of the path below the group, e.g. "options/gold/label/zh". */
export function subPath(change: DiffChange): string {
  const parts = change.path.split('/').slice(1);
  const listOrder = parts.length === 2 && change.target === 'property';
  const inList = (parts[0] === 'fields' || parts[0] === 'sections') && !listOrder;
  return (inList ? parts.slice(2) : parts).join(' › ');
}

import type { DefinitionChange } from '../api/definitions';

export interface ChangeGroup {
  key: string; // "definition", "section:<key>", "field:<key>", "permission:<entityKey>" (roles) or "node:<name>" (flows)
  target: 'definition' | 'section' | 'field' | 'permission' | 'node';
  name: string;
  changes: DefinitionChange[];
}

const parts = (change: DefinitionChange) => change.path.split('/').slice(1);

/** A role's per-entity permissions live under /entities/<entityKey>; "*" is the default entry. */
const isPermission = (p: string[]) => p[0] === 'entities' && p[1] !== undefined;

/** A flow's node, by name (/nodes/menu1/config/options): the builder expands the runtime's whole-list change into these. */
const isNode = (p: string[]) => p[0] === 'nodes' && p[1] !== undefined;

/** "/fields/order" is the order of the whole list, not a field keyed "order" (that would be target field). */
const isListOrder = (p: string[], change: DefinitionChange) => p.length === 2 && change.target === 'property' && !isPermission(p);

/** Groups changes by the field, section (entities) or entity permission (roles) they belong to, using the path the runtime gives. */
export function groupChanges(changes: DefinitionChange[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const c of changes) {
    const p = parts(c);
    const target: ChangeGroup['target'] = isPermission(p)
      ? 'permission'
      : isNode(p)
        ? 'node'
      : isListOrder(p, c)
        ? 'definition'
        : p[0] === 'fields'
          ? 'field'
          : p[0] === 'sections'
            ? 'section'
            : 'definition';
    const key = target === 'definition' ? 'definition' : `${target}:${p[1]}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, target, name: target === 'definition' ? '' : (p[1] ?? ''), changes: [] };
      groups.set(key, g);
    }
    g.changes.push(c);
  }
  return [...groups.values()];
}

/** The part of the path below the group, e.g. "options/gold/label/zh" or (roles) "read". */
export function subPath(change: DefinitionChange): string {
  const p = parts(change);
  const inList = ((p[0] === 'fields' || p[0] === 'sections') && !isListOrder(p, change)) || isPermission(p) || isNode(p);
  return (inList ? p.slice(2) : p).join(' › ');
}

/** The change that adds or removes the group's whole item (a field, a section, a role's entry for an entity). */
export function wholeChange(group: ChangeGroup): DefinitionChange | undefined {
  if (group.target === 'definition') return undefined;
  if (group.target === 'permission' || group.target === 'node') return group.changes.find((c) => parts(c).length === 2);
  return group.changes.find((c) => c.target === group.target && parts(c).length <= 2);
}

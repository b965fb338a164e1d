import type { DefinitionChange } from '../api/definitions';

type Node = { id: string; type?: string; label?: string; next?: { port: string; to: string }[]; position?: unknown; config?: Record<string, unknown> };

const isNodeList = (v: unknown): v is Node[] => Array.isArray(v) && v.every((n) => n && typeof n === 'object' && typeof (n as Node).id === 'string');
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** Links read as "2 → play1" rather than as JSON. */
const links = (next: Node['next']) => (next ?? []).map((l) => `${l.port} → ${l.to}`);

/** One node's changes, setting by setting; a move on the canvas is one line, without the coordinates. */
function nodeChanges(before: Node, after: Node): DefinitionChange[] {
  const base = `/nodes/${after.id}`;
  const out: DefinitionChange[] = [];
  const push = (path: string, a: unknown, b: unknown) =>
    out.push({ change: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed', path, target: 'property', before: a, after: b });
  for (const key of ['label', 'type'] as const) if (!same(before[key], after[key])) push(`${base}/${key}`, before[key], after[key]);
  const config = new Set([...Object.keys(before.config ?? {}), ...Object.keys(after.config ?? {})]);
  for (const key of config) if (!same(before.config?.[key], after.config?.[key])) push(`${base}/config/${key}`, before.config?.[key], after.config?.[key]);
  if (!same(before.next, after.next)) push(`${base}/next`, links(before.next), links(after.next));
  if (!same(before.position, after.position)) out.push({ change: 'changed', path: `${base}/position`, target: 'property' });
  return out;
}

/**
 * The runtime compares a flow's node list as one value; this names what happened to each node instead
 * (matched by the node's name): added, removed, or which of its settings and links changed.
 */
export function expandFlowChanges(changes: readonly DefinitionChange[]): DefinitionChange[] {
  return changes.flatMap((c) => {
    if (c.path !== '/nodes' || !(isNodeList(c.before) || c.before === undefined) || !(isNodeList(c.after) || c.after === undefined)) return [c];
    const before = new Map((c.before ?? []).map((n) => [n.id, n]));
    const after = new Map((c.after ?? []).map((n) => [n.id, n]));
    const out: DefinitionChange[] = [];
    for (const [id, node] of after) {
      const old = before.get(id);
      if (!old) out.push({ change: 'added', path: `/nodes/${id}`, target: 'property', after: { ...node, next: links(node.next) } });
      else out.push(...nodeChanges(old, node));
    }
    for (const [id, node] of before) if (!after.has(id)) out.push({ change: 'removed', path: `/nodes/${id}`, target: 'property', before: { ...node, next: links(node.next) } });
    return out;
  });
}

import type { FlowDefinition } from '@telesales/schemas';
import { flowPorts } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { edgeId } from './flow-ops';

/** Where each validation issue shows on the canvas. */
export interface FlowMarks {
  /** Issues about a node or anything inside it (its settings, its links), by node id. */
  byNode: Map<string, Issue[]>;
  /** Issues about one link (unknown target, port not allowed), by edge id. */
  byEdge: Map<string, Issue[]>;
  /** Required ports with no link, by node id: their handles are marked. */
  unconnected: Map<string, Set<string>>;
}

/** Index of the node an issue path (/nodes/3/config/prompt) points into, or null for flow-level issues. */
export function nodeIndexOf(path: string): number | null {
  const m = /^\/nodes\/(\d+)(\/|$)/.exec(path);
  return m ? Number(m[1]) : null;
}

/** Sorts validateDefinition's issues (JSON pointers into the definition) onto nodes, edges and handles. */
export function flowMarks(def: FlowDefinition, issues: readonly Issue[]): FlowMarks {
  const byNode = new Map<string, Issue[]>();
  const byEdge = new Map<string, Issue[]>();
  const push = <K>(map: Map<K, Issue[]>, key: K, issue: Issue) => map.set(key, [...(map.get(key) ?? []), issue]);
  for (const issue of issues) {
    const index = nodeIndexOf(issue.path);
    const node = index === null ? undefined : def.nodes[index];
    if (!node) continue;
    push(byNode, node.id, issue);
    const link = /^\/nodes\/\d+\/next\/(\d+)/.exec(issue.path);
    const target = link ? node.next[Number(link[1])] : undefined;
    if (target) push(byEdge, edgeId(node.id, target.port), issue);
  }
  // Worked out here too (not only read from port_unconnected issues) so the handle knows which port it is.
  const unconnected = new Map<string, Set<string>>();
  for (const node of def.nodes) {
    const linked = new Set(node.next.map((l) => l.port));
    const open = flowPorts(node).filter((p) => !p.optional && !linked.has(p.port));
    if (open.length) unconnected.set(node.id, new Set(open.map((p) => p.port)));
  }
  return { byNode, byEdge, unconnected };
}

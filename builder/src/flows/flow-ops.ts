// Pure, immutable edits of a flow definition; the canvas, the panel and the shortcuts only call these.
import type { FlowDefinition, FlowNode, FlowNodeType } from '@telesales/schemas';
// With its extension: the unit tests (tests/builder) type-check this file under Node's module resolution too.
import { defaultConfig } from './node-types.js';

export type XY = { x: number; y: number };
type Link = FlowNode['next'][number];

const setNodes = (def: FlowDefinition, nodes: FlowNode[]): FlowDefinition => ({ ...def, nodes });

/** The first free `<type><n>` name (menu1, menu2...): readable in the trace and in expressions. */
export function freeNodeId(taken: Iterable<string>, type: string): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${type}${n}`)) n += 1;
  return `${type}${n}`;
}

/** Adds a node of a type at a canvas position; the first entry node becomes the flow's start. */
export function addNode(def: FlowDefinition, type: FlowNodeType, position: XY): { def: FlowDefinition; id: string } {
  const id = freeNodeId(def.nodes.map((n) => n.id), type);
  const node = { id, type, position: round(position), config: defaultConfig(type), next: [] } as unknown as FlowNode;
  const next = setNodes(def, [...def.nodes, node]);
  const start = type === 'entry' && !def.nodes.some((n) => n.id === def.start && n.type === 'entry') ? id : def.start;
  return { def: { ...next, start }, id };
}

const round = (p: XY): XY => ({ x: Math.round(p.x), y: Math.round(p.y) });

export function updateNode(def: FlowDefinition, id: string, change: (node: FlowNode) => FlowNode): FlowDefinition {
  return setNodes(def, def.nodes.map((n) => (n.id === id ? change(n) : n)));
}

export function setConfig(def: FlowDefinition, id: string, config: Record<string, unknown>): FlowDefinition {
  return updateNode(def, id, (n) => ({ ...n, config: config as FlowNode['config'] }) as FlowNode);
}

/** Points a port at a node (a port leads to one place: connecting it again replaces the old link). */
export function connect(def: FlowDefinition, source: string, port: string, target: string): FlowDefinition {
  return updateNode(def, source, (n) => ({ ...n, next: [...n.next.filter((l) => l.port !== port), { port, to: target } as Link] }));
}

/** Edge ids are `<source>:<port>`: one port, one edge. */
export const edgeId = (source: string, port: string) => `${source}:${port}`;
export function parseEdgeId(id: string): { source: string; port: string } {
  const at = id.indexOf(':');
  return { source: id.slice(0, at), port: id.slice(at + 1) };
}

/** Removes nodes (and every link into them) and single links. */
export function removeElements(def: FlowDefinition, nodeIds: readonly string[], edgeIds: readonly string[]): FlowDefinition {
  const gone = new Set(nodeIds);
  const cut = new Set(edgeIds);
  const nodes = def.nodes
    .filter((n) => !gone.has(n.id))
    .map((n) => {
      const next = n.next.filter((l) => !gone.has(l.to) && !cut.has(edgeId(n.id, l.port)));
      return next.length === n.next.length ? n : { ...n, next };
    });
  return { ...def, nodes, start: gone.has(def.start) ? (nodes.find((n) => n.type === 'entry')?.id ?? '') : def.start };
}

export function setPositions(def: FlowDefinition, positions: ReadonlyMap<string, XY>): FlowDefinition {
  return setNodes(def, def.nodes.map((n) => (positions.has(n.id) ? { ...n, position: round(positions.get(n.id)!) } : n)));
}

export function moveNodes(def: FlowDefinition, ids: readonly string[], by: XY): FlowDefinition {
  const moved = new Map(def.nodes.filter((n) => ids.includes(n.id)).map((n) => [n.id, { x: n.position.x + by.x, y: n.position.y + by.y }]));
  return setPositions(def, moved);
}

/** Renames a node and every link and the start that name it (the name is what the trace and links use). */
export function renameNode(def: FlowDefinition, from: string, to: string): FlowDefinition {
  const nodes = def.nodes.map((n) => {
    const next = n.next.map((l) => (l.to === from ? { ...l, to } : l));
    return { ...n, id: n.id === from ? to : n.id, next };
  });
  return { ...def, nodes, start: def.start === from ? to : def.start };
}

/**
 * Pastes copied nodes under fresh names, shifted so they do not hide the originals; links among the copies
 * follow the new names, links to nodes outside the copy are dropped (they would join two branches silently).
 */
export function pasteNodes(def: FlowDefinition, copied: readonly FlowNode[], offset: XY): { def: FlowDefinition; ids: string[] } {
  const taken = def.nodes.map((n) => n.id);
  const names = new Map<string, string>();
  for (const n of copied) {
    const id = freeNodeId(taken, n.type);
    names.set(n.id, id);
    taken.push(id);
  }
  const pasted = copied.map((n) => ({
    ...structuredClone(n),
    id: names.get(n.id)!,
    position: round({ x: n.position.x + offset.x, y: n.position.y + offset.y }),
    next: n.next.filter((l) => names.has(l.to)).map((l) => ({ ...l, to: names.get(l.to)! })),
  })) as FlowNode[];
  let next = setNodes(def, [...def.nodes, ...pasted]);
  if (!def.nodes.some((n) => n.id === def.start)) next = { ...next, start: pasted.find((n) => n.type === 'entry')?.id ?? def.start };
  return { def: next, ids: pasted.map((n) => n.id) };
}

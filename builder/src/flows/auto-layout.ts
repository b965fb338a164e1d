import type { FlowDefinition } from '@telesales/schemas';
import { flowPorts } from '@telesales/schemas';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { XY } from './flow-ops';

type Size = { width: number; height: number };

/** Used before React Flow has measured a node (a node just pasted, say). */
const FALLBACK: Size = { width: 190, height: 90 };

// The bundled build (no web worker file to serve) is loaded on first use: most sessions never lay out.
let elk: Promise<{ layout(graph: ElkNode): Promise<ElkNode> }> | null = null;
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default()));

/**
 * Positions for every node: ELK's layered algorithm, calls flowing left to right, each node's output ports
 * kept in the order the node draws them (a menu's 1, 2, 3 top to bottom) so links do not cross needlessly.
 */
export async function autoLayout(def: FlowDefinition, sizes: ReadonlyMap<string, Size>): Promise<Map<string, XY>> {
  const ids = new Set(def.nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '36',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: def.nodes.map((n) => {
      const size = sizes.get(n.id) ?? FALLBACK;
      const ports = flowPorts(n);
      return {
        id: n.id,
        ...size,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          { id: `${n.id}::in`, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'WEST' } },
          // ELK orders east-side ports clockwise (top to bottom) by index.
          ...ports.map((p, i) => ({ id: `${n.id}::${p.port}`, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) } })),
        ],
      };
    }),
    edges: def.nodes.flatMap((n) =>
      n.next.filter((l) => ids.has(l.to)).map((l) => ({ id: `${n.id}::${l.port}->${l.to}`, sources: [`${n.id}::${l.port}`], targets: [`${l.to}::in`] })),
    ),
  };
  const laid = await (await loadElk()).layout(graph);
  return new Map((laid.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}

import type { Edge, Node } from '@xyflow/react';
import { MarkerType } from '@xyflow/react';
import type { FlowDefinition, FlowNode, FlowPortSpec } from '@telesales/schemas';
import { flowPorts } from '@telesales/schemas';
import type { Issue } from '../../api/issues';
import type { FlowMarks } from '../flow-issues';
import { edgeId } from '../flow-ops';

/** Where a node stands in the test call: the node the call is at now, or one it went through. */
export type TraceMark = 'current' | 'visited' | undefined;

export interface TracePath {
  current: string | null;
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export const NO_TRACE: TracePath = { current: null, nodes: new Set(), edges: new Set() };

export type FlowNodeData = {
  node: FlowNode;
  ports: FlowPortSpec[];
  issues: Issue[];
  unconnected: ReadonlySet<string>;
  isStart: boolean;
  trace: TraceMark;
};

export type FlowRfNode = Node<FlowNodeData, 'flow'>;
export type FlowRfEdge = Edge;

const NONE: ReadonlySet<string> = new Set();

/**
 * The definition as React Flow nodes. What React Flow owns (measured size, selection) is carried over from
 * the previous nodes, so rebuilding after every edit does not make nodes flicker or lose their selection.
 */
export function toRfNodes(def: FlowDefinition, marks: FlowMarks, trace: TracePath, previous: readonly FlowRfNode[], select: readonly string[] | null): FlowRfNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return def.nodes.map((node) => {
    const old = before.get(node.id);
    return {
      id: node.id,
      type: 'flow',
      position: node.position,
      selected: select ? select.includes(node.id) : (old?.selected ?? false),
      measured: old?.measured,
      // The entry cannot be linked into: nothing but the call itself starts it.
      data: {
        node,
        ports: flowPorts(node),
        issues: marks.byNode.get(node.id) ?? [],
        unconnected: marks.unconnected.get(node.id) ?? NONE,
        isStart: def.start === node.id,
        trace: trace.current === node.id ? 'current' : trace.nodes.has(node.id) ? 'visited' : undefined,
      },
    };
  });
}

/** `portLabel` names a port in the UI language for the edge's accessible name ("next" reads 下一步 in zh). */
export function toRfEdges(
  def: FlowDefinition, marks: FlowMarks, trace: TracePath, previous: readonly FlowRfEdge[], portLabel: (port: string) => string = (p) => p,
): FlowRfEdge[] {
  const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
  const ids = new Set(def.nodes.map((n) => n.id));
  return def.nodes.flatMap((node) =>
    node.next
      .filter((l) => ids.has(l.to))
      .map((l) => {
        const id = edgeId(node.id, l.port);
        const onPath = trace.edges.has(id);
        const bad = marks.byEdge.has(id);
        return {
          id,
          source: node.id,
          sourceHandle: l.port,
          target: l.to,
          type: 'smoothstep',
          selected: selected.has(id),
          className: [onPath && 'on-path', bad && 'has-issue'].filter(Boolean).join(' ') || undefined,
          markerEnd: { type: MarkerType.ArrowClosed, width: 12, height: 12 },
          data: { port: l.port, onPath, issues: marks.byEdge.get(id) ?? [] },
          ariaLabel: `${node.id} ${portLabel(l.port)} → ${l.to}`,
        } satisfies FlowRfEdge;
      }),
  );
}

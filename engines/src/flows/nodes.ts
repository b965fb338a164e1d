import type { FlowDefinition, FlowNode } from './types.js';

// Looking nodes up by id on every step of every call: index each flow version once.
const indexes = new WeakMap<FlowDefinition, Map<string, FlowNode>>();

export function nodeById(flow: FlowDefinition, id: string): FlowNode | undefined {
  let index = indexes.get(flow);
  if (!index) indexes.set(flow, (index = new Map(flow.nodes.map((n) => [n.id, n]))));
  return index.get(id);
}

/** Where a port leads, or undefined when it is left unconnected. */
export function target(node: FlowNode, port: string): string | undefined {
  return node.next.find((t) => t.port === port)?.to;
}

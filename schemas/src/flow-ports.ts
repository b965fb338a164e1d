import type { FlowNode, FlowNodeType } from './types.js';

export interface FlowPortSpec {
  port: string;
  /** May be left out of `next`: the call then ends there (or, for a queue, after the agent leg). */
  optional: boolean;
}

export interface FlowNodePorts {
  /** Ports that come from the node's settings: a menu's options, a condition's case ports (all required). */
  from?: 'options' | 'cases';
  /** Ports every node of the type has, after those from its settings. */
  fixed: readonly FlowPortSpec[];
}

const req = (port: string): FlowPortSpec => ({ port, optional: false });
const opt = (port: string): FlowPortSpec => ({ port, optional: true });

/** Which ports each node type has, so the builder draws the same handles the checks and the interpreter expect. */
export const FLOW_NODE_PORTS: Readonly<Record<FlowNodeType, FlowNodePorts>> = {
  entry: { fixed: [req('next')] },
  play: { fixed: [req('next')] },
  menu: { from: 'options', fixed: [req('noInput'), req('invalid')] },
  gather: { fixed: [req('next'), req('noInput'), req('invalid')] },
  condition: { from: 'cases', fixed: [req('else')] },
  hours: { fixed: [req('open'), req('closed')] },
  setVariable: { fixed: [req('next')] },
  lookup: { fixed: [req('found'), req('notFound')] },
  http: { fixed: [req('ok'), req('error')] },
  queue: { fixed: [opt('answered'), req('overflow')] },
  transfer: { fixed: [opt('failed')] },
  voicemail: { fixed: [opt('next')] },
  survey: { fixed: [opt('next'), opt('noInput')] },
  language: { fixed: [req('next'), req('noInput')] },
  subflow: { fixed: [req('next')] },
  return: { fixed: [] },
  hangup: { fixed: [] },
};

/** The ports of one node, in the order the canvas shows them (a menu's options first, in their order). */
export function flowPorts(node: Pick<FlowNode, 'type' | 'config'>): FlowPortSpec[] {
  const spec = FLOW_NODE_PORTS[node.type];
  if (!spec) return [];
  const dynamic: FlowPortSpec[] = [];
  if (spec.from === 'options') {
    for (const o of ((node.config as { options?: unknown[] }).options ?? [])) if (typeof o === 'string') dynamic.push(req(o));
  } else if (spec.from === 'cases') {
    for (const c of ((node.config as { cases?: { port?: unknown }[] }).cases ?? [])) if (typeof c?.port === 'string') dynamic.push(req(c.port));
  }
  return [...dynamic, ...spec.fixed];
}

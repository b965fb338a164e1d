import { checkExpression } from '../../expressions/index.js';
import { flowPorts } from '../../flow-ports.js';
import { issue } from '../../messages.js';
import { isTimeZone, minutesOf as minutes } from '../clock-checks.js';
import type { FlowDefinition, FlowNode, FlowNodeType, Locale, Prompt, ValidationIssue } from '../../types.js';

/** Node types that wait for the caller (or an agent): a loop through one of them cannot spin on its own. */
export const WAITING_NODE_TYPES: ReadonlySet<FlowNodeType> = new Set(['menu', 'gather', 'survey', 'language', 'queue', 'voicemail']);

/** The prompts a node carries, with the config property each sits in. */
export function promptPaths(node: FlowNode): [string, Prompt][] {
  const config = node.config as { prompt?: Prompt; retryPrompt?: Prompt };
  const out: [string, Prompt][] = [];
  if (config.prompt) out.push(['prompt', config.prompt]);
  if (config.retryPrompt) out.push(['retryPrompt', config.retryPrompt]);
  return out;
}

/** The JSONata expressions of a node, each with its path inside the node. */
function expressionPaths(node: FlowNode): [string, string][] {
  switch (node.type) {
    case 'condition':
      return node.config.cases.map((c, i) => [`/config/cases/${i}/expression`, c.expression]);
    case 'setVariable':
      return node.config.assignments.map((a, i) => [`/config/assignments/${i}/expression`, a.expression]);
    case 'http':
      return [
        ...(node.config.body !== undefined ? [['/config/body', node.config.body] as [string, string]] : []),
        ...node.config.mapping.map((m, i): [string, string] => [`/config/mapping/${i}/expression`, m.expression]),
      ];
    default:
      return [];
  }
}

/**
 * What the JSON Schema cannot say about a flow and needs no other definition: node names are unique,
 * transitions lead to nodes and leave from ports the node has, required ports are connected, the start is
 * an entry, every node can be reached, no loop can spin without waiting for the caller, every prompt speaks
 * every language the flow offers, expressions parse, and the settings agree with themselves.
 */
export function checkFlow(flow: FlowDefinition, locale: Locale): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const index = new Map<string, number>();
  flow.nodes.forEach((node, i) => {
    if (index.has(node.id)) out.push(issue(`/nodes/${i}/id`, 'duplicate_node', locale, { node: node.id }));
    else index.set(node.id, i);
  });
  if (!flow.languages.includes(flow.defaultLanguage)) {
    out.push(issue('/defaultLanguage', 'language_not_offered', locale, { language: languageName(flow.defaultLanguage, locale) }));
  }
  const startIndex = index.get(flow.start);
  if (startIndex === undefined) out.push(issue('/start', 'unknown_node', locale, { node: flow.start }));
  else if (flow.nodes[startIndex]!.type !== 'entry') out.push(issue('/start', 'start_not_entry', locale, { node: flow.start }));

  // Transitions: known ports, each once, to known nodes; required ports connected.
  const edges: number[][] = flow.nodes.map(() => []);
  flow.nodes.forEach((node, i) => {
    const ports = flowPorts(node);
    const known = new Set(ports.map((p) => p.port));
    const used = new Set<string>();
    node.next.forEach((t, j) => {
      if (!known.has(t.port)) out.push(issue(`/nodes/${i}/next/${j}/port`, 'unknown_port', locale, { port: t.port, type: node.type }));
      else if (used.has(t.port)) out.push(issue(`/nodes/${i}/next/${j}/port`, 'duplicate_port', locale, { port: t.port }));
      used.add(t.port);
      const to = index.get(t.to);
      if (to === undefined) out.push(issue(`/nodes/${i}/next/${j}/to`, 'unknown_node', locale, { node: t.to }));
      else if (known.has(t.port)) edges[i]!.push(to);
    });
    for (const p of ports) {
      if (!p.optional && !used.has(p.port)) out.push(issue(`/nodes/${i}/next`, 'port_unconnected', locale, { port: p.port, node: node.id }));
    }
  });

  // Reachable from the start (only the first node of a duplicated name counts).
  if (startIndex !== undefined) {
    const seen = new Set<number>([startIndex]);
    const stack = [startIndex];
    while (stack.length) for (const to of edges[stack.pop()!]!) if (!seen.has(to)) { seen.add(to); stack.push(to); }
    flow.nodes.forEach((node, i) => {
      if (!seen.has(i) && index.get(node.id) === i) out.push(issue(`/nodes/${i}`, 'unreachable_node', locale, { node: node.id }));
    });
  }

  for (const cycle of loopsWithoutWait(flow, edges)) {
    const names = [...cycle.map((i) => flow.nodes[i]!.id), flow.nodes[cycle[0]!]!.id].join(' → ');
    out.push(issue(`/nodes/${cycle[0]}`, 'loop_without_wait', locale, { nodes: names }));
  }

  flow.nodes.forEach((node, i) => {
    for (const [key, prompt] of promptPaths(node)) {
      for (const language of flow.languages) {
        if (!prompt.text?.[language]?.trim() && !prompt.audio?.[language]?.trim()) {
          out.push(issue(`/nodes/${i}/config/${key}`, 'prompt_missing_language', locale, { language: languageName(language, locale) }));
        }
      }
    }
    for (const [path, expression] of expressionPaths(node)) {
      const err = checkExpression(expression);
      if (err) out.push(issue(`/nodes/${i}${path}`, 'bad_expression', locale, { reason: err.message, position: err.position ?? 0 }));
    }
    out.push(...checkSettings(node, `/nodes/${i}/config`, flow, locale));
  });
  return out;
}

function checkSettings(node: FlowNode, at: string, flow: FlowDefinition, locale: Locale): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  switch (node.type) {
    case 'gather':
      if ((node.config.minDigits ?? 1) > node.config.maxDigits) out.push(issue(`${at}/minDigits`, 'min_above_max', locale));
      break;
    case 'condition': {
      const seen = new Set<string>();
      node.config.cases.forEach((c, k) => {
        if (c.port === 'else') out.push(issue(`${at}/cases/${k}/port`, 'reserved_port', locale, { port: c.port }));
        else if (seen.has(c.port)) out.push(issue(`${at}/cases/${k}/port`, 'duplicate_key', locale, { key: c.port }));
        seen.add(c.port);
      });
      break;
    }
    case 'hours':
      if (!isTimeZone(node.config.timeZone)) out.push(issue(`${at}/timeZone`, 'bad_time_zone', locale, { zone: node.config.timeZone }));
      for (const [day, ranges] of Object.entries(node.config.week)) {
        (ranges ?? []).forEach((r, k) => {
          if (minutes(r.to) <= minutes(r.from)) out.push(issue(`${at}/week/${day}/${k}/to`, 'bad_time_range', locale));
        });
      }
      break;
    case 'language': {
      const digits = new Set<string>();
      node.config.options.forEach((o, k) => {
        if (digits.has(o.digit)) out.push(issue(`${at}/options/${k}/digit`, 'duplicate_digit', locale, { digit: o.digit }));
        digits.add(o.digit);
        if (!flow.languages.includes(o.language)) {
          out.push(issue(`${at}/options/${k}/language`, 'language_not_offered', locale, { language: languageName(o.language, locale) }));
        }
      });
      break;
    }
    default:
      break;
  }
  return out;
}

/**
 * Loops made only of nodes that do not wait (Tarjan's strongly connected components over the graph
 * without the waiting nodes), each as node indexes starting at its first node in the list.
 */
function loopsWithoutWait(flow: FlowDefinition, edges: number[][]): number[][] {
  const skip = (i: number) => WAITING_NODE_TYPES.has(flow.nodes[i]!.type);
  const order: number[] = new Array(flow.nodes.length).fill(-1);
  const low: number[] = new Array(flow.nodes.length).fill(0);
  const onStack = new Set<number>();
  const stack: number[] = [];
  const loops: number[][] = [];
  let counter = 0;
  // Iterative, so a 300-node chain cannot overflow the call stack.
  for (let root = 0; root < flow.nodes.length; root++) {
    if (skip(root) || order[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [v, k] = frame;
      const targets = edges[v]!;
      if (k < targets.length) {
        frame[1]++;
        const w = targets[k]!;
        if (skip(w)) continue;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      work.pop();
      if (work.length) { const u = work[work.length - 1]![0]; low[u] = Math.min(low[u]!, low[v]!); }
      if (low[v] !== order[v]) continue;
      const component: number[] = [];
      let w: number;
      do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
      if (component.length > 1 || edges[v]!.includes(v)) loops.push(orderCycle(component, edges));
    }
  }
  return loops.sort((a, b) => a[0]! - b[0]!);
}

/** The shortest loop through a component's first node: first -> ... -> back to first (breadth first). */
function orderCycle(component: number[], edges: number[][]): number[] {
  const inside = new Set(component);
  const first = Math.min(...component);
  const from = new Map<number, number>([[first, -1]]);
  const queue = [first];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of edges[v]!) {
      if (w === first) {
        const walk: number[] = [];
        for (let at = v; at !== -1; at = from.get(at)!) walk.unshift(at);
        return walk;
      }
      if (inside.has(w) && !from.has(w)) { from.set(w, v); queue.push(w); }
    }
  }
  return [first];
}

function languageName(language: string, locale: Locale): string {
  const names: Record<string, { zh: string; en: string }> = { zh: { zh: '中文', en: 'Chinese' }, en: { zh: '英文', en: 'English' } };
  return names[language]?.[locale] ?? language;
}

// Small builders for flows written inline in tests, and a driver that feeds events to the interpreter.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { FlowDefinition } from '@telesales/schemas';
import { step, type CallState, type Command, type Evaluator, type FlowEvent, type ResolveFlow } from '@telesales/engines/flows';

/** Monday 3 March 2025, 10:00 in Shanghai (02:00 UTC): inside business hours. */
export const T0 = Date.parse('2025-03-03T02:00:00.000Z');
export const at = (ms = 0) => new Date(T0 + ms).toISOString();

type NodeSpec = { id: string; type: string; config?: Record<string, unknown>; next?: Record<string, string> };

export const say = (en: string, zh = en) => ({ text: { en, zh } });

/** A node: `next` as { port: target }. */
export function node(id: string, type: string, config: Record<string, unknown> = {}, next: Record<string, string> = {}): NodeSpec {
  return { id, type, config, next };
}

/** A flow starting at an entry node `entry` that leads to the first node given. */
export function flow(nodes: NodeSpec[], options: { key?: string; languages?: ('zh' | 'en')[]; defaultLanguage?: 'zh' | 'en' } = {}): FlowDefinition {
  const all = [node('entry', 'entry', { numbers: ['4008001234'] }, { next: nodes[0]!.id }), ...nodes];
  return {
    kind: 'flow', schemaVersion: 1, id: randomUUID(), key: options.key ?? 'test_flow', label: { en: 'Test', zh: '测试' },
    languages: options.languages ?? ['en', 'zh'], defaultLanguage: options.defaultLanguage ?? 'en', start: 'entry',
    nodes: all.map((n, i) => ({
      id: n.id, type: n.type, position: { x: 0, y: i * 100 }, config: n.config ?? {},
      next: Object.entries(n.next ?? {}).map(([port, to]) => ({ port, to })),
    })),
  } as unknown as FlowDefinition;
}

export function inboundFlow(): FlowDefinition {
  const raw = JSON.parse(readFileSync(new URL('../../templates/insurance/flows/inbound.json', import.meta.url), 'utf8'));
  delete raw.$schema;
  return raw;
}

export interface Driven {
  state: CallState;
  /** Every command of every event, in order. */
  commands: Command[];
  /** The commands of the last event. */
  last: Command[];
}

export const start = (ms = 0, caller = '+8613800000001'): FlowEvent => ({ type: 'start', caller, callee: '4008001234', at: at(ms) });

/**
 * Feeds the events in order (the first should be a start), optionally through JSON between events; expressions
 * run in this thread unless `evaluate` says where (the runtime's expression workers).
 */
export async function drive(
  f: FlowDefinition, events: FlowEvent[], options: { resolveFlow?: ResolveFlow; roundTrip?: boolean; state?: CallState; evaluate?: Evaluator } = {},
): Promise<Driven> {
  let state: CallState | null = options.state ?? null;
  const commands: Command[] = [];
  let last: Command[] = [];
  for (const event of events) {
    const result = await step({ flow: f, resolveFlow: options.resolveFlow, state, event, evaluate: options.evaluate });
    state = options.roundTrip ? JSON.parse(JSON.stringify(result.state)) : result.state;
    last = result.commands;
    commands.push(...last);
  }
  return { state: state!, commands, last };
}

/** The ports taken, in order, as "node:port". */
export const path = (s: CallState) => s.trace.filter((t) => t.port).map((t) => `${t.node}:${t.port}`);

export const ev = {
  done: (ms: number): FlowEvent => ({ type: 'promptDone', at: at(ms) }),
  keys: (digits: string, ms: number): FlowEvent => ({ type: 'digits', digits, at: at(ms) }),
  timeout: (ms: number): FlowEvent => ({ type: 'timeout', at: at(ms) }),
  hangup: (ms: number): FlowEvent => ({ type: 'hangup', at: at(ms) }),
};

import { StepContext, type Transition } from './context.js';
import { evaluateInThisThread } from './expressions.js';
import { HANDLERS } from './handlers/index.js';
import type { NodeHandler } from './handlers/handler.js';
import { MAX_STEPS_PER_CALL, MAX_STEPS_PER_EVENT, MAX_SUBFLOW_DEPTH } from './limits.js';
import { nodeById, target } from './nodes.js';
import type { CallState, Command, EndReason, FlowDefinition, FlowEvent, FlowNode, StepInput, TraceStep } from './types.js';

/**
 * Carries one event through the flow: the waiting node takes it, then the call moves from node to node until
 * one waits or the call ends, within the step bounds.
 */
export class Run {
  readonly commands: Command[] = [];
  private stepsThisEvent = 0;

  constructor(private readonly input: StepInput, readonly state: CallState, private readonly at: string) {}

  /** The flow the current node belongs to: the top-level one, or the sub-flow at the top of the stack. */
  private currentFlow(): FlowDefinition | null {
    if (!this.state.stack.length) return this.input.flow;
    const { key, version } = this.state.flow;
    return this.input.resolveFlow?.(key, version)?.definition ?? null;
  }

  async go(nodeId: string, event?: FlowEvent): Promise<void> {
    let id = nodeId;
    let pending = event;
    for (;;) {
      const flow = this.currentFlow();
      const node = flow && nodeById(flow, id);
      if (!flow || !node) return this.end('error', `node ${id} of flow ${this.state.flow.key} not found`);
      if (this.stepsThisEvent >= MAX_STEPS_PER_EVENT || this.state.steps >= MAX_STEPS_PER_CALL) return this.end('step_limit', 'step limit reached');
      this.stepsThisEvent += 1;
      this.state.steps += 1;
      if (!pending) this.state.retries = 0;
      this.state.node = node.id;
      const ctx = new StepContext(this.state, flow, node as never, this.at, this.commands, this.input.resolveFlow ?? (() => null), this.input.evaluate ?? evaluateInThisThread);
      const handler = HANDLERS[node.type] as NodeHandler<typeof node.type>;
      const t = pending ? await handler.resume!(ctx, pending) : await handler.enter(ctx);
      this.trace(node, t, ctx.changed, pending);
      pending = undefined;
      const next = this.follow(node, t);
      if (next === null) return;
      id = next;
    }
  }

  /** Applies a transition; the next node's id, or null when the call now waits or has ended. */
  private follow(node: FlowNode, t: Transition): string | null {
    this.state.waiting = 'wait' in t ? t.wait : null;
    if ('wait' in t) return null;
    if ('end' in t) {
      this.end(t.end);
      return null;
    }
    if ('call' in t) {
      if (this.state.stack.length >= MAX_SUBFLOW_DEPTH) {
        this.end('error', 'sub-flows nested too deep');
        return null;
      }
      this.state.stack.push({ flow: this.state.flow, node: node.id });
      this.state.flow = { key: t.call.key, version: t.call.version };
      return t.call.definition.start;
    }
    const to = 'port' in t ? target(node, t.port) : undefined;
    return to ?? this.leaveFlow();
  }

  /** `return`, or a port left unconnected: back to the calling flow's subflow node, or the call ends. */
  private leaveFlow(): string | null {
    for (;;) {
      const frame = this.state.stack.pop();
      if (!frame) {
        this.end('completed');
        return null;
      }
      const from = this.state.flow.key;
      this.state.flow = frame.flow;
      const caller = this.currentFlow();
      const node = caller && nodeById(caller, frame.node);
      if (!node) {
        this.end('error', `calling node ${frame.node} not found`);
        return null;
      }
      this.trace(node, { port: 'next', note: `returned from ${from}` }, {});
      const to = target(node, 'next');
      if (to) return to;
    }
  }

  end(reason: EndReason, note?: string): void {
    const s = this.state;
    s.ended = true;
    s.endReason = reason;
    s.waiting = null;
    // The caller already left (hangup) or belongs to someone else now (transferred): nothing to hang up.
    if (reason !== 'hangup' && reason !== 'transferred') this.commands.push({ type: 'hangup' });
    if (note) s.trace.push({ at: this.at, ...this.flowTag(), node: s.node, type: 'call', note: `${reason}: ${note}` });
  }

  private flowTag(): { flow?: string } {
    return this.state.stack.length ? { flow: this.state.flow.key } : {};
  }

  private trace(node: FlowNode, t: Transition, changed: Record<string, unknown>, event?: FlowEvent): void {
    const step: TraceStep = { at: this.at, ...this.flowTag(), node: node.id, type: node.type };
    if (event) step.event = event.type;
    if ('port' in t) step.port = t.port;
    if ('wait' in t) step.waitsFor = t.wait.for;
    if (Object.keys(changed).length) step.vars = changed;
    if (t.note) step.note = t.note;
    if ('end' in t) step.note = t.note ? `${t.end}: ${t.note}` : t.end;
    this.state.trace.push(step);
  }
}

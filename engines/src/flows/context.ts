import type { FlowNodeOf } from '@telesales/schemas';
import type { Evaluation, Evaluator } from './expressions.js';
import type { CallState, Command, FlowDefinition, FlowNodeType, ResolveFlow, Waiting } from './types.js';

/** What a handler asks for next. A port not connected ends the (sub-)flow there, like `return`. */
export type Transition =
  | { port: string; note?: string }
  | { wait: Waiting; note?: string }
  | { end: 'completed' | 'transferred' | 'error'; note?: string }
  | { call: { definition: FlowDefinition; key: string; version: number }; note?: string }
  | { return: true; note?: string };

/**
 * What one handler invocation works with: the call's working state (a private copy, mutated freely), the node,
 * the time of the event, and where its commands and changed variables go.
 */
export class StepContext<T extends FlowNodeType = FlowNodeType> {
  readonly changed: Record<string, unknown> = {};

  constructor(
    readonly state: CallState,
    readonly flow: FlowDefinition,
    readonly node: FlowNodeOf<T>,
    readonly at: string,
    readonly commands: Command[],
    readonly resolveFlow: ResolveFlow,
    private readonly evaluate: Evaluator,
  ) {}

  get config(): FlowNodeOf<T>['config'] {
    return this.node.config as FlowNodeOf<T>['config'];
  }

  emit(command: Command): void {
    this.commands.push(command);
  }

  setVar(name: string, value: unknown): void {
    this.state.vars[name] = value;
    this.changed[name] = value;
  }

  /**
   * Expressions see the call's variables, the call, the looked-up customer and the event's time. `$now()` and
   * `$millis()` answer the event's time, not the clock, so a call replayed from the same events takes the same branches.
   */
  eval(source: string, extra: object = {}): Promise<Evaluation> {
    const s = this.state;
    const input = {
      vars: s.vars,
      call: { caller: s.caller, callee: s.callee, language: s.language, startedAt: s.startedAt },
      customer: s.customer,
      now: this.at,
      ...extra,
    };
    return this.evaluate(source, input, { at: this.at });
  }
}

/** What the shared helpers (collect.ts) need of a context, whatever its node type. */
export type BaseContext = Pick<StepContext, 'state' | 'flow' | 'emit'>;

import type { StepContext, Transition } from '../context.js';
import type { FlowEvent, FlowNodeType } from '../types.js';

/**
 * One node type's behaviour: what it does when the call reaches it, and (for nodes that wait) what it does
 * with each event it said it waits for. Handlers only touch the context: no I/O, no clock, no randomness.
 */
export interface NodeHandler<T extends FlowNodeType> {
  enter(ctx: StepContext<T>): Transition | Promise<Transition>;
  resume?(ctx: StepContext<T>, event: FlowEvent): Transition | Promise<Transition>;
}

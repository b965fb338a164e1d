import type { FlowDefinition } from '@telesales/schemas';
import { api } from './client';

export { listSkillGroups, type SkillGroupJson } from './skill-groups';

/** What the simulator's step answers with: the call's state (kept by the test panel) and what to carry out. */
export interface SimCommand {
  type: string;
  prompt?: { text?: string; audio?: string };
  language?: string;
  bargeIn?: boolean;
  minDigits?: number;
  maxDigits?: number;
  finishOnKey?: string;
  timeoutMs?: number;
  [k: string]: unknown;
}

export interface SimTraceStep {
  at: string;
  /** The sub-flow the node belongs to (absent for the flow itself). */
  flow?: string;
  node: string;
  type: string;
  port?: string;
  vars?: Record<string, unknown>;
  note?: string;
}

export interface SimState {
  flow: { key: string; version: number | string };
  node: string;
  /** Sub-flows running: where each returns to. */
  stack?: { flow: { key: string; version: number }; node: string }[];
  /** The events the current node waits for (null once the call ended). */
  waiting: { for: string[]; phase: string; buffer?: string } | null;
  vars: Record<string, unknown>;
  language: string;
  ended: boolean;
  endReason?: string;
  trace: SimTraceStep[];
  [k: string]: unknown;
}

/** An event as the panel makes it; the time is added when it is sent. */
export type SimEventInput = { type: string; [k: string]: unknown };
export type SimEvent = SimEventInput & { at: string };


/** One event against the draft flow (not yet published): the runtime runs the interpreter and answers. */
export const simulateStep = (flow: FlowDefinition, state: SimState | null, event: SimEvent) =>
  api<{ state: SimState; commands: SimCommand[] }>('POST', '/api/flows/simulate/step', { flow, state, event });

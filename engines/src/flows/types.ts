import type { FlowDefinition, FlowNode, FlowNodeType } from '@telesales/schemas';
import type { Evaluator } from './expressions.js';

export type Language = 'zh' | 'en';

/** What happens to a call, from the telephony side (or the simulator). Every event carries its own time. */
export type FlowEvent =
  | { type: 'start'; caller: string; callee: string; at: string }
  | { type: 'promptDone'; at: string }
  | { type: 'digits'; digits: string; at: string }
  | { type: 'timeout'; at: string }
  | { type: 'lookupResult'; found: boolean; values?: Record<string, unknown>; at: string }
  | { type: 'httpResult'; ok: boolean; status?: number; body?: unknown; at: string }
  | { type: 'agentAnswered'; agentId: string; at: string }
  | { type: 'agentLegEnded'; at: string }
  | { type: 'queueTimeout'; at: string }
  | { type: 'recordingDone'; file?: string; at: string }
  | { type: 'transferFailed'; at: string }
  | { type: 'hangup'; at: string };
export type FlowEventType = FlowEvent['type'];
export type EventOf<T extends FlowEventType> = Extract<FlowEvent, { type: T }>;

/** What the interpreter asks the telephony side (or the simulator) to do. */
export type Command =
  | { type: 'play'; prompt: { text?: string; audio?: string }; language: Language; bargeIn: boolean }
  | { type: 'gather'; minDigits: number; maxDigits: number; finishOnKey?: '#' | '*'; timeoutMs: number }
  | { type: 'record'; maxSec: number }
  | { type: 'lookup'; entity: string; number: string }
  | { type: 'fetch'; method: 'GET' | 'POST'; url: string; body?: unknown; timeoutMs: number }
  | { type: 'enqueue'; skillGroup: string; maxWaitSec: number; announcePositionSec?: number; holdMusic?: string }
  | { type: 'transfer'; target: { type: 'agent' | 'group' | 'external'; ref: string } }
  | { type: 'hangup' }
  | { type: 'setLanguage'; language: Language }
  | { type: 'storeSurvey'; variable: string; score: number };

export interface FlowRef {
  key: string;
  /** The published version; 0 for a draft being simulated. */
  version: number;
}

/**
 * What the current node waits for. `phase` and `buffer` are the node's own memory between events
 * (prompt playing or digits being collected; the digits so far), kept here so the state stays plain JSON.
 */
export interface Waiting {
  for: FlowEventType[];
  phase: string;
  buffer?: string;
}

export type EndReason = 'completed' | 'hangup' | 'transferred' | 'step_limit' | 'error';

export interface TraceStep {
  at: string;
  /** Which flow the node belongs to (absent for the top-level flow). */
  flow?: string;
  node: string;
  type: FlowNodeType | 'call';
  /** The event this step handled (absent when the call just arrived at the node). */
  event?: FlowEventType;
  port?: string;
  /** The events the node now waits for. */
  waitsFor?: FlowEventType[];
  /** The variables this step changed, with their new values. */
  vars?: Record<string, unknown>;
  note?: string;
}

/** A call's whole state: plain JSON, so it can be stored between events and resumed by any process. */
export interface CallState {
  /** The flow the current node belongs to (a sub-flow while one runs). */
  flow: FlowRef;
  /** Where each running sub-flow returns to: the calling flow and its subflow node. */
  stack: { flow: FlowRef; node: string }[];
  node: string;
  waiting: Waiting | null;
  vars: Record<string, unknown>;
  /** The looked-up customer's values as the asker may see them (masked), for expressions. */
  customer: Record<string, unknown> | null;
  language: Language;
  caller: string;
  callee: string;
  startedAt: string;
  /** Time of the last event: what `now` and business hours read. */
  now: string;
  /** Retries used at the current node. */
  retries: number;
  steps: number;
  ended: boolean;
  endReason?: EndReason;
  trace: TraceStep[];
}

export interface ResolvedFlow {
  definition: FlowDefinition;
  version: number;
}

/** Finds a published flow for a sub-flow call: a pinned version, or the latest. Synchronous: callers preload. */
export type ResolveFlow = (key: string, version: number | 'latest') => ResolvedFlow | null;

export interface StepInput {
  flow: FlowDefinition;
  /** The top-level flow's published version (0 for a draft). */
  version?: number;
  resolveFlow?: ResolveFlow;
  /** Where expressions run: the runtime's worker threads; without it, this thread (the interpreter's own tests). */
  evaluate?: Evaluator;
  state: CallState | null;
  event: FlowEvent;
}

export interface StepResult {
  state: CallState;
  commands: Command[];
}

export type { FlowDefinition, FlowNode, FlowNodeType };

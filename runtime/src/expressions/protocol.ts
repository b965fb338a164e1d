import type { CooperativeLimits, Evaluation } from '@telesales/schemas/expressions';

/** One message to a worker: one expression over many inputs (a batch costs one round trip). */
export interface EvaluationRequest {
  id: number;
  source: string;
  inputs: unknown[];
  at?: string | undefined;
}

/** The worker's answer: one evaluation per input, in order; or, once, that it has loaded. */
export type EvaluationReply = { id: number; results: Evaluation[] } | { ready: true };

/** What a worker is started with. */
export interface WorkerConfig {
  limits?: CooperativeLimits | undefined;
}

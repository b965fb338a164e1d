import type { FlowDefinition } from '@telesales/schemas';
import type { ResolveFlow } from '@telesales/engines/flows';

/** The published flow an inbound call runs, loaded once per call (inbound.ts). */
export interface FlowToRun {
  flow: FlowDefinition;
  version: number;
  resolveFlow: ResolveFlow;
}

import type { SimState } from '../../api/flows';
import { NO_TRACE, type TracePath } from '../canvas/canvas-model';
import { edgeId } from '../flow-ops';

/** The nodes a test call went through and the links it took (a step's port), for the canvas to highlight. */
export function tracePath(state: SimState | null): TracePath {
  if (!state) return NO_TRACE;
  // Steps inside a sub-flow belong to another canvas.
  const own = state.trace.filter((s) => !s.flow);
  const nodes = new Set(own.map((s) => s.node));
  const edges = new Set(own.filter((s) => s.port).map((s) => edgeId(s.node, s.port!)));
  const inSubflow = state.stack?.[0]?.node ?? null;
  return { current: inSubflow ?? state.node, nodes, edges };
}
